// The learner's verbs against a kata serve (--server URL --token T): the same output and
// exit codes as locally, through the REST API. Kept apart: cpp-httplib is slow to compile.
#pragma once

#include <string>

#include "runner/commands.h"

namespace kata {

int RemoteList(const GlobalOptions& options, const ListFilter& filter);
int RemoteShow(const GlobalOptions& options, const std::string& id);
int RemoteFetch(const GlobalOptions& options, const std::string& id, const std::string& dir,
                bool force);
int RemoteSubmit(const GlobalOptions& options, const std::string& id, const std::string& path);
int RemoteHistory(const GlobalOptions& options, const std::string& id);
int RemoteFeedback(const GlobalOptions& options, const std::string& submission_id);

}  // namespace kata

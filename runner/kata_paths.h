// Where katas and the store live (BRIEF: "Where katas are found", "Store").
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kata {

// The folders to load katas from: --katas DIR, else KATA_PATH (':'-separated), else
// ../share/kata/katas next to the binary, else the source tree's katas/ when the binary
// runs from a build folder inside it. Empty when none exists.
std::vector<std::filesystem::path> KataFolders(const std::optional<std::string>& katas_flag);

// $KATA_HOME, else ~/.local/share/kata.
std::filesystem::path KataHome();

// The folder of the running executable (/proc/self/exe).
std::filesystem::path ExecutableFolder();

}  // namespace kata

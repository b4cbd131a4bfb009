// Parses kata's command line and runs the subcommand. Kept apart: CLI11 is slow to compile.
#pragma once

namespace kata {

// Returns the process exit code (see runner/commands.h).
int RunCli(int argc, char** argv);

}  // namespace kata

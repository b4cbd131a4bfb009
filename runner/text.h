// Small text helpers shared by the loaders, graders and probes.
#pragma once

#include <string>

namespace kata {

// Without leading and trailing spaces, tabs and carriage returns.
std::string Trim(std::string text);
// ASCII case folding.
std::string Lower(std::string text);
std::string Upper(std::string text);

}  // namespace kata

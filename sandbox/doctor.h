// kata doctor: which isolation mechanisms this machine gives kata, found by trying each,
// and what learner code could do without the ones that are missing.
#pragma once

#include <string>
#include <vector>

namespace kata {

struct Mechanism {
  std::string name;
  bool available = false;
  std::string detail;   // what was found
  std::string without;  // what is lost where it is missing
};

// Tries each mechanism (forks short-lived children; takes a few milliseconds).
std::vector<Mechanism> InspectSandbox();

}  // namespace kata

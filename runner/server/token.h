// API tokens: random, shown once, stored only as SHA-256 hashes (OpenSSL).
#pragma once

#include <string>

namespace kata {

// 32 random bytes as 64 hex characters.
std::string NewToken();
// The lowercase hex SHA-256 of text.
std::string Sha256Hex(const std::string& text);

}  // namespace kata

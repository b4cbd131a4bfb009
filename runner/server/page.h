// The web page kata serve answers at /: browse, read, submit and watch the result.
#pragma once

#include <string>

namespace kata {

// The whole page: HTML with its CSS and script inline (no framework, no other request
// than the API's).
const std::string& WebPage();

// Markdown to HTML with cmark, safe: raw HTML and javascript: links are dropped.
std::string RenderMarkdown(const std::string& markdown);

}  // namespace kata

#include "emit/renderer.hpp"

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace retortc {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// The Mustache spec drops a line that holds nothing but a section tag
// (`{{#x}}`, `{{^x}}`, `{{/x}}`) or a comment. kainjow instead drops a
// rendered line that is blank and contained a section tag, which misses false
// sections and eats blank lines next to tags. Moving each standalone tag onto
// the end of the previous line (or, after a blank line, the start of the
// next) gives the spec's output under kainjow's rule.
bool is_standalone_tag(std::string_view tag) {
  return tag.size() > 5 && tag.starts_with("{{") && tag.ends_with("}}") &&
         (tag[2] == '#' || tag[2] == '^' || tag[2] == '/' || tag[2] == '!') &&
         tag.find("}}") == tag.size() - 2;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string strip_standalone_tags(std::string_view text) {
  std::vector<std::string> lines;  // without their newlines
  std::string pending;             // tags waiting for the next line
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    std::string_view tag = trim(line);
    if (is_standalone_tag(tag)) {
      // Not after `{`, where the tag would read as a `{{{` triple mustache.
      if (!lines.empty() && !trim(lines.back()).empty() && lines.back().back() != '{') {
        lines.back() += tag;
      } else {
        pending += tag;
      }
    } else {
      lines.push_back(pending + std::string(line));
      pending.clear();
    }
    start = end + 1;
  }
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) out += lines[i] + (i + 1 < lines.size() ? "\n" : "");
  return out + pending;
}

}  // namespace

std::string render(std::string_view template_text, const kainjow::mustache::data& context) {
  kainjow::mustache::mustache tmpl{strip_standalone_tags(template_text)};
  if (!tmpl.is_valid()) {
    // A bug in retortc, not the user's mistake; the unit tests render every
    // template, so this is not reached from a released build.
    std::fprintf(stderr, "retortc: internal error: template does not parse: %s\n", tmpl.error_message().c_str());
    std::abort();
  }
  tmpl.set_custom_escape([](const std::string& text) { return text; });
  return tmpl.render(context);
}

}  // namespace retortc

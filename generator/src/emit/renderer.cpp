#include "emit/renderer.hpp"

#include <cstdio>
#include <cstdlib>

namespace retortc {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// The Mustache spec drops a line that holds nothing but a section tag
// (`{{#x}}`, `{{^x}}`, `{{/x}}`) or a comment. kainjow does not: it drops a
// rendered line only if it is blank and held a section tag, which misses
// false sections. Moving each standalone tag to the start of the next line
// gives the spec's output under kainjow's rule, as long as no tag line is
// followed by a blank line (the templates keep blank lines before closing
// tags instead; emit tests check the rendered layout).
bool is_standalone_tag(std::string_view line) {
  while (!line.empty() && is_blank(line.front())) line.remove_prefix(1);
  while (!line.empty() && is_blank(line.back())) line.remove_suffix(1);
  return line.size() > 5 && line.starts_with("{{") && line.ends_with("}}") &&
         (line[2] == '#' || line[2] == '^' || line[2] == '/' || line[2] == '!') &&
         line.find("}}") == line.size() - 2;
}

std::string strip_standalone_tags(std::string_view text) {
  std::string out;
  std::string pending;  // tags waiting for the start of the next line
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    std::string_view line = text.substr(start, next - start);
    if (is_standalone_tag(line.substr(0, line.find('\n')))) {
      std::size_t first = line.find("{{");
      pending += line.substr(first, line.rfind("}}") + 2 - first);
    } else {
      out += pending;
      out += line;
      pending.clear();
    }
    start = next;
  }
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

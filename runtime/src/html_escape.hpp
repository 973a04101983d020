// html_escape: text made safe inside HTML, as markupsafe.escape (Jinja's
// autoescape, Werkzeug's error pages and redirect bodies) writes it.
#pragma once

#include <string>
#include <string_view>

namespace retort::detail {

inline std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&#34;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace retort::detail

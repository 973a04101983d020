// Percent-encoding as Werkzeug 3.1 builds URLs (routing/rules.py, urls.py).
//
// Header-only on purpose: retortc uses it to pre-encode a rule's static text
// at generation time, the runtime to encode values when url_for runs, and
// the two must agree byte for byte.
#pragma once

#include <string>
#include <string_view>

namespace retort::detail {

// Characters Werkzeug leaves literal in a path (variable values and a rule's
// static text): unreserved plus `!$&'()*+,/:;=@`.
constexpr bool is_path_safe(unsigned char c) noexcept {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '-': case '.': case '_': case '~': case '!': case '$': case '&': case '\'':
    case '(': case ')': case '*': case '+': case ',': case '/': case ':': case ';':
    case '=': case '@':
      return true;
    default:
      return false;
  }
}

// `Out` is std::string or any type with the same `+=`.
template <class Out>
void append_path_encoded(Out& out, std::string_view text) {
  constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (is_path_safe(c)) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
}

// A query string as it arrived, made fit for a URL and a header: Werkzeug's
// get_current_url quotes it with safe="!$&'()*+,/:;=?@%", so escapes stay
// as sent and bytes a URI cannot hold (space, controls, non-ASCII) are
// encoded. Used by Request::url() and routing redirects' Location.
template <class Out>
void append_query_encoded(Out& out, std::string_view query) {
  constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : query) {
    auto c = static_cast<unsigned char>(ch);
    if (is_path_safe(c) || ch == '?' || ch == '%') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
}

}  // namespace retort::detail

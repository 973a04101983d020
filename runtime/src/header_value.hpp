// header_value: the structured request header values the runtime reads,
// parsed as Werkzeug 3.1 parses them: `type/subtype; key=value` options
// (Content-Type, a multipart part's Content-Disposition) and Accept
// negotiation. Also the few Python string operations those parsers need to
// copy exactly (str.strip() strips Unicode whitespace, not just ASCII).
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace retort::detail {

// A header value split into its value and `; key=value` parameters.
struct HeaderValue {
  // Stripped and ASCII-lower-cased: Werkzeug's parse_options_header keeps
  // the case, but every caller (Request.mimetype, the form parser) lowers
  // it, so `Multipart/Form-Data` is a form.
  std::string value;
  // Names lower-cased, values unquoted (`\"`, `\\` and `%22` give `"`),
  // RFC 2231 `name*=utf-8''%E2%82%AC` decoded and `name*0=`/`name*1=`
  // joined, in first-seen order; a repeated name keeps its last value (a
  // Python dict). Malformed parameters are skipped, as Werkzeug does.
  std::vector<std::pair<std::string, std::string>> params;

  // The parameter's value; `name` is compared case-insensitively.
  std::optional<std::string_view> param(std::string_view name) const;
};

// werkzeug.http.parse_options_header. Text is UTF-8.
HeaderValue parse_options_header(std::string_view text);

// Werkzeug's Request.is_json: the mimetype of `content_type` (parameters
// ignored, case-insensitive) is application/json or application/*+json.
bool is_json_mimetype(std::string_view content_type);

// MIMEAccept(parse_accept_header(accept_header)).best_match(offers,
// fallback): the offer the client prefers — highest q, then the more
// specific client entry (text/html beats text/* beats */*), then the
// earlier offer — or `fallback` when none is acceptable (q=0 refuses; an
// empty or absent header accepts nothing, as in Werkzeug). Offers must be
// `type/subtype`; a malformed offer (`json`, `*/json`) throws
// std::invalid_argument (Werkzeug: ValueError), whatever the header says.
std::string_view best_match(std::string_view accept_header,
                            std::initializer_list<std::string_view> offers,
                            std::string_view fallback);

// Python's str.strip() / lstrip() on UTF-8 text: removes the code points
// str.isspace() accepts (ASCII whitespace, \x1c-\x1f, U+0085, U+00A0,
// U+2000-U+200A, U+3000, ...) from the ends.
std::string_view python_strip(std::string_view text);
std::string_view python_lstrip(std::string_view text);
// The byte length of the Python whitespace code point at text[at], or 0.
std::size_t python_space_length(std::string_view text, std::size_t at);

std::string ascii_lower(std::string_view text);

// werkzeug.http.parse_list_header: split on commas outside quoted strings,
// strip each item with `strip`, drop empty ones, unquote wholly quoted ones
// (`"a\"b"` is `a"b`); an unclosed quote makes the whole list empty.
// `strip` is python_strip for text; ProxyFix passes its Latin-1 one, as a
// WSGI environ holds headers decoded as Latin-1.
std::vector<std::string> parse_list_header(std::string_view value,
                                           std::string_view (*strip)(std::string_view) = python_strip);

// Usage:
//
//   auto ct = detail::parse_options_header(R"(multipart/form-data; boundary="a b")");
//   ct.value;                 // "multipart/form-data"
//   *ct.param("Boundary");    // "a b"
//
//   detail::is_json_mimetype("application/vnd.api+json; charset=utf-8");  // true
//
//   // An error page as JSON for clients that prefer it, HTML otherwise:
//   detail::best_match(accept, {"text/html", "application/json"}, "text/html");

}  // namespace retort::detail

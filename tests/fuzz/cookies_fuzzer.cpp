// Fuzz target: cookies (runtime/src/cookies.cpp): parse_cookies on any
// Cookie header, and format_set_cookie on any name, value and options.
//
// Oracle:
//   parse     names are non-empty, stripped and valid UTF-8, as values are;
//   format    no control byte in the header; split at `; ` outside the
//             quoted value, it is `name=value` followed by exactly the
//             attributes the options ask for, so no value can add one;
//             and parse_cookies reads the value back unchanged.
// format_set_cookie may refuse (std::invalid_argument) only a name or
// domain with CR/LF or a domain IDNA would reject, as documented.
#include <cctype>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <retort/cookies.hpp>

#include "fuzz_check.hpp"
#include "fuzz_input.hpp"
#include "percent_decode.hpp"
#include "utf8.hpp"

using retort::fuzz::check;

namespace {

void check_parse(std::string_view header) {
  for (const auto& [name, value] : retort::parse_cookies(header)) {
    check(!name.empty(), "a cookie without a name", header);
    check(retort::fuzz::is_valid_utf8(name) && retort::fuzz::is_valid_utf8(value), "a cookie is not UTF-8", header);
    check(name.find_first_of(";=") == std::string::npos, "a cookie name holds ; or =", header);
  }
}

// The pieces of a Set-Cookie value between `; ` separators, not counting
// any inside the (quoted) value.
std::vector<std::string_view> attributes_of(std::string_view header) {
  std::vector<std::string_view> pieces;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == '\\' && quoted) {
      ++i;
    } else if (header[i] == '"') {
      quoted = !quoted;
    } else if (!quoted && header.substr(i, 2) == "; ") {
      pieces.push_back(header.substr(start, i - start));
      start = i + 2;
    }
  }
  pieces.push_back(header.substr(start));
  return pieces;
}

// A cookie name as browsers and Werkzeug's parser take it: an RFC 6265 token.
bool is_token(std::string_view name) {
  if (name.empty()) return false;
  for (const char c : name) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b >= 0x7F || std::string_view("()<>@,;:\\\"/[]?={}").find(c) != std::string_view::npos)
      return false;
  }
  return true;
}

void check_format(retort::fuzz::FuzzInput& input) {
  const std::string name(input.text());
  const std::string value(input.text());
  retort::CookieOptions options;
  const std::uint8_t flags = input.byte();
  if (flags & 1) options.max_age = std::chrono::seconds(static_cast<std::int64_t>(input.integer()) % 4'000'000'000);
  options.path = input.text();
  // Like the name, the domain is the caller's and written as given
  // (cookies.hpp): only its labels and port are the code's business here.
  for (const char c : input.text()) options.domain += std::isalnum(static_cast<unsigned char>(c)) || c == ':' ? c : '.';
  options.secure = flags & 2;
  options.http_only = flags & 4;
  options.partitioned = flags & 8;
  options.same_site = static_cast<retort::SameSite>((flags >> 4) % 4);
  std::string header;
  try {
    header = retort::format_set_cookie(name, value, options);
  } catch (const std::invalid_argument&) {
    const bool newline = name.find_first_of("\r\n") != std::string::npos ||
                         options.domain.find_first_of("\r\n") != std::string::npos;
    check(newline || !options.domain.empty(), "format_set_cookie refused a cookie without cause", name + "=" + value);
    return;
  }
  // The name is written as given, as Werkzeug writes it (cookies.hpp): a
  // name is the caller's, never the request's. The rest is ours.
  for (const char c : std::string_view(header).substr(name.size())) {
    const auto b = static_cast<unsigned char>(c);
    check(b >= 0x20 && b != 0x7F, "a control byte in Set-Cookie", header);
  }
  if (!is_token(name)) return;  // a bad name is the caller's; the value is ours

  const std::vector<std::string_view> pieces = attributes_of(header);
  check(pieces[0].starts_with(name + "="), "Set-Cookie does not start with name=", header);
  std::size_t expected = 1 + !options.domain.empty() + (options.max_age ? 2 : 0) +
                         (options.secure || options.partitioned) + options.http_only + 1 /* Path */ +
                         (options.same_site != retort::SameSite::unset) + options.partitioned;
  check(pieces.size() == expected, "Set-Cookie has other attributes than asked for", header);
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    const std::string_view piece = pieces[i];
    const bool known = piece.starts_with("Domain=") || piece.starts_with("Expires=") || piece.starts_with("Max-Age=") ||
                       piece == "Secure" || piece == "HttpOnly" || piece.starts_with("Path=") ||
                       piece.starts_with("SameSite=") || piece == "Partitioned";
    check(known, "Set-Cookie has an unknown attribute", header);
    if (piece.starts_with("Path=")) check(piece.find_first_of(" ;\"") == std::string_view::npos, "a Path breaks out", header);
  }
  const auto cookies = retort::parse_cookies(pieces[0]);
  check(cookies.size() == 1 && cookies[0].first == name, "the cookie does not parse back", header);
  check(cookies[0].second == retort::detail::replace_invalid_utf8(value), "the value does not parse back", header);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  retort::fuzz::FuzzInput input(data, size);
  if (input.byte() % 2) {
    check_parse(input.rest());
  } else {
    check_format(input);
  }
  return 0;
}

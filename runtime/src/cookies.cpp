#include "retort/cookies.hpp"

#include <optional>
#include <stdexcept>

#include "header_value.hpp"
#include "http_date.hpp"
#include "percent_decode.hpp"

namespace retort {
namespace {

// Python's \s under re.ASCII.
bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (i < s.size() && is_ascii_space(s[i])) ++i;
  return i;
}

struct CookieMatch {
  std::string_view name, value;
  std::size_t end;
};

// One match at `p` of Werkzeug's _cookie_re, which findall() applies to the
// header plus a final `;`:
//
//   ([^=;]*) (?: \s*=\s* ( "(?:[^\\"]|\\.)*" | .*? ) )? \s*;\s*
//
// Worked out by hand rather than with a regex engine: the name runs to the
// first `=` or `;`; after `=` comes a quoted-string if one closes right
// before `\s*;`, else everything up to the next `;` on the same line (`.`
// stops at \n, so a value spanning a newline fails the whole match and
// findall retries one byte later, which is how junk gets skipped).
std::optional<CookieMatch> match_cookie(std::string_view s, std::size_t p) {
  const std::size_t e = s.find_first_of("=;", p);  // the text ends with ';'
  const std::string_view name = s.substr(p, e - p);
  if (s[e] == ';') return CookieMatch{name, {}, skip_spaces(s, e + 1)};
  const std::size_t q = skip_spaces(s, e + 1);
  if (q < s.size() && s[q] == '"') {
    std::size_t j = q + 1;
    while (j < s.size() && s[j] != '"') {
      if (s[j] == '\\') {
        if (j + 1 >= s.size() || s[j + 1] == '\n') break;
        ++j;
      }
      ++j;
    }
    if (j < s.size() && s[j] == '"') {
      const std::size_t t = skip_spaces(s, j + 1);
      if (t < s.size() && s[t] == ';') return CookieMatch{name, s.substr(q, j + 1 - q), skip_spaces(s, t + 1)};
    }
  }
  for (std::size_t k = q;; ++k) {  // the lazy `.*?`
    const std::size_t t = skip_spaces(s, k);
    if (t < s.size() && s[t] == ';') return CookieMatch{name, s.substr(q, k - q), skip_spaces(s, t + 1)};
    if (k >= s.size() || s[k] == '\n') return std::nullopt;
  }
}

int octal_digit(char c, char max) { return c >= '0' && c <= max ? c - '0' : -1; }

// re.sub(rb"\\([0-3][0-7]{2}|.)", ...): `\ooo` is that byte, `\x` is x.
std::string unslash(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
      if (i + 3 < text.size() && octal_digit(text[i + 1], '3') >= 0 && octal_digit(text[i + 2], '7') >= 0 &&
          octal_digit(text[i + 3], '7') >= 0) {
        out += static_cast<char>(octal_digit(text[i + 1], '3') * 64 + octal_digit(text[i + 2], '7') * 8 +
                                 octal_digit(text[i + 3], '7'));
        i += 3;
      } else {
        out += text[++i];
      }
      continue;
    }
    out += text[i];
  }
  return out;
}

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// _cookie_no_quote_re: the characters a value may have unquoted.
bool is_cookie_char(char c) {
  return is_alnum(c) || std::string_view("_!#$%&'()*+-./:<=>?@[]^`{|}~").find(c) != std::string_view::npos;
}

void append_octal(std::string& out, unsigned char b) {
  out += '\\';
  out += static_cast<char>('0' + (b >> 6));
  out += static_cast<char>('0' + ((b >> 3) & 7));
  out += static_cast<char>('0' + (b & 7));
}

std::string quote_cookie_value(std::string_view value) {
  bool plain = true;
  for (const char c : value) plain = plain && is_cookie_char(c);
  if (plain) return std::string(value);
  std::string out = "\"";
  for (const char c : value) {
    const auto b = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (b < 0x20 || c == ',' || c == ';' || b >= 0x7F) {
      // All controls, as Werkzeug's _cookie_slash_map means to: its regex
      // stops at \x19 and sends \x1a-\x1f raw, control bytes no header may
      // hold (found by tests/fuzz/cookies_fuzzer.cpp).
      append_octal(out, b);
    } else {
      out += c;
    }
  }
  return out + '"';
}

// urllib.parse.quote(path, safe="%!$&'()*+,/:=@").
std::string quote_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : path) {
    if (is_alnum(c) || std::string_view("_.-~%!$&'()*+,/:=@").find(c) != std::string_view::npos) {
      out += c;
    } else {
      const auto b = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  return out;
}

// domain.partition(":")[0].lstrip(".").encode("idna") for ASCII names:
// Python's codec only checks label lengths then.
std::string cookie_domain(std::string_view domain) {
  domain = domain.substr(0, domain.find(':'));
  while (domain.starts_with('.')) domain.remove_prefix(1);
  for (const char c : domain)
    if (static_cast<unsigned char>(c) >= 0x80)
      throw std::invalid_argument("cookie domain is not ASCII; pass its IDNA (xn--) form");
  for (std::size_t start = 0; !domain.empty();) {
    const std::size_t dot = domain.find('.', start);
    const std::size_t length = (dot == std::string_view::npos ? domain.size() : dot) - start;
    if (length >= 64 || (dot != std::string_view::npos && length == 0))
      throw std::invalid_argument("cookie domain has an empty or too long label");
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return std::string(domain);
}

void check_no_newline(std::string_view text, const char* what) {
  if (text.find_first_of("\r\n") != std::string_view::npos)
    throw std::invalid_argument(std::string(what) + " must not contain newline characters");
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parse_cookies(std::string_view cookie_header) {
  std::vector<std::pair<std::string, std::string>> cookies;
  if (cookie_header.empty()) return cookies;
  const std::string text = detail::replace_invalid_utf8(cookie_header) + ";";
  for (std::size_t p = 0; p < text.size();) {
    const auto match = match_cookie(text, p);
    if (!match) {
      ++p;
      continue;
    }
    p = match->end;
    const std::string_view name = detail::python_strip(match->name);
    const std::string_view value = detail::python_strip(match->value);
    if (name.empty()) continue;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      cookies.emplace_back(name, detail::replace_invalid_utf8(unslash(value.substr(1, value.size() - 2))));
    else
      cookies.emplace_back(name, value);
  }
  return cookies;
}

std::string format_set_cookie(std::string_view name, std::string_view value, const CookieOptions& options) {
  check_no_newline(name, "cookie name");
  check_no_newline(options.domain, "cookie domain");
  std::string out(name);
  out += '=';
  out += quote_cookie_value(value);
  if (!options.domain.empty()) out += "; Domain=" + cookie_domain(options.domain);
  if (options.expires) {
    out += "; Expires=" + detail::format_http_date(*options.expires);
  } else if (options.max_age) {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    out += "; Expires=" + detail::format_http_date(now + *options.max_age);
  }
  if (options.max_age) out += "; Max-Age=" + std::to_string(options.max_age->count());
  if (options.secure || options.partitioned) out += "; Secure";
  if (options.http_only) out += "; HttpOnly";
  out += "; Path=" + quote_path(options.path);
  switch (options.same_site) {
    case SameSite::unset: break;
    case SameSite::strict: out += "; SameSite=Strict"; break;
    case SameSite::lax: out += "; SameSite=Lax"; break;
    case SameSite::none: out += "; SameSite=None"; break;
  }
  if (options.partitioned) out += "; Partitioned";
  return out;
}

std::string format_delete_cookie(std::string_view name, const CookieOptions& options) {
  CookieOptions expired = options;
  expired.max_age = std::chrono::seconds(0);
  expired.expires = std::chrono::sys_seconds();  // the epoch
  return format_set_cookie(name, "", expired);
}

}  // namespace retort

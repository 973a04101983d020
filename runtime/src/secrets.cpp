#include "secrets.hpp"

#include <algorithm>

namespace retort::detail {

bool is_secret_name(std::string_view name) {
  std::string upper(name);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == '-') c = '_';
  }
  static constexpr std::string_view kWords[] = {"SECRET",  "PASSWORD",   "PASSWD", "PASSPHRASE",
                                                "TOKEN",   "PRIVATE",    "CREDENTIAL", "APIKEY"};
  const std::string_view text = upper;
  if (std::any_of(std::begin(kWords), std::end(kWords),
                  [&](std::string_view word) { return text.find(word) != std::string_view::npos; }))
    return true;
  return text == "KEY" || text.ends_with("_KEY");
}

bool is_secret_key(std::string_view dotted_key) {
  for (std::size_t start = 0;;) {
    const std::size_t dot = std::min(dotted_key.find('.', start), dotted_key.size());
    if (is_secret_name(dotted_key.substr(start, dot - start))) return true;
    if (dot == dotted_key.size()) return false;
    start = dot + 1;
  }
}

std::string hide_url_password(std::string_view text) {
  // Every URL in the text (a list of them, a DSN with a fallback):
  // scheme "://" userinfo "@" host…, as RFC 3986 splits it: the authority
  // ends at the first '/', '?', '#' or space; the userinfo at its last '@'.
  std::string shown;
  std::size_t copied = 0;
  for (std::size_t scheme_end = text.find("://"); scheme_end != std::string_view::npos;
       scheme_end = text.find("://", scheme_end + 3)) {
    if (scheme_end == 0) continue;
    const std::size_t authority = scheme_end + 3;
    const std::size_t authority_end = std::min(text.find_first_of("/?# ,;", authority), text.size());
    const std::size_t at = text.substr(authority, authority_end - authority).rfind('@');
    if (at == std::string_view::npos) continue;
    const std::string_view userinfo = text.substr(authority, at);
    const std::size_t colon = userinfo.find(':');
    if (colon == std::string_view::npos || colon + 1 == userinfo.size()) continue;
    shown.append(text.substr(copied, authority + colon + 1 - copied)).append("***");
    copied = authority + at;
  }
  shown.append(text.substr(copied));
  return shown;
}

}  // namespace retort::detail

// percent_decode: `%XX` escapes to bytes, as a WSGI server decodes a path,
// and the bytes read as UTF-8 with U+FFFD for invalid sequences (Python's
// errors="replace", which Werkzeug uses).
#pragma once

#include <string>
#include <string_view>

namespace retort::detail {

enum class PlusMeans { plus, space };  // `+` is a space only in query strings

// Decodes escapes and replaces invalid UTF-8. Malformed escapes (`%zz`, a
// lone `%`) are kept as written; `malformed`, when given, says if any were.
std::string percent_decode(std::string_view text, PlusMeans plus = PlusMeans::plus,
                           bool* malformed = nullptr);

// `bytes` as UTF-8, each maximal invalid subsequence replaced by U+FFFD, the
// way Python's decoder does it (Unicode 3.9, "substitution of maximal
// subparts").
std::string replace_invalid_utf8(std::string_view bytes);

}  // namespace retort::detail

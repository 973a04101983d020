// percent_decode: `%XX` escapes to bytes, as a WSGI server decodes a path.
//
// Malformed escapes (`%zz`, a lone `%`) are kept as written, which is what
// Werkzeug's server and test client do (docs/differences.md).
#pragma once

#include <string>
#include <string_view>

namespace retort::detail {

enum class PlusMeans { plus, space };  // `+` is a space only in query strings

std::string percent_decode(std::string_view text, PlusMeans plus = PlusMeans::plus);

}  // namespace retort::detail

// HTTP dates (RFC 9110 5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`, as
// Last-Modified, Expires and If-Modified-Since carry them.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace retort::detail {

using Seconds = std::chrono::sys_seconds;

// IMF-fixdate, always GMT.
std::string format_http_date(Seconds when);
// IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must
// accept; nullopt for anything else.
std::optional<Seconds> parse_http_date(std::string_view text);

}  // namespace retort::detail

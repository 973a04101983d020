// The request logs the servers write: Werkzeug's development log (`develop`,
// coloured on a terminal as Werkzeug colours it) and the Combined Log Format
// of Apache and nginx (`serve`), which log tools already read.
#pragma once

#include <string>

#include "retort/server.hpp"

namespace retort::cli {

// `127.0.0.1 - - [21/Nov/2026 11:49:32] "GET /user/7 HTTP/1.1" 200 -`, local
// time, the request line in Werkzeug's colour for its status when `colour`.
std::string development_log_line(const AccessLogEntry& entry, bool colour);

// `127.0.0.1 - - [21/Nov/2026:11:49:32 +0000] "GET /user/7 HTTP/1.1" 200 15
// "http://example.com/" "curl/7.88.1"`, UTC; quotes, backslashes and
// control bytes in the client's fields (the request line, Referer,
// User-Agent, and the address, which a trusted X-Forwarded-For supplies)
// escaped as `\xHH` (Apache's rule), so a client cannot forge a log line.
std::string combined_log_line(const AccessLogEntry& entry);

}  // namespace retort::cli

// HTTP/1.1 response serialisation: a retort::Response to the bytes sent on
// the wire (RFC 9112 4, 6). Pure: the caller passes the clock.
//
// The writer owns the framing: Content-Length comes from the body and
// Connection from the server's decision, whatever the handler set; Date and
// Server are added unless the handler set its own.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "http_date.hpp"
#include "retort/response.hpp"

namespace retort::detail {

// Sent when a request with `Expect: 100-continue` may send its body.
inline constexpr std::string_view kContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n";

// The status line, the response's headers in order (each Set-Cookie on its
// own line), then Content-Length, Date, Server and Connection, and the body.
// `now` is the Date; `keep_alive` picks `Connection: keep-alive` or `close`.
//
// - No body for HEAD requests and 1xx/204/304 responses. A HEAD response
//   keeps the Content-Length the GET would have sent: the length of the
//   body the handler produced, or, when the body is empty, a valid
//   Content-Length the handler set itself. 1xx, 204 and 304 have none.
// - A header whose name is not a token, or whose value holds CR, LF or NUL,
//   would let the value write its own headers or a second response
//   (response splitting). Such a response is never sent: a 500 error page
//   goes out instead, as Werkzeug refuses such a header with an error.
//   Dropping just that header would leave a response the handler did not
//   mean (a redirect without its Location, a page without its CSP).
// `written`, when given, gets what went out (for the access log).
struct WrittenResponse {
  int status = 0;              // the response's, or 500 when it was refused as above
  std::size_t body_bytes = 0;  // 0 for HEAD, 1xx, 204 and 304
};
std::string write_response(const Response& response, bool head_request, bool keep_alive, Seconds now,
                           WrittenResponse* written = nullptr);

// True when the handler's response asks to close (`Connection: close`).
bool asks_to_close(const Response& response);

// A request the server refuses before the app sees it (400, 413, 414,
// 431, 505, …): an error page like App's. `detail` is shown when the
// status has no standard description.
Response protocol_error_page(int status, std::string_view detail);

}  // namespace retort::detail

// Server: serves an App over HTTP/1.1 (Pistache's TCP layer underneath, not
// exposed; retort reads and writes HTTP itself).
//
//   retort::Server server(app, {.host = "127.0.0.1", .port = 5000});
//   server.run();   // or start() ... stop(), or start() ... shutdown(30s)
//
// Connections stay open between requests unless the client asks to close
// them (RFC 9112 9.3); pipelined requests are answered in order. A request
// body longer than app.max_content_length() is refused with 413 before it
// is read.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "retort/app.hpp"

namespace retort {

// Werkzeug's ProxyFix: how many proxies in front of the server to trust for
// each X-Forwarded-* header. 0 (the default) ignores the header, since any
// client can send it; N takes the value the Nth proxy from the server added
// (the Nth from the right of the comma-separated list) and ignores the
// header when it holds fewer than N values.
struct ProxyFix {
  unsigned x_for = 0;    // X-Forwarded-For   → Request::remote_addr()
  unsigned x_proto = 0;  // X-Forwarded-Proto → Request::scheme()
  unsigned x_host = 0;   // X-Forwarded-Host  → the Host header
  unsigned x_port = 0;   // X-Forwarded-Port  → the Host header's port
  bool any() const { return x_for + x_proto + x_host + x_port != 0; }
};

// One answered request, for an access log (ServerOptions::access_log): a
// response the app made, or an error page for a request the server refused
// (400, 413, 414, 431, 501, 505). The views are valid during the call only.
// Nothing is formatted or escaped: the fields are the bytes as sent.
struct AccessLogEntry {
  std::string_view remote_addr;  // after ProxyFix; for a refused request, the socket's peer
  std::string_view method;       // as sent
  std::string_view target;       // as sent: path and query still encoded, or the absolute-form URL
  std::string_view protocol;     // "HTTP/1.1", "HTTP/1.0", or what a refused request sent ("HTTP/3.0")
  int status = 0;
  std::size_t body_bytes = 0;    // response body bytes sent (0 for HEAD, 204, 304)
  std::string_view referer;      // empty when absent
  std::string_view user_agent;   // empty when absent
  std::chrono::system_clock::time_point time{};  // when the request's first byte was read
  std::chrono::microseconds duration{0};         // from then until the response was handed to the socket
};
// A refused request's method, target and protocol are empty when its
// request line was cut short or could not be split in three.

struct ServerOptions {
  std::string host = "127.0.0.1";  // Flask's default: not reachable from outside
  std::uint16_t port = 5000;       // 0 picks a free port; see Server::port()
  unsigned threads = 1;             // reactor threads; each owns its connections

  // Requests are refused, and the connection closed, past these limits.
  std::size_t max_target_length = Request::kMaxTargetLength;  // request-target bytes: 414
  std::size_t max_header_bytes = 16384;                       // header section bytes: 431
  std::size_t max_header_count = 100;                         // header fields: 431

  // A connection is closed when it sits idle this long between requests (or
  // before its first one), and when a client takes longer than
  // request_timeout to send a whole request once it started it, or to take
  // any more of a response that did not fit the socket buffer (a slow
  // reader of a large response is not cut off while it keeps reading).
  std::chrono::seconds keep_alive_timeout{5};
  std::chrono::seconds request_timeout{60};

  // Serve on this socket, already bound and listening, instead of binding
  // host:port: one inherited from a supervisor (the develop reloader) or
  // from systemd's socket activation. The server never closes it, so other
  // servers, in this process or another, may accept on it at the same time;
  // it makes it nonblocking (for every process sharing it) and
  // close-on-exec (in this one). -1: bind host:port.
  int listen_fd = -1;

  ProxyFix proxy_fix = {};

  // Called once per answered request, on the thread that answered it (so it
  // must be thread-safe when threads > 1), after the response went to the
  // socket; that thread serves no other connection meanwhile, so it should
  // be quick. What it throws is ignored. Empty: no log, and no cost.
  std::function<void(const AccessLogEntry&)> access_log{};
};

class Server {
 public:
  // `app` must outlive the server; it is shared by every worker thread and
  // only read while serving.
  Server(const App& app, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Both bind the socket (or adopt listen_fd) first, and throw
  // std::runtime_error naming the address ("cannot serve on HOST:PORT: …",
  // "cannot serve on fd N: …") when they cannot.
  void start();  // serves on background threads and returns
  void run();    // serves until stop() or shutdown() (from another thread) returns
  // Stops accepting, ends every connection and joins the threads. Not from
  // a handler: it waits for the thread running that handler. Idempotent.
  void stop();
  // Graceful stop, for SIGTERM; safe from any thread but a handler's.
  // - It stops accepting at once: a socket of its own is closed, so new
  //   connections are refused (those the kernel had already completed are
  //   still served); an adopted listen_fd stays open for whoever else
  //   accepts on it.
  // - Connections between requests close (a keep-alive client sees the
  //   connection close, as after keep_alive_timeout); one that has sent
  //   nothing yet gets a second to send its first request.
  // - Requests already received, or being received, run to the end: a
  //   handler running now, pipelined requests already in, a body still
  //   arriving. The response to the last of them says `Connection: close`.
  // - It waits until every connection has closed (a closing connection
  //   lingers until the client closes its side, at most 2 s), or until
  //   `timeout`, and then stop()s: what is still open is ended then, and a
  //   handler still running is waited for.
  // True when no request was cut short: all connections closed in time,
  // or those left had no request in progress. Called again, it waits for
  // the first call and returns its answer; after stop(), it returns
  // whether stop() found no connection open.
  bool shutdown(std::chrono::milliseconds timeout);
  std::uint16_t port() const;  // the bound port (after start), useful with port 0 or listen_fd

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace retort

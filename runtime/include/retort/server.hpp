// Server: serves an App over HTTP/1.1 (Pistache's TCP layer underneath, not
// exposed; retort reads and writes HTTP itself).
//
//   retort::Server server(app, {.host = "127.0.0.1", .port = 5000});
//   server.run();   // or start() ... stop()
//
// Connections stay open between requests unless the client asks to close
// them (RFC 9112 9.3); pipelined requests are answered in order. A request
// body longer than app.max_content_length() is refused with 413 before it
// is read.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "retort/app.hpp"

namespace retort {

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
  // request_timeout to send a whole request once it started it, or to read
  // a response that did not fit the socket buffer.
  std::chrono::seconds keep_alive_timeout{5};
  std::chrono::seconds request_timeout{60};
};

class Server {
 public:
  // `app` must outlive the server; it is shared by every worker thread and
  // only read while serving.
  Server(const App& app, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Both bind the socket first, and throw std::runtime_error naming the
  // address when they cannot.
  void start();  // serves on background threads and returns
  void run();    // serves until stop() (called from another thread) returns
  // Stops accepting, ends every connection and joins the threads. Not from
  // a handler: it waits for the thread running that handler. Idempotent.
  void stop();
  std::uint16_t port() const;  // the bound port (after start), useful with port 0

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace retort

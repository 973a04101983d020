// Server: serves an App over HTTP/1.1 (Pistache underneath, not exposed).
//
//   retort::Server server(app, {.host = "127.0.0.1", .port = 5000});
//   server.run();   // or start() ... stop()
//
// Connections stay open between requests unless the client asks to close
// them (RFC 9112 9.3), whatever Pistache's own default is.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "retort/app.hpp"

namespace retort {

struct ServerOptions {
  std::string host = "127.0.0.1";  // Flask's default: not reachable from outside
  std::uint16_t port = 5000;       // 0 picks a free port; see Server::port()
  unsigned threads = 1;
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
  void run();    // serves on this thread until stop()
  void stop();
  std::uint16_t port() const;  // the bound port (after start), useful with port 0

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace retort

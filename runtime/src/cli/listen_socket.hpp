// A listening TCP socket the develop supervisor owns and lends to each
// build of the app it runs, so connections queue while builds change hands.
#pragma once

#include <cstdint>
#include <string>

namespace retort::cli {

class ListenSocket {
 public:
  // Binds and listens as the server does (Acceptor::open_listening_socket:
  // SO_REUSEADDR, close-on-exec, so a child gets it only on purpose).
  // Throws std::runtime_error "cannot serve on HOST:PORT: …".
  ListenSocket(const std::string& host, std::uint16_t port);
  ~ListenSocket();
  ListenSocket(const ListenSocket&) = delete;
  ListenSocket& operator=(const ListenSocket&) = delete;

  int fd() const { return fd_; }
  std::uint16_t port() const;  // the bound port (port 0 picks one)

 private:
  int fd_ = -1;
};

}  // namespace retort::cli

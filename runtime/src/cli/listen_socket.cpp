#include "cli/listen_socket.hpp"

#include <unistd.h>

#include <stdexcept>

#include "acceptor.hpp"

namespace retort::cli {

ListenSocket::ListenSocket(const std::string& host, std::uint16_t port) {
  try {
    fd_ = detail::Acceptor::open_listening_socket(host, port);  // bound exactly as the server binds
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot serve on " + host + ":" + std::to_string(port) + ": " + e.what());
  }
}

ListenSocket::~ListenSocket() {
  if (fd_ >= 0) ::close(fd_);
}

std::uint16_t ListenSocket::port() const { return detail::Acceptor::port_of(fd_); }

}  // namespace retort::cli

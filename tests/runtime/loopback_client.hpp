// Clients for the server tests, over loopback sockets: a blocking
// Connection with receive timeouts (a server that fails to answer fails the
// test instead of hanging it), and Catch-free helpers that other threads
// may call.
#pragma once

#include <cerrno>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace loopback {

// A connected socket to 127.0.0.1:port, or -1. No Catch macros: safe off
// the test's thread.
inline int connect_to(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Appends what arrives within five seconds; false on EOF, error or timeout.
inline bool fill(int fd, std::string& buffer) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, 5000) <= 0) return false;
  char chunk[4096];
  ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
  if (n <= 0) return false;
  buffer.append(chunk, static_cast<std::size_t>(n));
  return true;
}

// Takes one response (headers, then Content-Length bytes of body) off the
// front of `buffer`, reading more as needed; empty when none arrives whole.
inline std::string take_response(int fd, std::string& buffer) {
  while (buffer.find("\r\n\r\n") == std::string::npos)
    if (!fill(fd, buffer)) return {};
  std::size_t head_end = buffer.find("\r\n\r\n") + 4;
  std::size_t length = 0;
  std::size_t at = buffer.find("Content-Length: ");
  if (at != std::string::npos && at < head_end) length = std::stoul(buffer.substr(at + 16));
  while (buffer.size() < head_end + length)
    if (!fill(fd, buffer)) return {};
  std::string response = buffer.substr(0, head_end + length);
  buffer.erase(0, head_end + length);
  return response;
}

// One request on a new connection: its response, or nullopt when the
// connection or the response failed. No Catch macros.
inline std::optional<std::string> fetch(std::uint16_t port, const std::string& request) {
  int fd = connect_to(port);
  if (fd < 0) return std::nullopt;
  std::string buffer, response;
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()))
    response = take_response(fd, buffer);
  ::close(fd);
  if (response.empty()) return std::nullopt;
  return response;
}

// A blocking client connection for the test's own thread.
class Connection {
 public:
  explicit Connection(std::uint16_t port) : fd_(connect_to(port)) { REQUIRE(fd_ >= 0); }
  ~Connection() { ::close(fd_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void send_text(const std::string& text) {
    REQUIRE(::send(fd_, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size()));
  }

  // Reads a response head only (for HEAD, whose Content-Length has no body).
  std::string read_head() {
    while (buffer_.find("\r\n\r\n") == std::string::npos)
      if (!fill(fd_, buffer_)) return {};
    std::size_t head_end = buffer_.find("\r\n\r\n") + 4;
    std::string head = buffer_.substr(0, head_end);
    buffer_.erase(0, head_end);
    return head;
  }

  // Reads `size` bytes of a body whose head read_head took; fewer when the
  // connection ends or nothing arrives for five seconds.
  std::string read_body(std::size_t size) {
    while (buffer_.size() < size)
      if (!fill(fd_, buffer_)) break;
    std::string body = buffer_.substr(0, std::min(size, buffer_.size()));
    buffer_.erase(0, body.size());
    return body;
  }

  // Reads one response: headers, then Content-Length bytes of body.
  std::string read_response() { return take_response(fd_, buffer_); }

  // True when the server closed the connection (within two seconds).
  bool closed_by_server() {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0) return false;
    char c;
    return ::recv(fd_, &c, 1, 0) == 0;
  }
  // Closed, or reset: a server that closes a socket whose bytes it has not
  // read yet sends a reset instead of a FIN (RFC 1122 4.2.2.13).
  bool ended_by_server() {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0) return false;
    char c;
    const ssize_t n = ::recv(fd_, &c, 1, 0);
    return n == 0 || (n < 0 && errno == ECONNRESET);
  }

 private:
  int fd_;
  std::string buffer_;
};

}  // namespace loopback

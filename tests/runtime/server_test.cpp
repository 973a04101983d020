// The Pistache server, over loopback sockets on a port the OS picks.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <retort/app.hpp>
#include <retort/server.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_routes.hpp"

namespace {

// A blocking client connection with a receive timeout, so a server that
// fails to answer fails the test instead of hanging it.
class Connection {
 public:
  explicit Connection(std::uint16_t port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  }
  ~Connection() { close(fd_); }

  void send_text(const std::string& text) {
    REQUIRE(::send(fd_, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size()));
  }

  // Reads one response: headers, then Content-Length bytes of body.
  std::string read_response() {
    while (buffer_.find("\r\n\r\n") == std::string::npos)
      if (!fill()) return {};
    std::size_t head_end = buffer_.find("\r\n\r\n") + 4;
    std::size_t length = 0;
    std::size_t at = buffer_.find("Content-Length: ");
    if (at != std::string::npos && at < head_end) length = std::stoul(buffer_.substr(at + 16));
    while (buffer_.size() < head_end + length)
      if (!fill()) return {};
    std::string response = buffer_.substr(0, head_end + length);
    buffer_.erase(0, head_end + length);
    return response;
  }

  // True when the server closed the connection (within two seconds).
  bool closed_by_server() {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 2000) <= 0) return false;
    char c;
    return recv(fd_, &c, 1, 0) == 0;
  }

 private:
  bool fill() {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 5000) <= 0) return false;
    char chunk[4096];
    ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_;
  std::string buffer_;
};

struct Served {
  Served() {
    app.set_logger([](std::string_view) {});
    register_routes(app);
    server.start();
  }
  retort::App app;
  retort::Server server{app, {.host = "127.0.0.1", .port = 0, .threads = 1}};
};

const std::string kGetUser = "GET /user/7 HTTP/1.1\r\nHost: t\r\n\r\n";

TEST_CASE("the server answers over loopback", "[server]") {
  Served served;
  REQUIRE(served.server.port() != 0);
  Connection c(served.server.port());
  c.send_text(kGetUser);
  std::string response = c.read_response();
  CHECK(response.starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(response.find("Content-Type: text/html; charset=utf-8\r\n") != std::string::npos);
  CHECK(response.ends_with("\r\n\r\nuser 7"));
}

TEST_CASE("HTTP/1.1 connections stay open by default", "[server][keep-alive]") {
  Served served;
  Connection c(served.server.port());
  for (int i = 0; i < 3; ++i) {
    c.send_text(kGetUser);
    std::string response = c.read_response();
    CHECK(response.starts_with("HTTP/1.1 200 OK"));
    CHECK(response.find("Connection: Keep-Alive") != std::string::npos);
  }
  CHECK_FALSE(c.closed_by_server());
}

TEST_CASE("the server closes when the client asks, and for plain HTTP/1.0", "[server][keep-alive]") {
  Served served;
  {
    Connection c(served.server.port());
    c.send_text("GET /user/7 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    CHECK(c.read_response().find("Connection: Close") != std::string::npos);
    CHECK(c.closed_by_server());
  }
  {
    Connection c(served.server.port());
    c.send_text("GET /user/7 HTTP/1.0\r\n\r\n");
    CHECK(c.read_response().find("user 7") != std::string::npos);
    CHECK(c.closed_by_server());
  }
  {
    Connection c(served.server.port());
    c.send_text("GET /user/7 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    CHECK(c.read_response().find("Connection: Keep-Alive") != std::string::npos);
    CHECK_FALSE(c.closed_by_server());
  }
}

TEST_CASE("a throwing handler is a 500 and the server keeps serving", "[server]") {
  Served served;
  Connection c(served.server.port());
  c.send_text("GET /boom HTTP/1.1\r\nHost: t\r\n\r\n");
  CHECK(c.read_response().starts_with("HTTP/1.1 500 Internal Server Error"));
  c.send_text(kGetUser);
  CHECK(c.read_response().starts_with("HTTP/1.1 200 OK"));
}

TEST_CASE("404, 405 and redirects carry their headers over the wire", "[server]") {
  Served served;
  Connection c(served.server.port());
  c.send_text("GET /nope HTTP/1.1\r\nHost: t\r\n\r\n");
  CHECK(c.read_response().starts_with("HTTP/1.1 404 Not Found"));
  c.send_text("PUT /items HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");
  std::string not_allowed = c.read_response();
  CHECK(not_allowed.starts_with("HTTP/1.1 405"));
  CHECK(not_allowed.find("Allow: GET, HEAD, OPTIONS, POST\r\n") != std::string::npos);
  c.send_text("GET /docs HTTP/1.1\r\nHost: example.test\r\n\r\n");
  std::string redirect = c.read_response();
  CHECK(redirect.starts_with("HTTP/1.1 308"));
  CHECK(redirect.find("Location: http://example.test/docs/\r\n") != std::string::npos);
}

TEST_CASE("request headers reach the handler once each, as sent", "[server]") {
  Served served;
  Connection c(served.server.port());
  c.send_text("GET /headers HTTP/1.1\r\nHost: example.test\r\nX-Custom: a b\r\nAccept: */*\r\n\r\n");
  std::string response = c.read_response();
  nlohmann::json headers = nlohmann::json::parse(response.substr(response.find("\r\n\r\n") + 4));
  std::map<std::string, std::vector<std::string>> seen;
  for (const auto& pair : headers) seen[pair[0].get<std::string>()].push_back(pair[1].get<std::string>());
  CHECK(seen["Host"] == std::vector<std::string>{"example.test"});
  CHECK(seen["X-Custom"] == std::vector<std::string>{"a b"});
  CHECK(seen["Accept"] == std::vector<std::string>{"*/*"});
}

TEST_CASE("a port in use is a clear error", "[server]") {
  Served first;
  retort::App app;
  retort::Server second(app, {.host = "127.0.0.1", .port = first.server.port(), .threads = 1});
  CHECK_THROWS_WITH(second.start(), Catch::Contains("cannot serve on 127.0.0.1:" +
                                                    std::to_string(first.server.port())));
}

}  // namespace

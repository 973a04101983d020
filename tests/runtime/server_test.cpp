// The server, over loopback sockets on a port the OS picks.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <retort/app.hpp>
#include <retort/server.hpp>
#include <string>
#include <thread>
#include <vector>

#include "loopback_client.hpp"
#include "test_routes.hpp"

namespace {

using namespace std::chrono_literals;
using loopback::Connection;

struct Served {
  explicit Served(std::optional<std::size_t> max_content_length = std::nullopt) {
    app.set_logger([](std::string_view) {});
    app.set_max_content_length(max_content_length);
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
    CHECK(response.find("Connection: keep-alive\r\n") != std::string::npos);
  }
  CHECK_FALSE(c.closed_by_server());
}

TEST_CASE("the server closes when the client asks, and for plain HTTP/1.0", "[server][keep-alive]") {
  Served served;
  {
    Connection c(served.server.port());
    c.send_text("GET /user/7 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    CHECK(c.read_response().find("Connection: close\r\n") != std::string::npos);
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
    CHECK(c.read_response().find("Connection: keep-alive\r\n") != std::string::npos);
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

TEST_CASE("repeated query keys reach the handler in order", "[server]") {
  Served served;
  Connection c(served.server.port());
  c.send_text("GET /query?tag=b&page=2&tag=a&tag=b HTTP/1.1\r\nHost: t\r\n\r\n");
  CHECK(c.read_response().ends_with("\r\n\r\nb;a;b;page=2"));
}

TEST_CASE("an absolute-form target is served as its path, on its host", "[server]") {
  Served served;
  Connection c(served.server.port());
  c.send_text("GET http://example.test/user/7 HTTP/1.1\r\nHost: proxy.test\r\n\r\n");
  CHECK(c.read_response().ends_with("\r\n\r\nuser 7"));
  c.send_text("GET http://example.test/docs?x=1 HTTP/1.1\r\nHost: proxy.test\r\n\r\n");
  CHECK(c.read_response().find("Location: http://example.test/docs/?x=1\r\n") != std::string::npos);
}

TEST_CASE("repeated request headers reach the handler in order", "[server]") {
  Served served;
  Connection c(served.server.port());
  c.send_text("GET /headers HTTP/1.1\r\nHost: t\r\nX-Dup: 1\r\nx-dup: 2\r\nX-Dup: 3\r\n\r\n");
  std::string response = c.read_response();
  nlohmann::json headers = nlohmann::json::parse(response.substr(response.find("\r\n\r\n") + 4));
  std::vector<std::string> dups;
  for (const auto& pair : headers)
    if (pair[0] == "X-Dup" || pair[0] == "x-dup") dups.push_back(pair[1].get<std::string>());
  CHECK(dups == std::vector<std::string>{"1", "2", "3"});
}

TEST_CASE("responses carry Date, Server and a Content-Length", "[server]") {
  Served served;
  Connection c(served.server.port());
  c.send_text("GET /nope HTTP/1.1\r\nHost: t\r\n\r\n");
  std::string response = c.read_response();
  CHECK(response.starts_with("HTTP/1.1 404 Not Found\r\n"));
  CHECK(response.find("\r\nServer: retort\r\n") != std::string::npos);
  CHECK(response.find("\r\nDate: ") != std::string::npos);
  CHECK(response.find(" GMT\r\n") != std::string::npos);
  std::size_t body = response.find("\r\n\r\n") + 4;
  CHECK(response.find("Content-Length: " + std::to_string(response.size() - body) + "\r\n") != std::string::npos);
}

// Needs App::handle to leave the body of a HEAD response in place (the
// server drops it and keeps its length).
TEST_CASE("HEAD gets the GET's Content-Length and no body", "[server]") {
  Served served;
  Connection c(served.server.port());
  c.send_text("HEAD /user/7 HTTP/1.1\r\nHost: t\r\n\r\n");
  std::string head = c.read_head();
  CHECK(head.starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(head.find("Content-Length: 6\r\n") != std::string::npos);  // "user 7"
  c.send_text(kGetUser);  // no stray body bytes before the next response
  CHECK(c.read_response().starts_with("HTTP/1.1 200 OK\r\n"));
}

TEST_CASE("pipelined requests are answered in order", "[server][keep-alive]") {
  Served served;
  Connection c(served.server.port());
  c.send_text("GET /echo/one HTTP/1.1\r\nHost: t\r\n\r\nGET /nope HTTP/1.1\r\nHost: t\r\n\r\n"
              "GET /echo/three HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\nGET /echo/ignored HTTP/1.1\r\n");
  CHECK(c.read_response().ends_with("\r\n\r\none"));
  CHECK(c.read_response().starts_with("HTTP/1.1 404"));
  std::string last = c.read_response();
  CHECK(last.ends_with("\r\n\r\nthree"));
  CHECK(last.find("Connection: close\r\n") != std::string::npos);
  CHECK(c.closed_by_server());  // nothing after the request that asked to close
}

// The test routes and GET /big, which answers `big`: a response far larger
// than loopback's socket buffers take, so that it waits on the server for
// the client to read.
void set_up_big(retort::App& app, const std::string& big) {
  app.set_logger([](std::string_view) {});
  register_routes(app);
  app.before_request([&big](const retort::Request& request) -> std::optional<retort::Response> {
    if (request.path() != "/big") return std::nullopt;
    return retort::Response(big);
  });
}

TEST_CASE("a client that does not read a large response holds up no other connection", "[server][keep-alive]") {
  const std::string big(32 << 20, 'x');
  retort::App app;
  set_up_big(app, big);
  retort::Server server(app, {.host = "127.0.0.1", .port = 0, .threads = 1});  // one thread for both
  server.start();

  Connection reader(server.port());
  reader.send_text("GET /big HTTP/1.1\r\nHost: t\r\n\r\n" + kGetUser);  // the second waits its turn
  REQUIRE(reader.read_head().starts_with("HTTP/1.1 200 OK\r\n"));      // then it stops reading
  Connection other(server.port());
  other.send_text(kGetUser);
  CHECK(other.read_response().ends_with("\r\n\r\nuser 7"));
  // Now it reads on, slowly: while the rest waits on the server, others
  // are answered all along.
  std::string body;
  while (body.size() < big.size()) {
    const std::string part = reader.read_body(std::min<std::size_t>(4 << 20, big.size() - body.size()));
    if (part.empty()) break;
    body += part;
    other.send_text(kGetUser);
    CHECK(other.read_response().ends_with("\r\n\r\nuser 7"));
  }
  CHECK(body.size() == big.size());
  CHECK((body == big));  // all of it, in order (parenthesized: no 32 MiB in the report)
  CHECK(reader.read_response().ends_with("\r\n\r\nuser 7"));
  reader.send_text(kGetUser);  // and the connection goes on
  CHECK(reader.read_response().ends_with("\r\n\r\nuser 7"));
  server.stop();
}

TEST_CASE("a slow reader of a large response is not cut off while it reads", "[server][keep-alive]") {
  const std::string big(16 << 20, 'x');
  retort::App app;
  set_up_big(app, big);
  retort::ServerOptions options{.host = "127.0.0.1", .port = 0, .threads = 1};
  options.request_timeout = 1s;  // the whole download takes longer; no pause does
  retort::Server server(app, options);
  server.start();

  Connection reader(server.port());
  reader.send_text("GET /big HTTP/1.1\r\nHost: t\r\n\r\n");
  REQUIRE(reader.read_head().starts_with("HTTP/1.1 200 OK\r\n"));
  std::string body;
  while (body.size() < big.size()) {
    std::this_thread::sleep_for(300ms);
    const std::string part = reader.read_body(std::min<std::size_t>(2 << 20, big.size() - body.size()));
    if (part.empty()) break;
    body += part;
  }
  CHECK(body.size() == big.size());
  reader.send_text(kGetUser);
  CHECK(reader.read_response().ends_with("\r\n\r\nuser 7"));
  server.stop();
}

TEST_CASE("request bodies: Content-Length, chunked and 100-continue", "[server]") {
  Served served(1000);
  Connection c(served.server.port());
  c.send_text("POST /items HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello");
  CHECK(c.read_response().ends_with("POST items"));
  c.send_text("POST /items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
              "5;ext=1\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n");
  CHECK(c.read_response().ends_with("POST items"));
  c.send_text("POST /items HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
  CHECK(c.read_head() == "HTTP/1.1 100 Continue\r\n\r\n");
  c.send_text("hello");
  CHECK(c.read_response().ends_with("POST items"));
}

TEST_CASE("a body over MAX_CONTENT_LENGTH is refused before it is sent", "[server]") {
  Served served(1000);
  Connection c(served.server.port());
  // Only the head: the server must answer without waiting for the body.
  c.send_text("POST /items HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 1000000000\r\n\r\n");
  std::string response = c.read_response();
  CHECK(response.starts_with("HTTP/1.1 413 Request Entity Too Large\r\n"));
  CHECK(response.find("Connection: close\r\n") != std::string::npos);
  CHECK(c.closed_by_server());
}

TEST_CASE("malformed requests get an error page and a closed connection", "[server]") {
  Served served;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"POST /items HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
       "HTTP/1.1 400 Bad Request\r\n"},
      {"GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: t\r\n\r\n", "HTTP/1.1 414 Request URI Too Long\r\n"},
      {"GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(20000, 'v') + "\r\n\r\n",
       "HTTP/1.1 431 Request Header Fields Too Large\r\n"},
      {"GET / HTTP/1.1\r\nHost : t\r\n\r\n", "HTTP/1.1 400 Bad Request\r\n"},
      {"GET / HTTP/3.0\r\nHost: t\r\n\r\n", "HTTP/1.1 505 HTTP Version Not Supported\r\n"},
  };
  for (const auto& [request, status_line] : cases) {
    Connection c(served.server.port());
    c.send_text(request);
    std::string response = c.read_response();
    INFO(request.substr(0, 60));
    CHECK(response.starts_with(status_line));
    CHECK(response.find("Connection: close\r\n") != std::string::npos);
    CHECK(response.find("<!doctype html>") != std::string::npos);
    CHECK(c.closed_by_server());
  }
}

TEST_CASE("clients that vanish mid-request do not disturb the server", "[server]") {
  Served served;
  for (int i = 0; i < 10; ++i) {
    Connection c(served.server.port());
    c.send_text("POST /items HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\npartial");
  }
  Connection c(served.server.port());
  c.send_text(kGetUser);
  CHECK(c.read_response().starts_with("HTTP/1.1 200 OK"));
}

TEST_CASE("stop() ends open connections and may be called twice", "[server]") {
  Served served;
  Connection idle(served.server.port());
  Connection mid_request(served.server.port());
  mid_request.send_text("GET /user/7 HTTP/1.1\r\n");
  idle.send_text(kGetUser);
  CHECK(idle.read_response().starts_with("HTTP/1.1 200 OK"));
  served.server.stop();
  CHECK(idle.closed_by_server());
  // Its half request may still be unread when stop() closes it (a slower
  // run, as under ASan): then the kernel resets the connection.
  CHECK(mid_request.ended_by_server());
  served.server.stop();
}

}  // namespace

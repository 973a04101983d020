// ServerOptions::proxy_fix and ServerOptions::access_log, over loopback.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <retort/app.hpp>
#include <retort/server.hpp>
#include <string>
#include <vector>

#include "loopback_client.hpp"
#include "test_routes.hpp"

namespace {

using namespace std::chrono_literals;
using loopback::Connection;

// GET /whoami answers "remote_addr scheme host url", as the app sees them.
void set_up(retort::App& app) {
  app.set_logger([](std::string_view) {});
  app.set_max_content_length(1000);
  register_routes(app);
  app.before_request([](const retort::Request& request) -> std::optional<retort::Response> {
    if (request.path() != "/whoami") return std::nullopt;
    return retort::Response(std::string(request.remote_addr()) + " " + std::string(request.scheme()) + " " +
                            std::string(request.host()) + " " + request.url());
  });
}

std::string body_of(const std::string& response) { return response.substr(response.find("\r\n\r\n") + 4); }

const std::string kForwarded =
    "GET /whoami HTTP/1.1\r\nHost: 10.0.0.2:8000\r\nX-Forwarded-For: 6.6.6.6, 203.0.113.7\r\n"
    "X-Forwarded-Proto: https\r\nX-Forwarded-Host: example.com\r\nX-Forwarded-Port: 443\r\n\r\n";

TEST_CASE("X-Forwarded-* is ignored unless proxy_fix trusts it", "[server][proxy_fix]") {
  retort::App app;
  set_up(app);
  retort::Server server(app, {.host = "127.0.0.1", .port = 0});
  server.start();
  Connection c(server.port());
  c.send_text(kForwarded);
  CHECK(body_of(c.read_response()) == "127.0.0.1 http 10.0.0.2:8000 http://10.0.0.2:8000/whoami");
}

TEST_CASE("proxy_fix sets the client's address, scheme and host from trusted proxies", "[server][proxy_fix]") {
  retort::App app;
  set_up(app);
  retort::ServerOptions options{.host = "127.0.0.1", .port = 0};
  options.proxy_fix = {.x_for = 1, .x_proto = 1, .x_host = 1, .x_port = 1};
  retort::Server server(app, options);
  server.start();
  Connection c(server.port());
  c.send_text(kForwarded);
  CHECK(body_of(c.read_response()) == "203.0.113.7 https example.com:443 https://example.com:443/whoami");
  // Redirects are built from them, so they point where the client went.
  c.send_text("GET /docs HTTP/1.1\r\nHost: 10.0.0.2\r\nX-Forwarded-Proto: https\r\n"
              "X-Forwarded-Host: example.com\r\n\r\n");
  CHECK(c.read_response().find("\r\nLocation: https://example.com/docs/\r\n") != std::string::npos);
  // Fewer values than trusted proxies: the header is ignored.
  c.send_text("GET /whoami HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: \r\n\r\n");
  CHECK(body_of(c.read_response()) == "127.0.0.1 http t http://t/whoami");
}

// Access log entries, kept with their own copies of the strings.
struct Logged {
  std::string remote_addr, method, target, protocol, referer, user_agent;
  int status = 0;
  std::size_t body_bytes = 0;
  std::chrono::system_clock::time_point time;
  std::chrono::microseconds duration{0};
};

class AccessLog {
 public:
  void add(const retort::AccessLogEntry& e) {
    std::lock_guard lock(mutex_);
    entries_.push_back({std::string(e.remote_addr), std::string(e.method), std::string(e.target),
                        std::string(e.protocol), std::string(e.referer), std::string(e.user_agent), e.status,
                        e.body_bytes, e.time, e.duration});
    added_.notify_all();
  }
  // The entries, once there are `count` (the server logs after it wrote
  // the response, so possibly after the client read it).
  std::vector<Logged> wait_for(std::size_t count) {
    std::unique_lock lock(mutex_);
    added_.wait_for(lock, 10s, [&] { return entries_.size() >= count; });
    return entries_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable added_;
  std::vector<Logged> entries_;
};

struct Logging {
  explicit Logging(retort::ProxyFix fix = {}) {
    set_up(app);
    retort::ServerOptions options{.host = "127.0.0.1", .port = 0};
    options.proxy_fix = fix;
    options.access_log = [this](const retort::AccessLogEntry& entry) { log.add(entry); };
    server = std::make_unique<retort::Server>(app, options);
    server->start();
  }
  retort::App app;
  AccessLog log;
  std::unique_ptr<retort::Server> server;
};

std::size_t content_length(const std::string& response) {
  return std::stoul(response.substr(response.find("Content-Length: ") + 16));
}

TEST_CASE("the access log gets one entry per answered request", "[server][access_log]") {
  Logging logging;
  Connection c(logging.server->port());
  const auto before = std::chrono::system_clock::now();
  c.send_text("GET /user/7?x=%41 HTTP/1.1\r\nHost: t\r\nReferer: http://t/from\r\nUser-Agent: test/1.0\r\n\r\n");
  CHECK(c.read_response().ends_with("user 7"));
  c.send_text("HEAD /user/7 HTTP/1.1\r\nHost: t\r\n\r\n");
  CHECK(c.read_head().starts_with("HTTP/1.1 200"));
  c.send_text("GET /nope HTTP/1.1\r\nHost: t\r\n\r\n");
  const std::string not_found = c.read_response();
  // An interim 100 Continue is not an answer of its own.
  c.send_text("POST /items HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
  CHECK(c.read_head() == "HTTP/1.1 100 Continue\r\n\r\n");
  c.send_text("hello");
  CHECK(c.read_response().ends_with("POST items"));
  // As sent: the absolute-form target, and HTTP/1.0.
  c.send_text("GET http://example.test/docs?x=1 HTTP/1.0\r\n\r\n");
  const std::string redirect = c.read_response();
  const auto after = std::chrono::system_clock::now();

  const std::vector<Logged> entries = logging.log.wait_for(5);
  REQUIRE(entries.size() == 5);
  const Logged& get = entries[0];
  CHECK(get.remote_addr == "127.0.0.1");
  CHECK(get.method == "GET");
  CHECK(get.target == "/user/7?x=%41");
  CHECK(get.protocol == "HTTP/1.1");
  CHECK(get.status == 200);
  CHECK(get.body_bytes == 6);
  CHECK(get.referer == "http://t/from");
  CHECK(get.user_agent == "test/1.0");
  // Generous bounds: the clock may be stepped while the test runs.
  CHECK(get.time >= before - 1s);
  CHECK(get.time <= after + 1s);
  CHECK(get.duration >= 0us);
  CHECK(get.duration <= std::chrono::duration_cast<std::chrono::microseconds>(after - before) + 1s);

  CHECK(entries[1].method == "HEAD");
  CHECK(entries[1].status == 200);
  CHECK(entries[1].body_bytes == 0);
  CHECK(entries[1].referer.empty());
  CHECK(entries[1].user_agent.empty());
  CHECK(entries[2].status == 404);
  CHECK(entries[2].body_bytes == content_length(not_found));
  CHECK(entries[3].method == "POST");
  CHECK(entries[3].status == 200);
  CHECK(entries[3].body_bytes == 10);
  CHECK(entries[4].target == "http://example.test/docs?x=1");
  CHECK(entries[4].protocol == "HTTP/1.0");
  CHECK(entries[4].status == 308);
  CHECK(entries[4].body_bytes == content_length(redirect));
}

TEST_CASE("refused requests are logged with what was read of them", "[server][access_log]") {
  Logging logging({.x_for = 1});
  const std::vector<std::string> requests = {
      "GET / HTTP/3.0\r\nHost: t\r\n\r\n",
      "GET /user/7 HTTP/1.1\r\nUser-Agent: ua\r\nX-Forwarded-For: 203.0.113.7\r\nHost: a\r\nHost: b\r\n\r\n",
      "nonsense\r\n\r\n",
  };
  std::vector<std::string> responses;
  for (const std::string& request : requests) {
    Connection c(logging.server->port());
    c.send_text(request);
    responses.push_back(c.read_response());
  }
  const std::vector<Logged> entries = logging.log.wait_for(3);
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].status == 505);
  CHECK(entries[0].method == "GET");
  CHECK(entries[0].target == "/");
  CHECK(entries[0].protocol == "HTTP/3.0");
  CHECK(entries[0].body_bytes == content_length(responses[0]));
  CHECK(entries[1].status == 400);
  CHECK(entries[1].target == "/user/7");
  CHECK(entries[1].protocol == "HTTP/1.1");
  CHECK(entries[1].user_agent == "ua");
  CHECK(entries[1].remote_addr == "127.0.0.1");  // a request not understood: its X-Forwarded-For is not trusted
  CHECK(entries[2].status == 400);
  CHECK(entries[2].method.empty());
  CHECK(entries[2].target.empty());
  CHECK(entries[2].protocol.empty());
}

TEST_CASE("the access log has the client's address after proxy_fix", "[server][access_log][proxy_fix]") {
  Logging logging({.x_for = 1});
  Connection c(logging.server->port());
  c.send_text("GET /user/7 HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 6.6.6.6, 203.0.113.7\r\n\r\n");
  CHECK(c.read_response().ends_with("user 7"));
  const std::vector<Logged> entries = logging.log.wait_for(1);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].remote_addr == "203.0.113.7");
}

}  // namespace

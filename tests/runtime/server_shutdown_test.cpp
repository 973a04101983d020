// The server's life cycle over loopback: serving on a listening socket it
// was given (ServerOptions::listen_fd), and Server::shutdown's draining.
// Handlers that must be "in flight" wait at a Gate the test opens, so no
// test depends on timing but for generous upper bounds.
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <retort/app.hpp>
#include <retort/server.hpp>
#include <string>
#include <thread>

#include "loopback_client.hpp"
#include "test_routes.hpp"

namespace {

using namespace std::chrono_literals;
using loopback::Connection;

const std::string kGetUser = "GET /user/7 HTTP/1.1\r\nHost: t\r\n\r\n";
const std::string kGetSlow = "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n";

// Polls `condition` until it holds or `limit` passes.
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds limit = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

// A listening TCP socket on 127.0.0.1 and a port the kernel picks,
// blocking, as a socket handed down by another process may be.
int listening_socket() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(fd, 64) == 0);
  return fd;
}

std::uint16_t port_of(int fd) {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  return ntohs(address.sin_port);
}

// Still open, and still a listening socket.
bool is_listening(int fd) {
  int listening = 0;
  socklen_t length = sizeof listening;
  return ::fcntl(fd, F_GETFD) != -1 && ::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length) == 0 &&
         listening == 1;
}

bool connection_refused(std::uint16_t port) {
  int fd = loopback::connect_to(port);
  if (fd < 0) return true;
  ::close(fd);
  return false;
}

// Where GET /slow waits until the test opens it (or `limit` passes, so a
// failing test cannot hang the run).
class Gate {
 public:
  explicit Gate(std::chrono::milliseconds limit = 20s) : limit_(limit) {}
  void pass() {
    std::unique_lock lock(mutex_);
    ++arrived_;
    changed_.notify_all();
    changed_.wait_for(lock, limit_, [this] { return open_; });
  }
  bool wait_for_arrivals(int count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 10s, [&] { return arrived_ >= count; });
  }
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }

 private:
  const std::chrono::milliseconds limit_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int arrived_ = 0;
  bool open_ = false;
};

// The test routes, and GET /slow, which answers "slow done" once past `gate`.
void set_up(retort::App& app, Gate* gate = nullptr) {
  app.set_logger([](std::string_view) {});
  register_routes(app);
  if (!gate) return;
  app.before_request([gate](const retort::Request& request) -> std::optional<retort::Response> {
    if (request.path() != "/slow") return std::nullopt;
    gate->pass();
    return retort::Response("slow done");
  });
}

retort::ServerOptions on_port_zero() { return {.host = "127.0.0.1", .port = 0, .threads = 1}; }

bool is_user_7(const std::optional<std::string>& response) {
  return response && response->starts_with("HTTP/1.1 200 OK\r\n") && response->ends_with("\r\n\r\nuser 7");
}

TEST_CASE("the server serves on a listening socket it is given, and never closes it", "[server][listen_fd]") {
  retort::App app;
  set_up(app);
  const int fd = listening_socket();
  {
    retort::Server server(app, {.threads = 1, .listen_fd = fd});
    server.start();
    CHECK(server.port() == port_of(fd));
    CHECK((::fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);  // it came blocking
    CHECK(is_user_7(loopback::fetch(server.port(), kGetUser)));
    server.stop();
    CHECK(is_listening(fd));
  }
  {
    retort::Server server(app, {.threads = 2, .listen_fd = fd});
    server.start();
    CHECK(is_user_7(loopback::fetch(port_of(fd), kGetUser)));
    CHECK(server.shutdown(10s));
    CHECK(is_listening(fd));
  }
  CHECK(is_listening(fd));  // the destructor left it open too
  ::close(fd);
}

TEST_CASE("a listen_fd that is not a listening socket is a clear error", "[server][listen_fd]") {
  retort::App app;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  retort::Server server(app, {.listen_fd = fd});
  CHECK_THROWS_WITH(server.start(), "cannot serve on fd " + std::to_string(fd) + ": not a listening stream socket");
  CHECK(::fcntl(fd, F_GETFD) != -1);
  ::close(fd);
}

TEST_CASE("two servers share a socket; one shuts down and no request fails", "[server][listen_fd][shutdown]") {
  retort::App app;
  set_up(app);
  const int fd = listening_socket();
  const std::uint16_t port = port_of(fd);
  std::atomic<int> answered_by_old{0}, answered_by_new{0};
  retort::ServerOptions old_options{.threads = 1, .listen_fd = fd};
  old_options.access_log = [&](const retort::AccessLogEntry&) { ++answered_by_old; };
  retort::ServerOptions new_options{.threads = 1, .listen_fd = fd};
  new_options.access_log = [&](const retort::AccessLogEntry&) { ++answered_by_new; };
  retort::Server old_server(app, old_options), new_server(app, new_options);
  old_server.start();
  new_server.start();

  // A client that keeps making new connections, as browsers do while the
  // develop reloader hands its socket from one build to the next.
  std::atomic<bool> done{false};
  std::atomic<int> succeeded{0}, failed{0};
  std::thread client([&] {
    while (!done) {
      if (is_user_7(loopback::fetch(port, kGetUser))) ++succeeded;
      else ++failed;
      std::this_thread::sleep_for(1ms);  // TIME_WAIT sockets: stay far from running out of ports
    }
  });
  // Both accept from the one socket before the old one goes.
  CHECK(eventually([&] { return answered_by_old >= 5 && answered_by_new >= 5; }));
  CHECK(old_server.shutdown(10s));
  const int old_total = answered_by_old, new_before = answered_by_new;
  CHECK(eventually([&] { return answered_by_new >= new_before + 100; }));
  done = true;
  client.join();

  CHECK(failed == 0);
  CHECK(succeeded > 100);
  CHECK(answered_by_old == old_total);  // nothing after its shutdown returned
  new_server.stop();
  CHECK(is_listening(fd));
  ::close(fd);
}

TEST_CASE("shutdown lets a running handler finish and refuses new connections", "[server][shutdown]") {
  Gate gate;
  retort::App app;
  set_up(app, &gate);
  retort::ServerOptions options = on_port_zero();
  options.threads = 2;  // connections go to the threads in turn: the idle one is not stuck behind the slow one
  retort::Server server(app, options);
  server.start();
  const std::uint16_t port = server.port();

  std::optional<Connection> slow(port);
  slow->send_text(kGetSlow);
  REQUIRE(gate.wait_for_arrivals(1));
  std::optional<Connection> idle(port);  // keep-alive, between requests
  idle->send_text(kGetUser);
  CHECK(idle->read_response().starts_with("HTTP/1.1 200 OK"));

  auto finished = std::async(std::launch::async, [&] { return server.shutdown(20s); });
  CHECK(idle->closed_by_server());  // idle connections close at once
  idle.reset();                      // so it does not linger until kLinger
  CHECK(eventually([&] { return connection_refused(port); }));
  CHECK(finished.wait_for(0s) == std::future_status::timeout);  // the handler still runs

  gate.open();
  std::string response = slow->read_response();
  CHECK(response.starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(response.find("\r\nConnection: close\r\n") != std::string::npos);
  CHECK(response.ends_with("\r\n\r\nslow done"));
  CHECK(slow->closed_by_server());
  slow.reset();  // else the server waits for it to close until kLinger
  CHECK(finished.get());
}

TEST_CASE("shutdown answers pipelined requests that have arrived, then closes", "[server][shutdown]") {
  Gate gate;
  retort::App app;
  set_up(app, &gate);
  retort::Server server(app, on_port_zero());
  server.start();

  std::optional<Connection> c(server.port());
  c->send_text(kGetSlow + "GET /echo/second HTTP/1.1\r\nHost: t\r\n\r\n");
  REQUIRE(gate.wait_for_arrivals(1));
  auto finished = std::async(std::launch::async, [&] { return server.shutdown(20s); });
  REQUIRE(eventually([&] { return connection_refused(server.port()); }));
  gate.open();
  std::string first = c->read_response();
  CHECK(first.ends_with("slow done"));
  CHECK(first.find("\r\nConnection: keep-alive\r\n") != std::string::npos);  // another one follows
  std::string second = c->read_response();
  CHECK(second.ends_with("\r\n\r\nsecond"));
  CHECK(second.find("\r\nConnection: close\r\n") != std::string::npos);
  CHECK(c->closed_by_server());
  c.reset();
  CHECK(finished.get());
}

TEST_CASE("shutdown lets a request that has begun to arrive finish", "[server][shutdown]") {
  retort::App app;
  set_up(app);
  retort::Server server(app, on_port_zero());
  server.start();

  std::optional<Connection> c(server.port());
  c->send_text("GET /user/7 HTTP/1.1\r\n");
  auto finished = std::async(std::launch::async, [&] { return server.shutdown(20s); });
  REQUIRE(eventually([&] { return connection_refused(server.port()); }));
  c->send_text("Host: t\r\n\r\n");
  std::string response = c->read_response();
  CHECK(response.ends_with("\r\n\r\nuser 7"));
  CHECK(response.find("\r\nConnection: close\r\n") != std::string::npos);
  CHECK(c->closed_by_server());
  c.reset();
  CHECK(finished.get());
}

TEST_CASE("shutdown gives up after its timeout and stops", "[server][shutdown]") {
  Gate gate(2s);  // the handler outlives the timeout, then returns by itself
  retort::App app;
  set_up(app, &gate);
  retort::Server server(app, on_port_zero());
  server.start();

  Connection c(server.port());
  c.send_text(kGetSlow);
  REQUIRE(gate.wait_for_arrivals(1));
  CHECK_FALSE(server.shutdown(100ms));
  CHECK(connection_refused(server.port()));
  c.read_response();            // the handler's late response may have gone out before stop() closed
  CHECK(c.closed_by_server());  // stop() ended the connection
  server.run();                 // stopped: returns at once
}

// scripts/load-faults found it: a keep-alive connection whose next request
// arrived while its reactor thread was running a slow handler for another
// connection was closed at its keep-alive deadline with that request
// unread, so a valid request got no answer.
//
// The premise is that `waiting` sends its second request before its
// deadline. Both connections are set up first, so what stands between the
// deadline being set and that send is one request on an open connection;
// a CI machine under ASan once took over a second to accept a new one.
TEST_CASE("a request waiting behind a slow handler outlives the keep-alive timeout", "[server][keep-alive]") {
  constexpr auto kKeepAlive = 2s;
  retort::App app;
  Gate gate;
  set_up(app, &gate);
  retort::ServerOptions options = on_port_zero();  // one reactor thread: the slow handler holds it
  options.keep_alive_timeout = kKeepAlive;
  retort::Server server(app, options);
  server.start();
  Connection slow(server.port());
  slow.send_text(kGetUser);
  CHECK(is_user_7(slow.read_response()));  // accepted and registered
  Connection waiting(server.port());
  waiting.send_text(kGetUser);
  CHECK(is_user_7(waiting.read_response()));  // idle now, its keep-alive deadline kKeepAlive away
  const auto idle_since = std::chrono::steady_clock::now();
  slow.send_text(kGetSlow);
  REQUIRE(gate.wait_for_arrivals(1));  // the only reactor thread is in the handler
  waiting.send_text(kGetUser);         // in time, but nobody reads it yet
  const auto sent_after = std::chrono::steady_clock::now() - idle_since;
  std::this_thread::sleep_for(kKeepAlive + 1s);  // past the deadline, and past the housekeeper's tick
  gate.open();
  CHECK(slow.read_response().ends_with("slow done"));
  const std::string response = waiting.read_response();
  if (sent_after >= kKeepAlive) {
    // Too slow a machine to test it: the request was late, so closing was right.
    WARN("the second request went out " << std::chrono::duration_cast<std::chrono::milliseconds>(sent_after).count()
                                        << " ms after the first answer, past the keep-alive timeout");
  } else {
    INFO("response: " << (response.empty() ? "(none: the connection was closed)" : response));
    CHECK(is_user_7(response));
  }
  server.stop();
}

TEST_CASE("shutdown with nothing to wait for, twice, and before start", "[server][shutdown]") {
  retort::App app;
  set_up(app);
  {
    retort::Server server(app, on_port_zero());
    server.start();
    CHECK(is_user_7(loopback::fetch(server.port(), kGetUser)));
    CHECK(server.shutdown(10s));
    CHECK(server.shutdown(10s));  // the first one's answer
    server.stop();
  }
  {
    retort::Server server(app, on_port_zero());
    CHECK(server.shutdown(10s));
    server.run();  // returns at once
    CHECK_THROWS_AS(server.start(), std::logic_error);
  }
}

}  // namespace

// App: one web application: its routes and how requests become responses.
//
// An explicit object, never a global: a process may hold several, and tests
// build a fresh one per test. The generated `register_routes(app)` installs
// the route table; the server and the test client both call handle().
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string_view>

#include "retort/match.hpp"
#include "retort/request.hpp"
#include "retort/response.hpp"

namespace retort {

namespace detail {
struct RouteTable;
struct RouteEntry;
}  // namespace detail

class App {
 public:
  // Receives one line per unexpected event (a handler threw, …).
  using Logger = std::function<void(std::string_view message)>;

  App();

  // Installs the routes; called by the generated register_routes(app).
  void set_routes(const detail::RouteTable& table);

  // Turns a request into a response: match, call the handler, map errors to
  // status codes. Never throws: a throwing handler is a 500.
  Response handle(const Request& request) const;

  // Matches without dispatching (for tools and tests).
  Match match(Method method, std::string_view path) const;
  std::span<const detail::RouteEntry> routes() const;

  void set_logger(Logger logger) { logger_ = std::move(logger); }

 private:
  Response dispatch(const Request& request) const;

  std::shared_ptr<const detail::RouteTable> table_;  // shared: Apps copy cheaply
  Logger logger_;
};

}  // namespace retort

// App: one web application: its routes and how requests become responses.
//
// An explicit object, never a global: a process may hold several, and tests
// build a fresh one per test. The generated `register_routes(app)` installs
// the route table; the server and the test client both call handle().
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "retort/match.hpp"
#include "retort/request.hpp"
#include "retort/response.hpp"
#include "retort/url.hpp"

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

  // MAX_CONTENT_LENGTH: a request body longer than this is refused with 413
  // (by the server before it reads the body). nullopt: no limit.
  std::optional<std::size_t> max_content_length() const { return max_content_length_; }
  void set_max_content_length(std::optional<std::size_t> limit) { max_content_length_ = limit; }

  // Flask's url_for by endpoint name, for templates and dynamic code:
  // `app.url_for("admin.user", {{"id", 7}, {"tab", "posts"}})`. Values
  // that are not the built rule's variables become the query string.
  // Throws BuildError (Werkzeug's message: what is missing, or the
  // endpoint meant) and std::invalid_argument for a value the converter
  // refuses. Prefer the typed url_for:: functions where the endpoint is
  // known: their mistakes do not compile.
  std::string url_for(std::string_view endpoint, UrlValues values = {}, const UrlOptions& options = {}) const;

  // Flask's SERVER_NAME and PREFERRED_URL_SCHEME: where external URLs point.
  void set_server_name(std::string server_name, std::string preferred_scheme = "http");
  // For UrlOptions::external: `{.external = app.url_origin()}`. Throws
  // std::logic_error (Flask's message) when no server name is set.
  UrlOrigin url_origin() const;

 private:
  Response dispatch(const Request& request) const;

  std::shared_ptr<const detail::RouteTable> table_;  // shared: Apps copy cheaply
  Logger logger_;
  std::string server_name_;
  std::string preferred_scheme_ = "http";
  std::optional<std::size_t> max_content_length_;
};

}  // namespace retort

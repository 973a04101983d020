// RESTinio's express router (restinio::router::express_router_t, 0.6.16,
// with its default regex engine, std::regex) as a RouterUnderTest. Each
// lookup is a restinio::request_handle_t built before timing; the timed
// call hands it to the router, which runs the matching handler.
// RESTinio's headers (and standalone Asio under them) stay in the .cpp so
// that router_bench.cpp does not compile them.
#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "../routesets/lookup.hpp"

namespace router_bench {

class RestinioRouter {
 public:
  static constexpr std::string_view kName = "restinio";

  // Holds the request handle; defined in the .cpp.
  struct Request;
  using Prepared = std::shared_ptr<const Request>;

  explicit RestinioRouter(std::span<const route_sets::Lookup> routes);
  ~RestinioRouter();
  RestinioRouter(const RestinioRouter&) = delete;
  RestinioRouter& operator=(const RestinioRouter&) = delete;

  Prepared prepare(const route_sets::Lookup& lookup) const;
  // Not const: the handler that runs records which route it is.
  bool route(const Prepared& prepared);
  int matched_rule(const Prepared& prepared);

 private:
  struct Express;
  std::unique_ptr<Express> express_;
};

}  // namespace router_bench

// RESTinio's express router, fed requests the way RESTinio's server would
// feed it: a restinio::request_handle_t per request, whose header holds the
// method and request target. A lookup is the router's operator(): for each
// route in registration order, compare the method, then std::regex_search
// the route's regex (path2regex's default options: case-insensitive, an
// optional trailing slash, anchored at both ends) against a normalized copy
// of the path; on a match, build the route_params_t and call the handler,
// which records its route and drops the params. The first registered match
// wins, so routes registered in file order may answer a lookup with a less
// specific route than Werkzeug does.
#include "restinio_router.hpp"

#include <restinio/request_handler.hpp>
#include <restinio/router/express.hpp>

#include <stdexcept>
#include <string>

#include "router_under_test.hpp"

namespace router_bench {

static_assert(RouterUnderTest<RestinioRouter>);

namespace {

// A request needs a connection to be built (its constructor reads the
// connection id); routing never touches it, and no handler here responds.
class NoConnection final : public restinio::impl::connection_base_t {
 public:
  NoConnection() : connection_base_t{0} {}
  void write_response_parts(restinio::request_id_t, restinio::response_output_flags_t,
                            restinio::write_group_t) override {}
  void check_timeout(std::shared_ptr<restinio::tcp_connection_ctx_base_t>&) override {}
};

restinio::http_method_id_t parse_method(std::string_view name) {
  if (name == "GET") return restinio::http_method_get();
  if (name == "POST") return restinio::http_method_post();
  if (name == "PUT") return restinio::http_method_put();
  if (name == "DELETE") return restinio::http_method_delete();
  if (name == "HEAD") return restinio::http_method_head();
  if (name == "PATCH") return restinio::http_method_patch();
  if (name == "OPTIONS") return restinio::http_method_options();
  throw std::invalid_argument("unknown method " + std::string(name));
}

}  // namespace

struct RestinioRouter::Request {
  restinio::request_handle_t handle;
};

struct RestinioRouter::Express {
  // std_regex_engine_t, express_router_t's default engine.
  restinio::router::express_router_t<> router;
  // The rule of the last handler that ran.
  int hit = -1;
  std::shared_ptr<NoConnection> connection = std::make_shared<NoConnection>();
};

RestinioRouter::RestinioRouter(std::span<const route_sets::Lookup> routes) : express_(std::make_unique<Express>()) {
  auto& router = express_->router;
  for (const route_sets::Lookup& route : routes) {
    auto handler = [hit = &express_->hit, rule = route.rule](restinio::request_handle_t,
                                                             restinio::router::route_params_t) {
      *hit = rule;
      return restinio::request_accepted();
    };
    const restinio::string_view_t pattern{route.pattern.data(), route.pattern.size()};
    const restinio::http_method_id_t method = parse_method(route.method);
    if (method == restinio::http_method_get()) router.http_get(pattern, std::move(handler));
    else if (method == restinio::http_method_post()) router.http_post(pattern, std::move(handler));
    else if (method == restinio::http_method_put()) router.http_put(pattern, std::move(handler));
    else if (method == restinio::http_method_delete()) router.http_delete(pattern, std::move(handler));
    else if (method == restinio::http_method_head()) router.http_head(pattern, std::move(handler));
    else router.add_handler(method, pattern, std::move(handler));
  }
}

RestinioRouter::~RestinioRouter() = default;

RestinioRouter::Prepared RestinioRouter::prepare(const route_sets::Lookup& lookup) const {
  restinio::http_request_header_t header{parse_method(lookup.method), std::string(lookup.path)};
  restinio::no_extra_data_factory_t extra_data_factory;
  auto handle = std::make_shared<restinio::request_t>(restinio::request_id_t{0}, std::move(header), std::string{},
                                                      express_->connection, restinio::endpoint_t{}, extra_data_factory);
  return std::make_shared<const Request>(Request{std::move(handle)});
}

// The router takes the handle by value: the copy made here (a reference
// count increment and decrement) stands for the handle RESTinio's server
// moves into it.
bool RestinioRouter::route(const Prepared& prepared) {
  return express_->router(prepared->handle) == restinio::request_accepted();
}

int RestinioRouter::matched_rule(const Prepared& prepared) {
  express_->hit = -1;
  if (express_->router(prepared->handle) != restinio::request_accepted()) return -1;
  return express_->hit;
}

}  // namespace router_bench

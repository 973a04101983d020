// Pistache's REST router tree, driven as Pistache::Rest::Router drives it
// (src/server/router.cc): Router itself cannot be used without a server,
// since Router::route takes an Http::Request and a ResponseWriter bound to
// a peer, so the adapter owns the same per-method map of SegmentTreeNodes
// and repeats what Router::addRoute and Router::route do with it.
#include "pistache_router.hpp"

#include <pistache/http_defs.h>
#include <pistache/router.h>

#include <cstring>
#include <stdexcept>
#include <unordered_map>

#include "router_under_test.hpp"

namespace router_bench {

namespace Http = Pistache::Http;
namespace Rest = Pistache::Rest;

static_assert(RouterUnderTest<PistacheRouter>);

namespace {

// A route's handler. Never called: it is how matched_rule() learns which
// route a Route object is (Route::handler_ is a public std::function, and
// target() gives the functor back), at no cost to the timed lookup.
struct RuleHandler {
  int rule;
  Rest::Route::Result operator()(const Rest::Request&, Http::ResponseWriter) const { return Rest::Route::Result::Ok; }
};

Http::Method parse_method(std::string_view name) {
  constexpr Http::Method kMethods[] = {Http::Method::Options, Http::Method::Get,   Http::Method::Post,
                                       Http::Method::Head,    Http::Method::Put,   Http::Method::Patch,
                                       Http::Method::Delete,  Http::Method::Trace, Http::Method::Connect};
  for (const Http::Method method : kMethods)
    if (name == Http::methodString(method)) return method;
  throw std::invalid_argument("unknown method " + std::string(name));
}

}  // namespace

// Router's own member: `std::unordered_map<Http::Method, SegmentTreeNode> routes`.
struct PistacheRouter::Trees {
  std::unordered_map<Http::Method, Rest::SegmentTreeNode> by_method;

  // What Router::route does to find the route for a request, up to the
  // point where it would call the handler:
  //   - an empty resource is refused (Router::route throws);
  //   - routes[req.method()], a hash lookup (find() here: operator[] would
  //     insert an empty tree for a method with no routes, same answer);
  //   - SegmentTreeNode::sanitizeResource(resource), per request: a
  //     std::regex_replace of "//+" by "/" into a new std::string, then a
  //     substr() without the leading and trailing slash;
  //   - findRoute(path): the tree walk, which builds a TypedParam (two
  //     std::strings) per parameter and returns the route and the params
  //     and splats by value; they are dropped with the returned tuple;
  //   - on a miss, findRoute(path) in every other method's tree, as
  //     Router::route does to tell 405 (NotAllowed, with the methods that
  //     would match) from 404; retort's match answers method_not_allowed
  //     too.
  // Left out, as dispatch rather than search: copying the Http::Request and
  // cloning the ResponseWriter before the search, copying params and splats
  // out of the tuple into a Rest::Request and calling the handler after it,
  // sending the 404 or 405 response.
  // Returns the route found, or null.
  std::shared_ptr<Rest::Route> route(const Prepared& prepared) const {
    if (prepared.resource.empty()) return nullptr;
    const auto method = static_cast<Http::Method>(prepared.method);
    const auto tree = by_method.find(method);
    const std::string sanitized = Rest::SegmentTreeNode::sanitizeResource(prepared.resource);
    const std::string_view path{sanitized.data(), sanitized.size()};
    if (tree != by_method.end()) {
      auto found = tree->second.findRoute(path);
      if (std::get<0>(found) != nullptr) return std::get<0>(std::move(found));
    }
    std::vector<Http::Method> supported_methods;
    for (const auto& [other_method, other_tree] : by_method) {
      if (other_method == method) continue;
      if (std::get<0>(other_tree.findRoute(path)) != nullptr) supported_methods.push_back(other_method);
    }
    return nullptr;
  }

  // Only the tree walk, on a path sanitized beforehand.
  std::shared_ptr<Rest::Route> find(int method, std::string_view path) const {
    const auto tree = by_method.find(static_cast<Http::Method>(method));
    if (tree == by_method.end()) return nullptr;
    return std::get<0>(tree->second.findRoute(path));
  }
};

namespace {

int rule_of(const std::shared_ptr<Rest::Route>& route) {
  if (route == nullptr) return -1;
  const auto* handler = route->handler_.target<RuleHandler>();
  return handler != nullptr ? handler->rule : -1;
}

}  // namespace

PistacheRouter::PistacheRouter(std::span<const route_sets::Lookup> routes) {
  auto trees = std::make_unique<Trees>();
  for (const route_sets::Lookup& route : routes) {
    // Router::addRoute: the tree keeps string_views into the sanitized
    // pattern, in a buffer whose shared_ptr every node of the route holds.
    const std::string resource(route.pattern);
    if (resource.empty()) throw std::invalid_argument("empty route pattern");
    Rest::SegmentTreeNode& tree = trees->by_method[parse_method(route.method)];
    const std::string sanitized = Rest::SegmentTreeNode::sanitizeResource(resource);
    std::shared_ptr<char> buffer(new char[sanitized.length()], std::default_delete<char[]>());
    std::memcpy(buffer.get(), sanitized.data(), sanitized.length());
    tree.addRoute(std::string_view{buffer.get(), sanitized.length()}, RuleHandler{route.rule}, buffer);
  }
  trees_ = std::move(trees);
}

PistacheRouter::~PistacheRouter() = default;

PistacheRouter::Prepared PistacheRouter::prepare(const route_sets::Lookup& lookup) const {
  return {static_cast<int>(parse_method(lookup.method)), std::string(lookup.path)};
}

bool PistacheRouter::route(const Prepared& prepared) const { return trees_->route(prepared) != nullptr; }

int PistacheRouter::matched_rule(const Prepared& prepared) const { return rule_of(trees_->route(prepared)); }

static_assert(RouterUnderTest<PistacheTreeRouter>);

PistacheTreeRouter::Prepared PistacheTreeRouter::prepare(const route_sets::Lookup& lookup) const {
  return {static_cast<int>(parse_method(lookup.method)),
          Rest::SegmentTreeNode::sanitizeResource(std::string(lookup.path))};
}

bool PistacheTreeRouter::route(const Prepared& prepared) const {
  return trees_->find(prepared.method, prepared.path) != nullptr;
}

int PistacheTreeRouter::matched_rule(const Prepared& prepared) const {
  return rule_of(trees_->find(prepared.method, prepared.path));
}

}  // namespace router_bench

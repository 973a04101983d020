// Pistache's REST router (Pistache::Rest::Router, 0.0.5) as a
// RouterUnderTest: one SegmentTreeNode per HTTP method, filled and searched
// the way Router::addRoute and Router::route do (pistache_router.cpp says
// what a lookup includes). Pistache's headers stay in the .cpp so that
// router_bench.cpp does not compile them.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "../routesets/lookup.hpp"

namespace router_bench {

class PistacheRouter {
 public:
  static constexpr std::string_view kName = "pistache";

  // What Router::route reads from an Http::Request.
  struct Prepared {
    int method;            // a Pistache::Http::Method, as int to keep Pistache out of this header
    std::string resource;  // Http::Request::resource(): the path, which Pistache holds as a std::string
  };

  explicit PistacheRouter(std::span<const route_sets::Lookup> routes);
  ~PistacheRouter();
  PistacheRouter(const PistacheRouter&) = delete;
  PistacheRouter& operator=(const PistacheRouter&) = delete;

  Prepared prepare(const route_sets::Lookup& lookup) const;
  bool route(const Prepared& prepared) const;
  int matched_rule(const Prepared& prepared) const;

 protected:
  struct Trees;
  std::unique_ptr<const Trees> trees_;
};

// The same trees, timing only the tree walk (SegmentTreeNode::findRoute in
// the method's tree, parameters included): the path is sanitized before
// timing, and a miss does not look for the 405's methods. This is the
// figure usually quoted for Pistache's router.
class PistacheTreeRouter : private PistacheRouter {
 public:
  static constexpr std::string_view kName = "pistache_tree";

  struct Prepared {
    int method;
    std::string path;  // sanitized: no leading, trailing or repeated slash
  };

  explicit PistacheTreeRouter(std::span<const route_sets::Lookup> routes) : PistacheRouter(routes) {}

  Prepared prepare(const route_sets::Lookup& lookup) const;
  bool route(const Prepared& prepared) const;
  int matched_rule(const Prepared& prepared) const;
};

}  // namespace router_bench

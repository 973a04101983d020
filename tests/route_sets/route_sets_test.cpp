// The matcher retortc generates for the classic router-benchmark route
// sets (bench/routesets: GitHub, Parse, Google+, static, path-tree) answers
// every lookup, shuffled lookup and miss as Werkzeug 3.1 does; the
// expected answers were recorded from Werkzeug by make_route_sets.py. The
// router benchmark times exactly these lookups.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <span>
#include <string>
#include <vector>

#include "github_data.hpp"
#include "github_routes.hpp"
#include "gplus_data.hpp"
#include "gplus_routes.hpp"
#include "parse_data.hpp"
#include "parse_routes.hpp"
#include "path_tree_data.hpp"
#include "path_tree_routes.hpp"
#include "retort_router.hpp"
#include "static_data.hpp"
#include "static_routes.hpp"

namespace {

using route_sets::Lookup;

template <retort::detail::Matcher Match, void (*Register)(retort::App&)>
void check_set(std::span<const Lookup> routes, std::span<const Lookup> lookups,
               std::span<const unsigned short> shuffled_order, std::span<const Lookup> misses) {
  const router_bench::RetortRouter<Match, Register> router(routes);
  CHECK(lookups.size() >= 13);
  CHECK(misses.size() >= 13);
  std::vector<Lookup> shuffled;
  for (const unsigned short i : shuffled_order) {
    REQUIRE(i < lookups.size());
    shuffled.push_back(lookups[i]);
  }
  CHECK(shuffled.size() >= 1000);
  for (std::span<const Lookup> order : {lookups, std::span<const Lookup>(shuffled), misses}) {
    for (const Lookup& lookup : order) {
      INFO(std::string(lookup.method) << " " << std::string(lookup.path));
      const auto prepared = router.prepare(lookup);
      CHECK(router.matched_rule(prepared) == lookup.rule);
      CHECK(router.route(prepared) == (lookup.rule >= 0));
    }
  }
}

}  // namespace

TEST_CASE("GitHub API: 203 routes", "[route_sets]") {
  namespace s = route_sets::github;
  check_set<&github_routes::match, &github_routes::register_routes>(s::kRoutes, s::kLookups, s::kShuffledOrder, s::kMisses);
}

TEST_CASE("Parse API", "[route_sets]") {
  namespace s = route_sets::parse;
  check_set<&parse_routes::match, &parse_routes::register_routes>(s::kRoutes, s::kLookups, s::kShuffledOrder, s::kMisses);
}

TEST_CASE("Google+ API", "[route_sets]") {
  namespace s = route_sets::gplus;
  check_set<&gplus_routes::match, &gplus_routes::register_routes>(s::kRoutes, s::kLookups, s::kShuffledOrder, s::kMisses);
}

TEST_CASE("static routes", "[route_sets]") {
  namespace s = route_sets::static_;
  check_set<&static_routes::match, &static_routes::register_routes>(s::kRoutes, s::kLookups, s::kShuffledOrder,
                                                                    s::kMisses);
}

TEST_CASE("path-tree: 315 routes, 80 realistic lookups", "[route_sets]") {
  namespace s = route_sets::path_tree;
  check_set<&path_tree_routes::match, &path_tree_routes::register_routes>(s::kRoutes, s::kLookups, s::kShuffledOrder,
                                                                          s::kMisses);
}

// A `//` anywhere in a path that matches once slashes are merged is
// Werkzeug's merge_slashes redirect; the search for `//` reads sixteen
// bytes at a time, so every position of a long path is tried.
TEST_CASE("a doubled slash at any position redirects", "[route_sets]") {
  namespace s = route_sets::github;
  int long_paths = 0;
  for (const Lookup& lookup : s::kLookups) {
    const std::string path(lookup.path);
    if (path.size() < 33) continue;
    ++long_paths;
    const retort::Method method = retort::parse_method(lookup.method);
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (path[i] != '/' || i == 0) continue;  // a leading `//` is stripped, not redirected
      const std::string doubled = path.substr(0, i) + "/" + path.substr(i);
      INFO(doubled);
      const retort::Match m = github_routes::match(method, doubled);
      CHECK(m.kind == retort::Match::Kind::redirect);
      CHECK(m.redirect == retort::Match::Redirect::merge_slashes);
    }
    CHECK(github_routes::match(method, path).kind == retort::Match::Kind::found);
  }
  CHECK(long_paths >= 10);
}

// retort's generated matcher as a RouterUnderTest: `Match` is the
// `<set>_routes::match` function retortc generated for the set's
// annotated handlers (bench/routesets/<set>_views.cpp).
#pragma once

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include <retort/app.hpp>
#include <retort/generated_support.hpp>
#include <retort/method.hpp>

#include "router_under_test.hpp"

namespace router_bench {

template <retort::detail::Matcher Match, void (*Register)(retort::App&)>
class RetortRouter {
 public:
  static constexpr std::string_view kName = "retort";

  struct Prepared {
    retort::Method method;
    std::string_view path;
  };

  explicit RetortRouter(std::span<const route_sets::Lookup> routes) : routes_(routes) { Register(app_); }

  Prepared prepare(const route_sets::Lookup& lookup) const {
    const retort::Method method = retort::parse_method(lookup.method);
    if (method == retort::Method::other) throw std::invalid_argument("unknown method " + std::string(lookup.method));
    return {method, lookup.path};
  }

  bool route(const Prepared& p) const noexcept {
    const retort::Match m = Match(p.method, p.path);
    // The whole Match counts as used (as benchmark::DoNotOptimize does it,
    // which this header cannot include): with link-time optimisation the
    // compiler could otherwise drop the argument stores nobody reads here.
    asm volatile("" : : "r"(&m) : "memory");
    return m.kind == retort::Match::Kind::found;
  }

  int matched_rule(const Prepared& p) const {
    const retort::Match m = Match(p.method, p.path);
    if (m.kind != retort::Match::Kind::found) return -1;
    const std::string_view endpoint = app_.routes()[m.rule].endpoint;
    for (std::size_t i = 0; i < routes_.size(); ++i)
      if (routes_[i].endpoint == endpoint) return static_cast<int>(i);
    return -1;
  }

 private:
  std::span<const route_sets::Lookup> routes_;
  retort::App app_;
};

}  // namespace router_bench

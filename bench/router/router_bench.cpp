// The router micro-benchmark: every router, every route set, every lookup
// order, in one binary run (Google Benchmark). One iteration looks up all of
// a set's lookups once; bench/run.py divides by the count for ns/lookup.
//
// Before anything is timed, each router's answer to every lookup is checked
// against Werkzeug's (recorded by make_route_sets.py): retort must agree on
// all of them, or the run fails; a baseline's disagreements are counted and
// reported with its figures (a router with other priority rules may pick
// another route; on these sets in file order none does). Allocations are
// counted over one untimed pass. `router_bench --check` only checks.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "allocation_counter.hpp"
#include "retort_router.hpp"
#include "router_under_test.hpp"
#include "github_data.hpp"
#include "github_routes.hpp"
#include "gplus_data.hpp"
#include "gplus_routes.hpp"
#include "parse_data.hpp"
#include "parse_routes.hpp"
#include "path_tree_data.hpp"
#include "path_tree_routes.hpp"
#include "static_data.hpp"
#include "static_routes.hpp"
#ifdef ROUTER_BENCH_BASELINES
#include "pistache_router.hpp"
#include "restinio_router.hpp"
#endif

namespace router_bench {
namespace {

using route_sets::Lookup;

struct RouteSetData {
  const char* name;
  std::span<const Lookup> routes, lookups;
  std::span<const unsigned short> shuffled_order;  // indices into lookups
  std::span<const Lookup> misses;
};

struct Order {
  const char* name;
  std::span<const Lookup> lookups;
};

struct CheckResult {
  std::size_t lookups = 0;
  std::size_t disagreements = 0;
};

template <RouterUnderTest R>
CheckResult check(R& router, std::span<const Lookup> lookups, const std::string& label) {
  CheckResult result;
  for (const Lookup& lookup : lookups) {
    const auto prepared = router.prepare(lookup);
    const int rule = router.matched_rule(prepared);
    const bool found = router.route(prepared);
    ++result.lookups;
    if (rule != lookup.rule || found != (lookup.rule >= 0)) {
      if (++result.disagreements <= 3)
        std::fprintf(stderr, "%s: %.*s %.*s: expected route %d, got %d%s\n", label.c_str(),
                     static_cast<int>(lookup.method.size()), lookup.method.data(),
                     static_cast<int>(lookup.path.size()), lookup.path.data(), lookup.rule, rule,
                     found == (rule >= 0) ? "" : " (route() disagrees with matched_rule())");
    }
  }
  return result;
}

// Registers "<router>/<set>/<order>" for each order, after checking it.
// Returns false if the router must agree with Werkzeug and does not.
template <RouterUnderTest R>
bool add(const RouteSetData& set, bool must_agree) {
  auto router = std::make_shared<R>(set.routes);
  std::vector<Lookup> shuffled;
  for (const unsigned short i : set.shuffled_order) shuffled.push_back(set.lookups[i]);
  const Order orders[] = {{"file_order", set.lookups}, {"shuffled", shuffled}, {"misses", set.misses}};
  bool ok = true;
  for (const Order& order : orders) {
    const std::string label = std::string(R::kName) + "/" + set.name + "/" + order.name;
    const CheckResult checked = check(*router, order.lookups, label);
    if (checked.disagreements != 0) {
      std::fprintf(stderr, "%s: %zu of %zu lookups disagree with Werkzeug\n", label.c_str(), checked.disagreements,
                   checked.lookups);
      ok = ok && !must_agree;
    }
    std::vector<typename R::Prepared> prepared;
    for (const Lookup& lookup : order.lookups) prepared.push_back(router->prepare(lookup));
    for (const auto& p : prepared) benchmark::DoNotOptimize(router->route(p));  // warm: first-use allocations
    const std::uint64_t allocations_before = allocations();
    for (const auto& p : prepared) benchmark::DoNotOptimize(router->route(p));
    const double allocs_per_lookup =
        static_cast<double>(allocations() - allocations_before) / static_cast<double>(prepared.size());
    const double disagreements = static_cast<double>(checked.disagreements);
    benchmark::RegisterBenchmark(label.c_str(), [router, prepared = std::move(prepared), allocs_per_lookup,
                                                 disagreements](benchmark::State& state) {
      for (auto _ : state) {
        for (const auto& p : prepared) benchmark::DoNotOptimize(router->route(p));
      }
      state.counters["lookups"] = static_cast<double>(prepared.size());
      state.counters["allocs_per_lookup"] = allocs_per_lookup;
      state.counters["disagreements"] = disagreements;
    });
  }
  return ok;
}

// Every router on one set; retort's matcher for it is `Match`.
template <retort::detail::Matcher Match, void (*Register)(retort::App&)>
bool add_set(const RouteSetData& set) {
  const bool ok = add<RetortRouter<Match, Register>>(set, true);
#ifdef ROUTER_BENCH_BASELINES
  add<PistacheRouter>(set, false);
  add<PistacheTreeRouter>(set, false);
  add<RestinioRouter>(set, false);
#endif
  return ok;
}

bool add_all_sets() {
  namespace rs = route_sets;
  bool ok = add_set<&github_routes::match, &github_routes::register_routes>(
      {"github", rs::github::kRoutes, rs::github::kLookups, rs::github::kShuffledOrder, rs::github::kMisses});
  ok = add_set<&parse_routes::match, &parse_routes::register_routes>(
           {"parse", rs::parse::kRoutes, rs::parse::kLookups, rs::parse::kShuffledOrder, rs::parse::kMisses}) && ok;
  ok = add_set<&gplus_routes::match, &gplus_routes::register_routes>(
           {"gplus", rs::gplus::kRoutes, rs::gplus::kLookups, rs::gplus::kShuffledOrder, rs::gplus::kMisses}) && ok;
  ok = add_set<&static_routes::match, &static_routes::register_routes>(
           {"static", rs::static_::kRoutes, rs::static_::kLookups, rs::static_::kShuffledOrder, rs::static_::kMisses}) && ok;
  ok = add_set<&path_tree_routes::match, &path_tree_routes::register_routes>(
           {"path_tree", rs::path_tree::kRoutes, rs::path_tree::kLookups, rs::path_tree::kShuffledOrder,
            rs::path_tree::kMisses}) && ok;
  return ok;
}

}  // namespace
}  // namespace router_bench

int main(int argc, char** argv) {
  bool check_only = false;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--check") == 0) check_only = true;
    else args.push_back(argv[i]);
  }
  int count = static_cast<int>(args.size());

  if (!router_bench::add_all_sets()) {
    std::fprintf(stderr, "retort disagrees with Werkzeug: not benchmarking\n");
    return 1;
  }
  if (check_only) {
    std::printf("every retort lookup agrees with Werkzeug\n");
    return 0;
  }
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

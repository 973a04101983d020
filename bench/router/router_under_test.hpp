// What the router benchmark asks of each router it measures.
//
// An adapter is built from a route set's routes (file order, `:name`
// syntax) and answers lookups that were prepared before timing starts, so
// that only the router's own work is timed: whatever a router needs besides
// the method and path (a request object, an upper-case method string) is
// built by prepare(). route() is the timed operation: it matches and
// returns whether a route was found, producing everything the router would
// hand a handler (parameters included) and destroying it, as a dispatch
// would. matched_rule() is for the correctness check only and may be slow.
#pragma once

#include <concepts>
#include <span>
#include <string_view>

#include "../routesets/lookup.hpp"

namespace router_bench {

template <class R>
concept RouterUnderTest =
    std::constructible_from<R, std::span<const route_sets::Lookup>> &&
    requires(R& router, const route_sets::Lookup& lookup, const typename R::Prepared& prepared) {
      { R::kName } -> std::convertible_to<std::string_view>;
      { router.prepare(lookup) } -> std::same_as<typename R::Prepared>;
      { router.route(prepared) } -> std::same_as<bool>;
      // The index (file order) of the route that matched, or -1.
      { router.matched_rule(prepared) } -> std::same_as<int>;
    };

}  // namespace router_bench

// One lookup of the router benchmark, as bench/routesets/make_route_sets.py
// writes them into <set>_data.hpp.
#pragma once

#include <string_view>

namespace route_sets {

struct Lookup {
  std::string_view method;    // GET, POST, PUT, DELETE
  std::string_view pattern;   // the route that should match, `:name` syntax; empty for a miss
  std::string_view path;      // the request path
  int rule;                   // index of that route in the set's file order; -1 for a miss
  std::string_view endpoint;  // retort's endpoint for it (the handler's name); empty for a miss
};

}  // namespace route_sets

// Endpoint: one endpoint across all its rules, as URL building sees it:
// the rules in Werkzeug's build order and the parameters of the endpoint's
// typed url_for function.
//
// Werkzeug sorts an endpoint's rules by Rule.build_compare_key (more
// arguments first, then more defaults, then registration order) and builds
// the first one suitable for the values given. A url_for parameter is
// required when every rule needs it (a variable without a default);
// otherwise it is a std::optional, and leaving it out lets another rule be
// chosen.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "model/route_table.hpp"

namespace retortc {

struct UrlParameter {
  std::string name;
  ParamKind kind = ParamKind::string_view;  // the handler parameter's (integer, floating, uuid, text)
  std::string value_type;                   // the handler's integer or floating type: `int`
  bool required = true;
  // Every rule that has this variable has the same `any(…)`: url_for takes
  // a retort::AnyOf of these items, checked at compile time.
  std::vector<std::string> any_items;
};

struct Endpoint {
  std::string name;                      // `admin.user`
  std::vector<std::size_t> build_order;  // indices into RouteTable::routes
  std::vector<UrlParameter> parameters;  // required first, then optional; each in handler order
};

// Every endpoint of `table`, sorted by name.
std::vector<Endpoint> endpoints_of(const RouteTable& table);

// Rule.arguments: the rule's variables and the names of its defaults.
std::set<std::string> rule_arguments(const Route& route);

// The rules of `endpoint` in Werkzeug's build order.
std::vector<std::size_t> build_order(const RouteTable& table, const std::string& endpoint);

}  // namespace retortc

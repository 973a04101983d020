#include "model/endpoint.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

namespace retortc {

std::set<std::string> rule_arguments(const Route& route) {
  std::set<std::string> names;
  for (const RouteVariable& v : route.variables) names.insert(v.name);
  for (const DefaultValue& d : route.defaults) names.insert(d.name);
  return names;
}

std::vector<std::size_t> build_order(const RouteTable& table, const std::string& endpoint) {
  std::vector<std::size_t> rules;
  for (std::size_t i = 0; i < table.routes.size(); ++i)
    if (table.routes[i].endpoint == endpoint) rules.push_back(i);
  std::stable_sort(rules.begin(), rules.end(), [&](std::size_t a, std::size_t b) {
    const Route& x = table.routes[a];
    const Route& y = table.routes[b];
    return std::make_pair(rule_arguments(x).size(), x.defaults.size()) >
           std::make_pair(rule_arguments(y).size(), y.defaults.size());
  });
  return rules;
}

namespace {

bool has_default(const Route& route, const std::string& name) {
  return std::any_of(route.defaults.begin(), route.defaults.end(), [&](const DefaultValue& d) { return d.name == name; });
}

const RouteVariable* find_variable(const Route& route, const std::string& name) {
  for (const RouteVariable& v : route.variables)
    if (v.name == name) return &v;
  return nullptr;
}

UrlParameter make_parameter(const RouteTable& table, const std::vector<std::size_t>& rules, const ParamDecl& param) {
  UrlParameter p;
  p.name = param.name;
  p.kind = param.kind;
  p.value_type = param.value_type;
  std::optional<std::vector<std::string>> items;  // the `any` items all rules agree on
  bool every_variable_is_any = true;
  for (std::size_t r : rules) {
    const Route& route = table.routes[r];
    const RouteVariable* variable = find_variable(route, param.name);
    if (variable == nullptr || has_default(route, param.name)) p.required = false;
    if (variable == nullptr) continue;
    if (variable->converter.kind != Converter::Kind::any || (items && *items != variable->converter.items)) {
      every_variable_is_any = false;
      continue;
    }
    items = variable->converter.items;
  }
  // std::optional<AnyOf> cannot take a literal (the check would run inside
  // optional's constructor, where it is not constant): optional `any`
  // values are checked when the URL is built instead.
  if (every_variable_is_any && items && p.required) p.any_items = *items;
  return p;
}

}  // namespace

std::vector<Endpoint> endpoints_of(const RouteTable& table) {
  std::map<std::string, Endpoint> by_name;
  for (const Route& route : table.routes) {
    auto [it, fresh] = by_name.try_emplace(route.endpoint);
    if (!fresh) continue;
    Endpoint& endpoint = it->second;
    endpoint.name = route.endpoint;
    endpoint.build_order = build_order(table, route.endpoint);
    std::set<std::string> arguments;
    for (std::size_t r : endpoint.build_order) {
      std::set<std::string> a = rule_arguments(table.routes[r]);
      arguments.insert(a.begin(), a.end());
    }
    // Every rule argument binds a handler parameter (check_bindings makes
    // sure), so the handler's order is the one order all rules share.
    std::vector<UrlParameter> optional;
    for (const ParamDecl& param : route.params) {
      if (arguments.count(param.name) == 0) continue;
      UrlParameter p = make_parameter(table, endpoint.build_order, param);
      (p.required ? endpoint.parameters : optional).push_back(std::move(p));
    }
    endpoint.parameters.insert(endpoint.parameters.end(), optional.begin(), optional.end());
  }
  std::vector<Endpoint> endpoints;
  for (auto& [name, endpoint] : by_name) endpoints.push_back(std::move(endpoint));
  return endpoints;
}

}  // namespace retortc

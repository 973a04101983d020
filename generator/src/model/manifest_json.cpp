#include "model/manifest_json.hpp"

#include <map>
#include <set>

#include "check/check_bindings.hpp"
#include "model/endpoint.hpp"
#include "check/diagnostic.hpp"
#include "order/match_order.hpp"
#include "parse/rule_parser.hpp"

namespace retortc {
namespace {

using nlohmann::json;

// In the enums' order (model/route_decl.hpp).
constexpr const char* kParamKinds[] = {"integer", "floating",    "uuid", "string", "string_view", "request",
                                       "unsupported", "boolean", "list", "app",    "json_body"};
constexpr const char* kReturnKinds[] = {"string", "json", "response", "unsupported", "tuple", "convertible"};

template <class Enum, std::size_t N>
Enum enum_from(const json& value, const char* const (&names)[N]) {
  for (std::size_t i = 0; i < N; ++i)
    if (value == names[i]) return static_cast<Enum>(i);
  throw std::out_of_range("unknown kind " + value.dump());
}

json loc_to_json(const SourceLoc& loc) {
  return {{"file", loc.file}, {"line", loc.line}, {"column", loc.column}};
}
SourceLoc loc_from_json(const json& j) {
  return {j.at("file").get<std::string>(), j.at("line").get<unsigned>(), j.at("column").get<unsigned>()};
}

json param_to_json(const ParamDecl& p) {
  json j = {{"name", p.name},
            {"cpp_type", p.cpp_type},
            {"kind", kParamKinds[static_cast<int>(p.kind)]},
            {"source", loc_to_json(p.loc)}};
  if (p.kind == ParamKind::integer || p.kind == ParamKind::floating || p.kind == ParamKind::list ||
      p.kind == ParamKind::json_body)
    j["value_type"] = p.value_type;
  if (p.kind == ParamKind::list) j["element_kind"] = kParamKinds[static_cast<int>(p.element_kind)];
  if (p.optional) j["optional"] = true;
  return j;
}
ParamDecl param_from_json(const json& j) {
  ParamDecl p;
  p.name = j.at("name").get<std::string>();
  p.cpp_type = j.at("cpp_type").get<std::string>();
  p.kind = enum_from<ParamKind>(j.at("kind"), kParamKinds);
  p.value_type = j.value("value_type", p.cpp_type);
  if (j.contains("element_kind")) p.element_kind = enum_from<ParamKind>(j.at("element_kind"), kParamKinds);
  p.optional = j.value("optional", false);
  p.loc = loc_from_json(j.at("source"));
  return p;
}

json default_to_json(const ArgValue& v) {
  switch (v.type) {
    case ArgValue::Type::integer: return v.integer;
    case ArgValue::Type::floating: return v.floating;
    default: return v.text;
  }
}
ArgValue default_from_json(const json& j) {
  ArgValue v;
  if (j.is_number_integer()) {
    v.type = ArgValue::Type::integer;
    v.integer = j.get<std::int64_t>();
  } else if (j.is_number()) {
    v.type = ArgValue::Type::floating;
    v.floating = j.get<double>();
  } else {
    v.type = ArgValue::Type::text;
    v.text = j.get<std::string>();
  }
  return v;
}

// Per endpoint: its url_for parameters and its rules in build order
// (indices into "routes"); derived from the routes, so never read back.
json endpoints_to_json(const RouteTable& table) {
  json out = json::array();
  for (const Endpoint& endpoint : endpoints_of(table)) {
    json parameters = json::array();
    for (const UrlParameter& p : endpoint.parameters) {
      json j = {{"name", p.name}, {"kind", kParamKinds[static_cast<int>(p.kind)]}, {"required", p.required}};
      if (p.kind == ParamKind::integer || p.kind == ParamKind::floating) j["value_type"] = p.value_type;
      if (!p.any_items.empty()) j["any"] = p.any_items;
      parameters.push_back(std::move(j));
    }
    out.push_back({{"endpoint", endpoint.name}, {"url_for_parameters", parameters}, {"build_order", endpoint.build_order}});
  }
  return out;
}

}  // namespace

json manifest_to_json(const RouteTable& table, std::string_view version) {
  json routes = json::array();
  for (const Route& route : table.routes) {
    json variables = json::array();
    for (const RouteVariable& v : route.variables)
      variables.push_back({{"name", v.name},
                           {"converter", v.converter.name},
                           {"value", v.converter.value_kind()},
                           {"cpp_type", v.param.cpp_type}});
    json defaults = json::object();
    for (const DefaultValue& d : route.defaults) defaults[d.name] = default_to_json(d.value);
    json params = json::array();
    for (const ParamDecl& p : route.params) params.push_back(param_to_json(p));
    routes.push_back({
        {"endpoint", route.endpoint},
        {"rule", route.rule.text},
        {"methods", route.methods},
        {"automatic_options", route.automatic_options},
        {"defaults", defaults},
        {"strict_slashes", route.strict_slashes},
        {"merge_slashes", route.merge_slashes},
        {"blueprint", route.blueprint},
        {"variables", variables},
        {"handler",
         {{"namespaces", route.namespaces},
          {"function", route.function},
          {"return_type", route.return_type},
          {"return_kind", kReturnKinds[static_cast<int>(route.return_kind)]},
          {"params", params},
          {"includes", route.includes}}},
        {"source", loc_to_json(route.loc)},
        {"rule_source", loc_to_json(route.rule_loc)},
    });
  }
  return {{"retortc_version", version},
          {"name", table.name},
          {"sources", table.sources},
          {"routes", routes},
          {"match_order", match_order(build_state_machine(table.routes))},
          {"endpoints", endpoints_to_json(table)}};
}

std::optional<RouteTable> manifest_from_json(const json& manifest, std::string& error) {
  try {
    RouteTable table;
    table.name = manifest.at("name").get<std::string>();
    table.sources = manifest.at("sources").get<std::vector<std::string>>();
    std::map<std::string, std::set<std::string>> endpoint_names;
    for (const json& r : manifest.at("routes")) {
      Route route;
      route.endpoint = r.at("endpoint").get<std::string>();
      route.strict_slashes = r.value("strict_slashes", true);
      route.merge_slashes = r.value("merge_slashes", true);
      route.automatic_options = r.value("automatic_options", true);
      const json defaults = r.value("defaults", json::object());
      for (const auto& [name, value] : defaults.items()) route.defaults.push_back({name, default_from_json(value)});
      std::string rule = r.at("rule").get<std::string>();
      DiagnosticSink sink;
      std::optional<Rule> parsed =
          parse_rule(rule, [](std::size_t) { return SourceLoc{}; }, sink, route.merge_slashes);
      if (!parsed) throw std::invalid_argument("route '" + route.endpoint + "' has an invalid rule");
      route.rule = std::move(*parsed);
      route.methods = r.at("methods").get<std::vector<std::string>>();
      route.blueprint = r.at("blueprint").get<std::string>();
      const json& handler = r.at("handler");
      route.namespaces = handler.at("namespaces").get<std::vector<std::string>>();
      route.function = handler.at("function").get<std::string>();
      route.return_type = handler.at("return_type").get<std::string>();
      route.return_kind = enum_from<ReturnKind>(handler.at("return_kind"), kReturnKinds);
      for (const json& p : handler.at("params")) route.params.push_back(param_from_json(p));
      route.includes = handler.value("includes", std::vector<std::string>());
      route.loc = loc_from_json(r.at("source"));
      route.rule_loc = loc_from_json(r.at("rule_source"));
      std::set<std::string>& names = endpoint_names[qualified_handler(route)];
      for (const RulePart* v : route.rule.variables()) names.insert(v->text);
      for (const DefaultValue& d : route.defaults) names.insert(d.name);
      table.routes.push_back(std::move(route));
    }
    // Bindings are derived, not stored: rebuild them as the check did.
    for (Route& route : table.routes) {
      RouteDecl decl;
      decl.params = route.params;
      decl.return_kind = route.return_kind;
      DiagnosticSink sink;
      const Rule written = route.rule;
      if (!check_bindings(decl, written, route, endpoint_names[qualified_handler(route)], sink))
        throw std::invalid_argument("route '" + route.endpoint + "' does not bind its handler");
    }
    return table;
  } catch (const std::exception& e) {
    error = e.what();
    return std::nullopt;
  }
}

}  // namespace retortc

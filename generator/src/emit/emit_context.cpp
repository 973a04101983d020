#include "emit/emit_context.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "emit/adapter_code.hpp"
#include "emit/matcher_code.hpp"
#include "emit/names.hpp"
#include "emit/url_map_code.hpp"
#include "model/join.hpp"
#include "retort/detail/codegen_abi.hpp"
#include "retort/detail/percent_encoding.hpp"

namespace retortc {
namespace {

using kainjow::mustache::data;

std::string declared_parameters(const std::vector<ParamDecl>& params) {
  std::vector<std::string> out;
  for (const ParamDecl& p : params) out.push_back(p.cpp_type + " " + p.name);
  return join(out, ", ");
}

// `namespace admin {\nstd::string show(int id);\n}  // namespace admin`
std::string handler_declaration(const Route& route) {
  std::string declaration =
      route.return_type + " " + route.function + "(" + declared_parameters(route.params) + ");";
  if (route.namespaces.empty()) return declaration;
  std::string ns = join(route.namespaces, "::");
  return "namespace " + ns + " {\n" + declaration + "\n}  // namespace " + ns;
}

data route_data(const Route& route, std::size_t index) {
  const AdapterCall call = adapter_call(route);
  data locals{data::type::list};
  for (const std::string& local : call.locals) locals << data(local);
  data d;
  d.set("comment", route_comment(route));
  d.set("index", std::to_string(index));
  d.set("adapter", adapter_name(route, index));
  d.set("handler", "::" + qualified_handler(route));
  d.set("uses_app", call.uses_app);
  d.set("uses_request", call.uses_request);
  d.set("uses_match", call.uses_match);
  d.set("locals", locals);
  d.set("call_arguments", call.arguments);
  d.set("methods", method_set_expression(route));
  d.set("automatic_options", route.automatic_options ? "true" : "false");
  d.set("merge_slashes", route.merge_slashes ? "true" : "false");
  d.set("endpoint", route.endpoint);
  d.set("rule_literal", cpp_string_literal(route.rule.text));
  return d;
}

}  // namespace

data make_emit_context(const RouteTable& table, std::string_view version, std::string_view manifest) {
  data context;
  context.set("version", std::string(version));
  context.set("sources", join(table.sources, ", "));
  context.set("name", table.name);
  context.set("namespace", routes_namespace(table.name));
  context.set("header", header_file_name(table.name));
  context.set("abi", std::to_string(retort::detail::kCodegenAbi));
  context.set("route_count", std::to_string(table.routes.size()));
  context.set("manifest_file", manifest_file_name(table.name));
  context.set("manifest_literal", cpp_raw_string_literal(manifest));

  // The headers declaring the handlers' own types, each once, in order.
  std::vector<std::string> includes;
  for (const Route& route : table.routes)
    for (const std::string& include : route.includes)
      if (std::find(includes.begin(), includes.end(), include) == includes.end()) includes.push_back(include);
  data include_list{data::type::list};
  for (const std::string& include : includes) include_list << data(include);
  context.set("includes", include_list);
  context.set("has_includes", !includes.empty());

  data routes{data::type::list};
  for (std::size_t i = 0; i < table.routes.size(); ++i) routes << route_data(table.routes[i], i);
  context.set("routes", routes);
  add_matcher_code(table, context);

  add_url_map_code(table, context);

  // Handler declarations, once per endpoint, in source order.
  std::vector<const Route*> by_source;
  for (const Route& route : table.routes) by_source.push_back(&route);
  std::stable_sort(by_source.begin(), by_source.end(), [](const Route* a, const Route* b) {
    return std::tie(a->loc.file, a->loc.line, b->rule_loc.line, b->rule_loc.column) <
           std::tie(b->loc.file, b->loc.line, a->rule_loc.line, a->rule_loc.column);
  });

  data handlers{data::type::list};
  std::set<std::string> seen;
  for (const Route* route : by_source) {
    if (!seen.insert(route->endpoint).second) continue;
    handlers << data("declaration", handler_declaration(*route));
  }
  context.set("handlers", handlers);

  return context;
}

}  // namespace retortc

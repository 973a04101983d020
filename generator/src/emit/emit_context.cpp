#include "emit/emit_context.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "emit/names.hpp"
#include "model/join.hpp"
#include "retort/detail/codegen_abi.hpp"
#include "retort/detail/percent_encoding.hpp"

namespace retortc {
namespace {

using kainjow::mustache::data;

// The test one segment of the path must pass for a rule part.
std::string segment_test(const RuleSegment& segment, std::size_t index) {
  std::string at = "segment[" + std::to_string(index) + "]";
  if (segment.is_static()) return at + " == " + cpp_string_literal(segment.static_text());
  const RulePart& part = segment.parts.front();
  if (part.converter == "int") return "retort::detail::is_digits(" + at + ")";
  return "!" + at + ".empty()";  // `[^/]+`
}

std::string path_condition(const Rule& rule, std::size_t segments) {
  std::vector<std::string> tests{"segment.size() == " + std::to_string(segments)};
  for (std::size_t i = 0; i < segments; ++i) tests.push_back(segment_test(rule.segments[i], i));
  return join(tests, " && ");
}

std::string found_arguments(const Route& route) {
  std::string out;
  std::size_t variable = 0;
  for (std::size_t i = 0; i < route.rule.segments.size(); ++i) {
    const RuleSegment& segment = route.rule.segments[i];
    if (segment.is_static()) continue;
    const RouteVariable& v = route.variables[variable++];
    std::string at = "segment[" + std::to_string(i) + "]";
    out += v.converter == "int"
               ? ", retort::detail::int_argument<" + v.param.value_type + ">(" + at + ")"
               : ", retort::detail::text_argument(" + at + ")";
  }
  return out;
}

std::string call_arguments(const Route& route) {
  std::vector<std::string> args;
  for (const HandlerArgument& argument : route.arguments) {
    if (argument.source == HandlerArgument::Source::request) {
      args.push_back("request");
      continue;
    }
    const RouteVariable& v = route.variables[argument.variable];
    std::string value = "match.args[" + std::to_string(argument.variable) + "]";
    switch (v.param.kind) {
      case ParamKind::integer:
        args.push_back("static_cast<" + v.param.value_type + ">(" + value + ".integer)");
        break;
      case ParamKind::string:
        args.push_back("std::string(" + value + ".text)");
        break;
      default:
        args.push_back(value + ".text");
        break;
    }
  }
  return join(args, ", ");
}

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
  bool uses_request = false;
  for (const HandlerArgument& a : route.arguments)
    uses_request |= a.source == HandlerArgument::Source::request;
  const std::size_t segments = route.rule.segments.size();

  data d;
  d.set("comment", route_comment(route));
  d.set("index", std::to_string(index));
  d.set("adapter", adapter_name(route, index));
  d.set("handler", "::" + qualified_handler(route));
  d.set("uses_request", uses_request);
  d.set("uses_match", !route.variables.empty());
  d.set("call_arguments", call_arguments(route));
  d.set("condition", path_condition(route.rule, segments));
  d.set("found_arguments", found_arguments(route));
  d.set("methods", method_set_expression(route));
  // `/` is a branch too, but no path lacks its slash: every path has one.
  const bool redirects = route.rule.is_branch() && segments > 1;
  d.set("is_branch", redirects);
  d.set("slash_condition", redirects ? path_condition(route.rule, segments - 1) : "");
  d.set("endpoint", route.endpoint);
  d.set("rule_literal", cpp_string_literal(route.rule.text));
  return d;
}

data url_for_function(const Route& route) {
  std::vector<std::string> parameters;
  data steps{data::type::list};
  std::string pending;  // static text, encoded, not yet appended
  std::size_t size = 0;
  auto flush = [&] {
    if (pending.empty()) return;
    size += pending.size();
    steps << data("append_encoded(" + cpp_string_literal(pending) + ")");
    pending.clear();
  };
  std::size_t variable = 0;
  for (const RuleSegment& segment : route.rule.segments) {
    pending += '/';
    for (const RulePart& part : segment.parts) {
      if (part.kind == RulePart::Kind::text) {
        retort::detail::append_path_encoded(pending, part.text);
        continue;
      }
      const RouteVariable& v = route.variables[variable++];
      flush();
      size += 8;
      if (v.converter == "int") {
        parameters.push_back(v.param.value_type + " " + v.name);
        steps << data("append_integer(" + v.name + ")");
      } else {
        parameters.push_back("std::string_view " + v.name);
        steps << data("append_text(" + v.name + ")");
      }
    }
  }
  flush();

  data d;
  d.set("comment", route_comment(route));
  d.set("function", route.function);
  d.set("parameters", join(parameters, ", "));
  d.set("size_hint", std::to_string(size));
  d.set("steps", steps);
  return d;
}

}  // namespace

data make_emit_context(const RouteTable& table, std::string_view version) {
  data context;
  context.set("version", std::string(version));
  context.set("sources", join(table.sources, ", "));
  context.set("name", table.name);
  context.set("namespace", routes_namespace(table.name));
  context.set("header", header_file_name(table.name));
  context.set("abi", std::to_string(retort::detail::kCodegenAbi));
  context.set("route_count", std::to_string(table.routes.size()));

  std::size_t max_segments = 1;
  data routes{data::type::list};
  for (std::size_t i = 0; i < table.routes.size(); ++i) {
    max_segments = std::max(max_segments, table.routes[i].rule.segments.size());
    routes << route_data(table.routes[i], i);
  }
  context.set("max_segments", std::to_string(max_segments));
  context.set("routes", routes);

  // Handlers and url_for functions, once per endpoint, in source order.
  // url_for builds the rule written nearest the function: Flask registers
  // stacked decorators bottom-up, and Werkzeug builds the first registered.
  std::vector<const Route*> by_source;
  for (const Route& route : table.routes) by_source.push_back(&route);
  std::stable_sort(by_source.begin(), by_source.end(), [](const Route* a, const Route* b) {
    return std::tie(a->loc.file, a->loc.line, b->rule_loc.line, b->rule_loc.column) <
           std::tie(b->loc.file, b->loc.line, a->rule_loc.line, a->rule_loc.column);
  });

  data handlers{data::type::list};
  std::map<std::string, data> url_for_groups;  // namespace -> functions
  std::set<std::string> seen;
  for (const Route* route : by_source) {
    if (!seen.insert(route->endpoint).second) continue;
    handlers << data("declaration", handler_declaration(*route));

    auto [group, fresh] = url_for_groups.try_emplace(url_for_namespace(*route), data::type::list);
    group->second << url_for_function(*route);
  }
  context.set("handlers", handlers);

  data groups{data::type::list};
  for (auto& [ns, functions] : url_for_groups) {
    data group;
    group.set("namespace", ns);
    group.set("functions", functions);
    groups << group;
  }
  context.set("url_for_groups", groups);
  return context;
}

}  // namespace retortc

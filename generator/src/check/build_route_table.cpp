#include "check/build_route_table.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "check/check_bindings.hpp"
#include "check/check_duplicates.hpp"
#include "order/rule_weight.hpp"
#include "parse/rule_parser.hpp"

namespace retortc {
namespace {

constexpr std::array<std::string_view, 9> kMethods = {
    "CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"};

// Methods as the matcher sees them: sorted, unique, HEAD wherever GET is
// (Werkzeug adds HEAD to every rule that has GET).
std::optional<std::vector<std::string>> resolve_methods(const RouteDecl& decl,
                                                        DiagnosticSink& sink) {
  std::vector<std::string> methods = decl.methods;
  if (methods.empty()) methods.push_back("GET");
  bool ok = true;
  for (const std::string& method : methods) {
    if (std::find(kMethods.begin(), kMethods.end(), method) == kMethods.end()) {
      sink.report(make_diagnostic(DiagnosticKind::bad_methods, decl.methods_loc, {method}));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  if (std::find(methods.begin(), methods.end(), "GET") != methods.end()) methods.push_back("HEAD");
  std::sort(methods.begin(), methods.end());
  methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
  return methods;
}

// The URL prefix of the innermost blueprint, joined through its parents,
// or nullopt after an error. Also fills the dotted blueprint name.
std::optional<std::string> resolve_prefix(const RouteDecl& decl, std::string& blueprint,
                                          DiagnosticSink& sink) {
  std::string prefix;
  for (const BlueprintDecl& bp : decl.blueprints) {
    // Flask joins a nested prefix onto its parent's, so `people` under
    // `/admin` is fine; what must hold is the joined prefix.
    prefix = prefix.empty() ? bp.prefix : join_url_prefix(prefix, bp.prefix);
    blueprint += (blueprint.empty() ? "" : ".") + bp.name;
    DiagnosticSink scratch;
    std::optional<Rule> parsed = parse_rule(prefix, [&](std::size_t) { return bp.loc; }, scratch);
    if (!parsed || !parsed->variables().empty()) {
      sink.report(make_diagnostic(DiagnosticKind::bad_blueprint_prefix, bp.loc));
      return std::nullopt;
    }
  }
  return prefix;
}

// Reports blueprints whose openings disagree on the prefix.
void check_blueprint_prefixes(std::span<const RouteDecl> decls, DiagnosticSink& sink) {
  std::map<std::string, const BlueprintDecl*> seen;  // keyed by qualified namespace
  for (const RouteDecl& decl : decls) {
    std::string qualified;
    for (const BlueprintDecl& bp : decl.blueprints) {
      qualified += "::" + bp.name;
      auto [it, fresh] = seen.emplace(qualified, &bp);
      if (!fresh && it->second->prefix != bp.prefix &&
          !(it->second->loc.file == bp.loc.file && it->second->loc.line == bp.loc.line)) {
        Diagnostic d = make_diagnostic(DiagnosticKind::blueprint_prefix_mismatch, bp.loc,
                                       {bp.name, bp.prefix, it->second->prefix});
        d.notes.push_back(make_diagnostic(DiagnosticKind::previous_definition, it->second->loc));
        sink.report(std::move(d));
      }
    }
  }
}

}  // namespace

std::string join_url_prefix(std::string_view prefix, std::string_view rule) {
  while (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
  while (!rule.empty() && rule.front() == '/') rule.remove_prefix(1);
  std::string joined(prefix);
  joined += '/';
  joined += rule;
  return joined;
}

RouteTable build_route_table(std::string name, std::vector<std::string> sources,
                             std::span<const RouteDecl> decls, DiagnosticSink& sink) {
  RouteTable table{std::move(name), std::move(sources), {}};
  check_blueprint_prefixes(decls, sink);

  for (const RouteDecl& decl : decls) {
    // Parse the rule as written first, so errors point into the literal.
    std::optional<Rule> written =
        parse_rule(decl.rule, [&](std::size_t byte) { return decl.rule_loc(byte); }, sink);
    std::optional<std::vector<std::string>> methods = resolve_methods(decl, sink);
    Route route;
    std::optional<std::string> prefix = resolve_prefix(decl, route.blueprint, sink);
    if (!written || !methods || !prefix) continue;

    std::string full = prefix->empty() ? decl.rule : join_url_prefix(*prefix, decl.rule);
    DiagnosticSink unused;  // a valid rule under a valid static prefix stays valid
    std::optional<Rule> joined = parse_rule(full, [&](std::size_t) { return decl.loc; }, unused);
    if (!joined) continue;

    route.endpoint = (route.blueprint.empty() ? "" : route.blueprint + ".") + decl.function;
    route.rule = std::move(*joined);
    route.methods = std::move(*methods);
    route.namespaces = decl.namespaces;
    route.function = decl.function;
    route.return_type = decl.return_type;
    route.return_kind = decl.return_kind;
    route.params = decl.params;
    route.loc = decl.loc;
    route.rule_loc = decl.rule_loc(0);
    if (check_bindings(decl, *written, route, sink)) table.routes.push_back(std::move(route));
  }

  check_duplicates(table.routes, sink);
  if (decls.empty() && !sink.has_errors()) sink.report(make_diagnostic(DiagnosticKind::no_routes, SourceLoc{}));
  order_routes(table.routes);
  return table;
}

}  // namespace retortc

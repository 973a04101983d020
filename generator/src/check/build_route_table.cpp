#include "check/build_route_table.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "check/check_bindings.hpp"
#include "check/check_duplicates.hpp"
#include "check/check_reachability.hpp"
#include "parse/route_options.hpp"
#include "parse/rule_parser.hpp"

namespace retortc {
namespace {

constexpr std::array<std::string_view, 9> kMethods = {
    "CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"};

// Methods as the matcher sees them: sorted, unique, HEAD wherever GET is
// (Werkzeug adds it) and OPTIONS unless the handler takes it itself (Flask's
// automatic OPTIONS).
std::optional<std::vector<std::string>> resolve_methods(const RouteDecl& decl, const RouteOptions& options,
                                                        bool& automatic_options, DiagnosticSink& sink) {
  std::vector<std::string> methods = options.methods;
  if (methods.empty()) methods.push_back("GET");
  bool ok = true;
  for (const std::string& method : methods) {
    if (std::find(kMethods.begin(), kMethods.end(), method) == kMethods.end()) {
      sink.report(make_diagnostic(DiagnosticKind::bad_methods, decl.option_loc(method), {method},
                                  static_cast<unsigned>(method.size())));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  automatic_options = std::find(methods.begin(), methods.end(), "OPTIONS") == methods.end();
  if (automatic_options) methods.push_back("OPTIONS");
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

  // First every rule and its options, so bindings can see all the rules of
  // a handler (a std::optional parameter may belong to another rule).
  struct Parsed {
    const RouteDecl* decl;
    Rule written;
    Route route;
  };
  std::vector<Parsed> parsed;
  std::map<std::string, std::set<std::string>> endpoint_names;  // by qualified handler
  for (const RouteDecl& decl : decls) {
    std::optional<RouteOptions> options = parse_route_options(
        decl.options, [&](std::string_view item) { return decl.option_loc(item); }, sink);
    const bool merge = !options || options->merge_slashes;
    // Parse the rule as written first, so errors point into the literal.
    std::optional<Rule> written =
        parse_rule(decl.rule, [&](std::size_t byte) { return decl.rule_loc(byte); }, sink, merge);
    Route route;
    std::optional<std::vector<std::string>> methods;
    if (options) methods = resolve_methods(decl, *options, route.automatic_options, sink);
    std::optional<std::string> prefix = resolve_prefix(decl, route.blueprint, sink);
    if (!written || !methods || !prefix) continue;

    std::string full = prefix->empty() ? decl.rule : join_url_prefix(*prefix, decl.rule);
    DiagnosticSink unused;  // a valid rule under a valid static prefix stays valid
    std::optional<Rule> joined = parse_rule(full, [&](std::size_t) { return decl.loc; }, unused, merge);
    if (!joined) continue;

    route.endpoint = (route.blueprint.empty() ? "" : route.blueprint + ".") + decl.function;
    route.rule = std::move(*joined);
    route.methods = std::move(*methods);
    route.defaults = options->defaults;
    route.strict_slashes = options->strict_slashes;
    route.merge_slashes = options->merge_slashes;
    route.namespaces = decl.namespaces;
    route.function = decl.function;
    route.return_type = decl.return_type;
    route.return_kind = decl.return_kind;
    route.params = decl.params;
    route.includes = decl.includes;
    route.loc = decl.loc;
    route.rule_loc = decl.rule_loc(0);
    route.written_rule = decl.rule;
    std::set<std::string>& names = endpoint_names[qualified_handler(route)];
    for (const RulePart* v : route.rule.variables()) names.insert(v->text);
    for (const DefaultValue& d : route.defaults) names.insert(d.name);
    parsed.push_back({&decl, std::move(*written), std::move(route)});
  }

  for (Parsed& p : parsed) {
    if (check_bindings(*p.decl, p.written, p.route, endpoint_names[qualified_handler(p.route)], sink))
      table.routes.push_back(std::move(p.route));
  }

  check_duplicates(table.routes, sink);
  check_reachability(table.routes, sink);
  if (decls.empty() && !sink.has_errors()) sink.report(make_diagnostic(DiagnosticKind::no_routes, SourceLoc{}));
  return table;
}

}  // namespace retortc

#include "check/check_duplicates.hpp"

#include <algorithm>
#include <map>

#include "model/join.hpp"
#include "order/match_parts.hpp"

namespace retortc {
namespace {

// Two annotations on one function share its endpoint; anything else under
// the same name (another namespace, an overload) is a clash.
std::string signature(const Route& route) {
  std::string types;
  for (const ParamDecl& p : route.params) types += p.cpp_type + ",";
  return qualified_handler(route) + "(" + types + ")";
}

Diagnostic with_note(Diagnostic d, DiagnosticKind note, const Route& previous) {
  d.notes.push_back(make_diagnostic(note, previous.loc, {previous.endpoint},
                                    static_cast<unsigned>(previous.function.size())));
  return d;
}

}  // namespace

std::string rule_shape(const Rule& rule) {
  std::string shape;
  for (const MatchPart& part : compile_parts(rule)) {
    shape += '/';
    shape += part.is_static ? part.text : "<" + part.regex + (part.final ? ",final" : "") + ">";
  }
  return shape;
}

void check_duplicates(std::span<const Route> routes, DiagnosticSink& sink) {
  std::map<std::string, const Route*> endpoints;
  std::map<std::pair<std::string, std::string>, const Route*> rules;  // (shape, method)

  for (const Route& route : routes) {
    auto [it, inserted] = endpoints.emplace(route.endpoint, &route);
    if (!inserted && qualified_handler(*it->second) == qualified_handler(route) &&
        signature(*it->second) != signature(route)) {
      sink.report(with_note(
          make_diagnostic(DiagnosticKind::handler_overloaded, route.loc, {route.endpoint, route.function},
                          static_cast<unsigned>(route.function.size())),
          DiagnosticKind::previous_definition, *it->second));
      continue;
    }
    if (!inserted && qualified_handler(*it->second) != qualified_handler(route)) {
      sink.report(with_note(
          make_diagnostic(DiagnosticKind::duplicate_endpoint, route.loc, {route.endpoint},
                          static_cast<unsigned>(route.function.size())),
          DiagnosticKind::previous_definition, *it->second));
      continue;
    }
    std::vector<std::string> clashing;
    const Route* previous = nullptr;
    for (const std::string& method : route.methods) {
      if (method == "HEAD" || method == "OPTIONS") continue;  // implied, not chosen
      auto [rule_it, fresh] = rules.emplace(std::pair{rule_shape(route.rule), method}, &route);
      if (!fresh) {
        clashing.push_back(method);
        previous = rule_it->second;
      }
    }
    if (previous != nullptr) {
      sink.report(with_note(
          make_diagnostic(DiagnosticKind::duplicate_rule, route.loc,
                          {route.rule.text, join(clashing, ", ")},
                          static_cast<unsigned>(route.function.size())),
          DiagnosticKind::previous_rule, *previous));
    }
  }
}

}  // namespace retortc

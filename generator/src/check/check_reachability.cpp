#include "check/check_reachability.hpp"

#include <algorithm>
#include <optional>

#include "model/join.hpp"
#include "order/part_inclusion.hpp"
#include "order/state_machine.hpp"

namespace retortc {
namespace {

// One step of a rule's walk through the state machine: the transition it
// takes out of `state`, as tried there (statics before dynamic ones).
struct Step {
  std::size_t state = 0;
  bool is_static = true;
  std::size_t index = 0;  // into the state's statics or (sorted) dynamic list
  bool operator==(const Step&) const = default;
};

std::vector<Step> walk(const StateMachine& machine, const std::vector<MatchPart>& parts) {
  std::vector<Step> steps;
  std::size_t state = 0;
  for (const MatchPart& part : parts) {
    const MatchState& s = machine.states[state];
    Step step{state, part.is_static, 0};
    if (part.is_static) {
      auto it = std::find_if(s.statics.begin(), s.statics.end(), [&](const auto& t) { return t.first == part.text; });
      step.index = static_cast<std::size_t>(it - s.statics.begin());
      state = it->second;
    } else {
      auto it = std::find_if(s.dynamic.begin(), s.dynamic.end(),
                             [&](const auto& t) { return t.first.same_transition(part); });
      step.index = static_cast<std::size_t>(it - s.dynamic.begin());
      state = it->second;
    }
    steps.push_back(step);
  }
  return steps;
}

// How rule `a` beats rule `b` where their walks part, or nullopt when `a`
// is not tried first there (or they never part, or one ends first).
enum class Precedence { static_text, weight, declaration_order };

struct Parting {
  std::size_t at = 0;  // index of the first part that differs
  Precedence why = Precedence::weight;
};

std::optional<Parting> tried_first(const StateMachine& machine, const std::vector<Step>& a,
                                   const std::vector<Step>& b, std::size_t ia, std::size_t ib) {
  std::size_t k = 0;
  while (k < a.size() && k < b.size() && a[k] == b[k]) ++k;
  if (k == a.size() || k == b.size() || a.size() != b.size()) return std::nullopt;
  if (a[k].is_static) return b[k].is_static ? std::nullopt : std::optional(Parting{k, Precedence::static_text});
  if (b[k].is_static || a[k].index > b[k].index) return std::nullopt;
  const MatchPart& pa = machine.parts[ia][k];
  const MatchPart& pb = machine.parts[ib][k];
  return Parting{k, pa.weight == pb.weight ? Precedence::declaration_order : Precedence::weight};
}

// Every URL `inner` matches from part `from` on is matched by `outer`.
bool includes(const std::vector<MatchPart>& outer, const std::vector<MatchPart>& inner, std::size_t from) {
  for (std::size_t k = from; k < inner.size(); ++k) {
    if (outer[k].final != inner[k].final || outer[k].suffixed != inner[k].suffixed) return false;
    if (!part_includes(outer[k], inner[k])) return false;
  }
  return true;
}

// The methods `b` chose that `a` takes too, as the user wrote them: HEAD
// goes with GET, and an automatic OPTIONS was never chosen.
std::vector<std::string> shadowed_methods(const Route& a, const Route& b) {
  const bool has_get = std::find(b.methods.begin(), b.methods.end(), "GET") != b.methods.end();
  std::vector<std::string> out;
  for (const std::string& m : b.methods) {
    if ((m == "HEAD" && has_get) || (m == "OPTIONS" && b.automatic_options)) continue;
    if (std::find(a.methods.begin(), a.methods.end(), m) != a.methods.end()) out.push_back(m);
  }
  return out;
}

std::string reason(const Parting& parting, const MatchPart& a, const MatchPart& b) {
  switch (parting.why) {
    case Precedence::static_text: return "static text '" + a.text + "' is tried before placeholders";
    case Precedence::weight: return "'" + a.spelling + "' is tried before '" + b.spelling + "' (it weighs less)";
    case Precedence::declaration_order: return "it weighs the same and is declared first";
  }
  return {};
}

unsigned rule_width(const Route& route) { return static_cast<unsigned>(std::max<std::size_t>(1, route.written_rule.size())); }

}  // namespace

void check_reachability(std::span<const Route> routes, DiagnosticSink& sink) {
  const StateMachine machine = build_state_machine(routes);
  std::vector<std::vector<Step>> walks;
  for (const std::vector<MatchPart>& parts : machine.parts) walks.push_back(walk(machine, parts));

  for (std::size_t ib = 0; ib < routes.size(); ++ib) {
    const Route& b = routes[ib];
    std::optional<Diagnostic> warning;
    for (std::size_t ia = 0; ia < routes.size(); ++ia) {
      const Route& a = routes[ia];
      if (ia == ib) continue;
      // A non-strict leaf also answers `/x/`, where a strict one does not.
      if (!b.strict_slashes && a.strict_slashes) continue;
      std::optional<Parting> parting = tried_first(machine, walks[ia], walks[ib], ia, ib);
      if (!parting || !includes(machine.parts[ia], machine.parts[ib], parting->at)) continue;
      std::vector<std::string> methods = shadowed_methods(a, b);
      if (methods.empty()) continue;

      const MatchPart& pa = machine.parts[ia][parting->at];
      const MatchPart& pb = machine.parts[ib][parting->at];
      // Exactly the same URLs: a non-strict leaf also answers with a slash.
      if (parting->why == Precedence::declaration_order && a.strict_slashes == b.strict_slashes &&
          includes(machine.parts[ib], machine.parts[ia], parting->at)) {
        Diagnostic d = make_diagnostic(DiagnosticKind::ambiguous_rule, b.rule_loc,
                                       {b.rule.text, a.rule.text, join(methods, ", ")}, rule_width(b));
        d.notes.push_back(make_diagnostic(DiagnosticKind::answers_first, a.rule_loc, {a.rule.text}, rule_width(a)));
        sink.report(std::move(d));
        warning.reset();
        break;
      }
      if (!warning) {
        warning = make_diagnostic(DiagnosticKind::unreachable_rule, b.rule_loc,
                                  {b.rule.text, join(methods, ", "), a.rule.text}, rule_width(b));
        warning->notes.push_back(make_diagnostic(DiagnosticKind::tried_first, a.rule_loc,
                                                 {a.rule.text, reason(*parting, pa, pb)}, rule_width(a)));
      }
    }
    if (warning) sink.report(std::move(*warning));
  }
}

}  // namespace retortc

#include "emit/matcher_code.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <limits>
#include <set>

#include "check/check_bindings.hpp"
#include "emit/names.hpp"
#include "emit/url_steps.hpp"
#include "model/endpoint.hpp"
#include "model/join.hpp"
#include "order/state_machine.hpp"

namespace retortc {
namespace {

using kainjow::mustache::data;

std::string index_text(std::size_t i) { return std::to_string(i); }

// `rd::Int{false}`: the pattern of one converter in a part.
std::string pattern_expression(const Converter& c, std::size_t any_index) {
  switch (c.kind) {
    case Converter::Kind::string: {
      std::size_t min = c.length ? *c.length : c.min_length;
      std::optional<std::size_t> max = c.length ? c.length : c.max_length;
      return "rd::Str{" + std::to_string(min) + (max ? ", " + std::to_string(*max) : "") + "}";
    }
    case Converter::Kind::integer: return std::string("rd::Int{") + (c.is_signed ? "true" : "false") + "}";
    case Converter::Kind::floating: return std::string("rd::Float{") + (c.is_signed ? "true" : "false") + "}";
    case Converter::Kind::path: return "rd::Path{}";
    case Converter::Kind::uuid: return "rd::UuidText{}";
    case Converter::Kind::any: return "rd::AnyOf{kAnyItems" + std::to_string(any_index) + "}";
  }
  return {};
}

class MatcherWriter {
 public:
  MatcherWriter(const RouteTable& table) : table_(table), machine_(build_state_machine(table.routes)) {}

  void write(data& context) {
    data states{data::type::list};
    for (std::size_t i = 0; i < machine_.states.size(); ++i) states << state_data(i);
    context.set("states", states);
    context.set("any_items", any_items_);
    context.set("convert_cases", convert_cases());
    context.set("uses_captures", converts_);
    write_canonical(context);
  }

 private:
  std::string methods(std::size_t rule) const { return "kRoutes[" + index_text(rule) + "].methods"; }
  std::string rule_comment(std::size_t rule) const { return comment_text(table_.routes[rule].rule.text); }

  data state_data(std::size_t id) {
    const MatchState& state = machine_.states[id];
    std::vector<std::string> lines;
    auto line = [&](std::string text) { lines.push_back(std::move(text)); };

    // Every path ends somewhere: the rules of this state, then a branch
    // rule one `/` further, which redirects (Werkzeug's SlashRequired).
    line("  if (at == rd::Search::kEnd) {");
    for (std::size_t rule : state.rules) {
      line("    if (s.try_rule(" + index_text(rule) + ", " + methods(rule) +
           ")) return rd::Outcome::found;  // " + rule_comment(rule));
    }
    auto branch = std::find_if(state.statics.begin(), state.statics.end(),
                               [](const auto& s) { return s.first.empty(); });
    if (branch != state.statics.end()) {
      for (std::size_t rule : machine_.states[branch->second].rules) {
        const bool strict = table_.routes[rule].strict_slashes;
        line("    if (s.accepts(" + methods(rule) + ")) return " +
             (strict ? std::string("rd::Outcome::slash_required") : "s.found(" + index_text(rule) + ")") +
             ";  // " + rule_comment(rule) + (strict ? " wants its `/`" : ""));
      }
    }
    line("    return rd::Outcome::none;");
    line("  }");

    bool non_strict = false;
    for (std::size_t rule : state.rules) non_strict |= !table_.routes[rule].strict_slashes;
    bool isolated = !state.statics.empty() || non_strict;
    for (const auto& [part, child] : state.dynamic) isolated |= !part.final;
    if (isolated) line("  const rd::Search::Segment segment = s.segment(at);");

    static_transitions(state, lines);
    for (const auto& [part, child] : state.dynamic) dynamic_transition(part, child, lines);

    if (non_strict) {
      line("  if (segment.text.empty() && segment.next == rd::Search::kEnd) {  // only a trailing `/` is left");
      for (std::size_t rule : state.rules) {
        if (table_.routes[rule].strict_slashes) continue;
        line("    if (s.try_rule(" + index_text(rule) + ", " + methods(rule) +
             ")) return rd::Outcome::found;  // " + rule_comment(rule) + ", strict_slashes(false)");
      }
      line("  }");
    }
    if (state.rules.empty() && state.statics.empty() && state.dynamic.empty()) line("  static_cast<void>(s);  // no routes");
    line("  return rd::Outcome::none;");

    data d;
    d.set("id", index_text(id));
    d.set("path", comment_text(state.path));
    data list{data::type::list};
    for (std::string& l : lines) list << data(std::move(l));
    d.set("lines", list);
    return d;
  }

  // Werkzeug looks the segment up in the state's static dict before it
  // tries any converter. A segment equals at most one literal, so the
  // order among them is free: a switch on the length, then one memcmp per
  // literal of that length, instead of a compare per literal.
  void static_transitions(const MatchState& state, std::vector<std::string>& lines) const {
    auto line = [&](std::string text) { lines.push_back(std::move(text)); };
    auto enter = [&](std::size_t child, const std::string& indent) {
      line(indent + "if (const rd::Outcome o = state_" + index_text(child) +
           "(s, segment.next); o != rd::Outcome::none) return o;");
    };
    if (state.statics.size() == 1) {
      const auto& [text, child] = *state.statics.begin();
      line("  if (" + (text.empty() ? std::string("segment.text.empty()")
                                    : "segment.text.size() == " + index_text(text.size()) + " && " + same_bytes(text)) +
           ") {");
      enter(child, "    ");
      line("  }");
      return;
    }
    if (state.statics.empty()) return;
    std::map<std::size_t, std::vector<std::pair<std::string, std::size_t>>> by_length;
    for (const auto& [text, child] : state.statics) by_length[text.size()].emplace_back(text, child);
    line("  switch (segment.text.size()) {");
    for (const auto& [length, group] : by_length) {
      line("    case " + index_text(length) + ":");
      if (length == 0) {  // the empty segment, after a trailing `/`: nothing to compare
        enter(group.front().second, "      ");
      } else {
        for (std::size_t i = 0; i < group.size(); ++i) {
          line(std::string(i == 0 ? "      if (" : "      } else if (") + same_bytes(group[i].first) + ") {");
          enter(group[i].second, "        ");
        }
        line("      }");
      }
      line("      break;");
    }
    line("  }");
  }

  // The segment's bytes against a literal of the segment's known length:
  // a memcmp of constant size, which the compiler inlines.
  static std::string same_bytes(const std::string& text) {
    return "std::memcmp(segment.text.data(), " + cpp_string_literal(text) + ", " + index_text(text.size()) + ") == 0";
  }

  void dynamic_transition(const MatchPart& part, std::size_t child, std::vector<std::string>& lines) {
    auto line = [&](std::string text) { lines.push_back(std::move(text)); };
    // The most common part by far, a whole segment of the default
    // converter (`[^/]+`): any non-empty segment matches, and all of it.
    if (is_plain_segment(part)) {
      line("  if (!segment.text.empty()) {  // " + comment_text(part.spelling));
      line("    const std::size_t mark = s.capture(segment.text);");
      line("    if (const rd::Outcome o = state_" + index_text(child) + "(s, segment.next); o != rd::Outcome::none) return o;");
      line("    s.release(mark);");
      line("  }");
      return;
    }
    std::vector<std::string> pieces;
    std::size_t converters = 0;
    for (const MatchPiece& piece : part.pieces) {
      if (piece.kind == MatchPiece::Kind::literal) {
        pieces.push_back("rd::Lit{" + cpp_string_literal(piece.literal) + "}");
        continue;
      }
      std::size_t any_index = 0;
      if (piece.converter->kind == Converter::Kind::any) {
        any_index = any_count_++;
        std::vector<std::string> items;
        for (const std::string& item : piece.converter->items) items.push_back(cpp_string_literal(item));
        data d;
        d.set("index", index_text(any_index));
        d.set("items", join(items, ", "));
        d.set("count", index_text(items.size()));
        any_items_ << d;
      }
      pieces.push_back(pattern_expression(*piece.converter, any_index));
      ++converters;
    }
    if (part.suffixed) pieces.push_back("rd::OptionalSlash{&slash}");

    const std::string subject = part.final ? "s.rest(at)" : "segment.text";
    const std::string next = part.final ? (part.suffixed ? "slash ? s.end_segment() : rd::Search::kEnd" : "rd::Search::kEnd")
                                        : "segment.next";
    line("  {  // " + comment_text(part.spelling) + (part.final ? "  (takes the rest of the path)" : ""));
    if (part.suffixed) line("    bool slash = false;");
    line("    std::string_view value[" + index_text(converters) + "];");
    line("    if (rd::match_pieces(" + subject + ", 0, value, " + join(pieces, ", ") + ")) {");
    line("      const std::size_t mark = s.capture(value);");
    line("      if (const rd::Outcome o = state_" + index_text(child) + "(s, " + next + "); o != rd::Outcome::none) return o;");
    line("      s.release(mark);");
    line("    }");
    line("  }");
  }

  static bool is_plain_segment(const MatchPart& part) {
    if (part.final || part.suffixed || part.pieces.size() != 1) return false;
    const MatchPiece& piece = part.pieces.front();
    if (piece.kind != MatchPiece::Kind::variable) return false;
    const Converter& c = *piece.converter;
    return c.kind == Converter::Kind::string && !c.length && c.min_length == 1 && !c.max_length;
  }

  data convert_cases() {
    data cases{data::type::list};
    for (std::size_t r = 0; r < table_.routes.size(); ++r) {
      const Route& route = table_.routes[r];
      if (route.variables.empty()) continue;
      std::vector<std::string> steps;
      for (std::size_t i = 0; i < route.variables.size(); ++i) {
        const RouteVariable& v = route.variables[i];
        const Converter& c = v.converter;
        const std::string captured = "s.captured(" + index_text(i) + ")";
        const std::string out = "m.args[" + index_text(i) + "]";
        switch (c.kind) {
          case Converter::Kind::integer: {
            // Every field named: GCC's -Wextra wants designated initialisers complete.
            std::vector<std::string> limits;
            if (c.fixed_digits || c.int_min || c.int_max) {
              limits.push_back(".fixed_digits = " + std::to_string(c.fixed_digits));
              limits.push_back(".min = " + (c.int_min ? integer_literal(*c.int_min) : "std::nullopt"));
              limits.push_back(".max = " + (c.int_max ? integer_literal(*c.int_max) : "std::nullopt"));
            }
            steps.push_back("rd::to_integer<" + v.param.value_type + ">(" + captured + ", {" + join(limits, ", ") +
                            "}, " + out + ")");
            break;
          }
          case Converter::Kind::floating: {
            std::vector<std::string> limits;
            if (c.float_min || c.float_max) {
              limits.push_back(".min = " + (c.float_min ? double_literal(*c.float_min) : "std::nullopt"));
              limits.push_back(".max = " + (c.float_max ? double_literal(*c.float_max) : "std::nullopt"));
            }
            steps.push_back("rd::to_float(" + captured + ", {" + join(limits, ", ") + "}, " + out + ")");
            break;
          }
          case Converter::Kind::uuid: steps.push_back("rd::to_uuid(" + captured + ", " + out + ")"); break;
          default: break;  // string, path, any: the search left the text in m.args already
        }
      }
      if (steps.empty()) continue;
      converts_ = true;
      data d;
      d.set("index", index_text(r));
      d.set("comment", rule_comment(r));
      d.set("steps", join(steps, " &&\n             "));
      cases << d;
    }
    return cases;
  }

  // Werkzeug's redirect_defaults (MapAdapter.get_default_redirect): after
  // a match on rule R, the first rule D of the same endpoint that comes
  // before R in build order, has defaults, has R's argument set and whose
  // defaults equal the matched values, is the canonical URL: redirect there.
  void write_canonical(data& context) {
    data cases{data::type::list};
    data builders{data::type::list};
    std::size_t next_target = 0;
    for (std::size_t r = 0; r < table_.routes.size(); ++r) {
      std::vector<std::string> checks;
      for (std::size_t d : build_order(table_, table_.routes[r].endpoint)) {
        if (d == r) break;
        std::optional<std::string> condition = canonical_condition(d, r);
        if (!condition) continue;
        checks.push_back("if (" + *condition + ") return " + index_text(next_target) + ";  // " + rule_comment(d));
        data b;
        b.set("index", index_text(next_target++));
        b.set("comment", rule_comment(d) + " from " + rule_comment(r));
        b.set("steps", build_steps(d, r));
        builders << b;
      }
      if (checks.empty()) continue;
      data c;
      c.set("index", index_text(r));
      c.set("comment", rule_comment(r));
      data lines{data::type::list};
      for (std::string& l : checks) lines << data(std::move(l));
      c.set("checks", lines);
      cases << c;
    }
    context.set("canonical_cases", cases);
    context.set("canonical_builders", builders);
    context.set("has_canonical", next_target > 0);
  }

  static const DefaultValue* find_default(const Route& route, const std::string& name) {
    for (const DefaultValue& d : route.defaults)
      if (d.name == name) return &d;
    return nullptr;
  }

  // Python's `==` between two defaults.
  static bool same_value(const ArgValue& a, const ArgValue& b) {
    auto number = [](const ArgValue& v) { return v.type == ArgValue::Type::integer ? static_cast<double>(v.integer) : v.floating; };
    const bool a_number = a.type == ArgValue::Type::integer || a.type == ArgValue::Type::floating;
    const bool b_number = b.type == ArgValue::Type::integer || b.type == ArgValue::Type::floating;
    if (a_number && b_number) {
      if (a.type == ArgValue::Type::integer && b.type == ArgValue::Type::integer) return a.integer == b.integer;
      return number(a) == number(b);
    }
    return a.type == ArgValue::Type::text && b.type == ArgValue::Type::text && a.text == b.text;
  }

  // The C++ condition under which rule `d` provides the canonical URL for a
  // match of rule `r`, or nullopt when it never can.
  std::optional<std::string> canonical_condition(std::size_t d, std::size_t r) const {
    const Route& D = table_.routes[d];
    const Route& R = table_.routes[r];
    if (D.defaults.empty() || D.rule.text == R.rule.text || rule_arguments(D) != rule_arguments(R)) return std::nullopt;
    std::vector<std::string> tests{methods(d) + ".contains(method)"};
    for (const DefaultValue& dv : D.defaults) {
      if (const DefaultValue* rv = find_default(R, dv.name)) {
        if (!same_value(rv->value, dv.value)) return std::nullopt;
        continue;
      }
      auto v = std::find_if(R.variables.begin(), R.variables.end(), [&](const RouteVariable& x) { return x.name == dv.name; });
      const std::string arg = "m.args[" + index_text(static_cast<std::size_t>(v - R.variables.begin())) + "]";
      switch (v->converter.kind) {
        case Converter::Kind::integer:
          if (dv.value.type == ArgValue::Type::integer) tests.push_back(arg + ".integer == " + integer_literal(dv.value.integer));
          else if (dv.value.type == ArgValue::Type::floating) tests.push_back("static_cast<double>(" + arg + ".integer) == " + double_literal(dv.value.floating));
          else return std::nullopt;
          break;
        case Converter::Kind::floating:
          if (dv.value.type == ArgValue::Type::integer) tests.push_back(arg + ".number == " + double_literal(static_cast<double>(dv.value.integer)));
          else if (dv.value.type == ArgValue::Type::floating) tests.push_back(arg + ".number == " + double_literal(dv.value.floating));
          else return std::nullopt;
          break;
        case Converter::Kind::uuid: return std::nullopt;
        default:
          if (dv.value.type != ArgValue::Type::text) return std::nullopt;
          tests.push_back(arg + ".text == " + cpp_string_literal(dv.value.text));
          break;
      }
    }
    return join(tests, " && ");
  }

  // UrlBuilder calls that build rule `d` from the values of a match of `r`.
  data build_steps(std::size_t d, std::size_t r) const {
    const Route& D = table_.routes[d];
    const Route& R = table_.routes[r];
    data steps{data::type::list};
    for (std::string& call : url_build_calls(D.rule, [&](const RulePart& part, std::size_t) {
           // Werkzeug bakes D's own defaults into its builder; the other
           // values are the match's: R's defaults or its converted values.
           const DefaultValue* constant = find_default(D, part.text);
           if (constant == nullptr) constant = find_default(R, part.text);
           if (constant != nullptr) return constant_call(part.conv, constant->value);
           auto v = std::find_if(R.variables.begin(), R.variables.end(),
                                 [&](const RouteVariable& x) { return x.name == part.text; });
           const std::string arg = "m.args[" + index_text(static_cast<std::size_t>(v - R.variables.begin())) + "]";
           return to_url_call(part.conv, arg + value_member(part.conv));
         }))
      steps << data(std::move(call));
    return steps;
  }

  // The PathArgument member holding a converter's value.
  static std::string value_member(const Converter& c) {
    switch (c.kind) {
      case Converter::Kind::integer: return ".integer";
      case Converter::Kind::floating: return ".number";
      case Converter::Kind::uuid: return ".uuid";
      default: return ".text";
    }
  }

  // A default constant through the converter's to_url.
  static std::string constant_call(const Converter& c, const ArgValue& value) {
    switch (value.type) {
      case ArgValue::Type::integer:
        if (c.kind == Converter::Kind::integer) return to_url_call(c, integer_literal(value.integer));
        return "append_integer(" + integer_literal(value.integer) + ")";  // str(int): never encoded
      case ArgValue::Type::floating: return "append_float(" + double_literal(value.floating) + ")";
      default:
        return to_url_call(c.kind == Converter::Kind::any ? c : Converter{}, cpp_string_literal(value.text));
    }
  }

  const RouteTable& table_;
  StateMachine machine_;
  data any_items_{data::type::list};
  std::size_t any_count_ = 0;
  bool converts_ = false;  // some rule has a converter that is not a string one
};

}  // namespace

void add_matcher_code(const RouteTable& table, data& context) {
  MatcherWriter(table).write(context);
}

}  // namespace retortc

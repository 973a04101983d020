#include "emit/url_steps.hpp"

#include "emit/names.hpp"
#include "retort/detail/percent_encoding.hpp"

namespace retortc {

std::string to_url_call(const Converter& converter, const std::string& value) {
  switch (converter.kind) {
    case Converter::Kind::integer:
      return "append_integer(" + value + ", " + std::to_string(converter.fixed_digits) + ")";
    case Converter::Kind::floating: return "append_float(" + value + ")";
    case Converter::Kind::uuid: return "append_uuid(" + value + ")";
    case Converter::Kind::any: return "append_raw(" + value + ")";  // Werkzeug does not encode it
    default: return "append_text(" + value + ")";
  }
}

void for_each_url_piece(const Rule& rule, const std::function<void(const std::string&)>& on_text,
                        const std::function<void(const RulePart&, std::size_t)>& on_variable) {
  std::string pending;  // static text, encoded, not yet passed on
  auto flush = [&] {
    if (pending.empty()) return;
    on_text(pending);
    pending.clear();
  };
  std::size_t variable = 0;
  for (const RuleSegment& segment : rule.segments) {
    pending += '/';
    for (const RulePart& part : segment.parts) {
      if (part.kind == RulePart::Kind::text) {
        retort::detail::append_path_encoded(pending, part.text);
        continue;
      }
      flush();
      on_variable(part, variable++);
    }
  }
  flush();
}

std::vector<std::string> url_build_calls(
    const Rule& rule, const std::function<std::string(const RulePart&, std::size_t)>& variable_call) {
  std::vector<std::string> calls;
  for_each_url_piece(
      rule, [&](const std::string& text) { calls.push_back("append_encoded(" + cpp_string_literal(text) + ")"); },
      [&](const RulePart& part, std::size_t index) { calls.push_back(variable_call(part, index)); });
  return calls;
}

}  // namespace retortc

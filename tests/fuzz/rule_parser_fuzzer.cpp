// Fuzz target: retortc's rule parser (generator/src/parse/rule_parser.cpp)
// on any rule text, merging slashes or not.
//
// Oracle: a parse either succeeds with no error reported, or fails with at
// least one; every diagnostic points inside the rule (or just past its
// end); every part of a parsed rule spans bytes of the rule, and a
// variable's name and converter are the bytes at their recorded offsets.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "fuzz_check.hpp"
#include "parse/rule_parser.hpp"

using retort::fuzz::check;

namespace {

void check_parse(std::string_view text, bool merge_slashes) {
  std::size_t furthest = 0;
  const retortc::RuleLocator locate = [&](std::size_t byte) {
    if (byte > furthest) furthest = byte;
    return retortc::SourceLoc{"rule", 1, static_cast<unsigned>(byte + 1)};
  };
  retortc::DiagnosticSink sink;
  const std::optional<retortc::Rule> rule = retortc::parse_rule(text, locate, sink, merge_slashes);
  check(furthest <= text.size(), "a diagnostic points past the end of the rule", text);
  if (!rule) {
    check(sink.has_errors(), "parse_rule failed without reporting an error", text);
    return;
  }
  check(!sink.has_errors(), "parse_rule reported an error and still returned a rule", text);
  check(rule->text == text, "the parsed rule does not keep its text", text);
  for (const retortc::RuleSegment& segment : rule->segments) {
    check(segment.offset <= text.size(), "a segment starts past the rule", text);
    for (const retortc::RulePart& part : segment.parts) {
      check(part.offset <= text.size() && part.length <= text.size() - part.offset, "a part spans past the rule",
            text);
      if (part.kind != retortc::RulePart::Kind::variable) continue;
      check(text.substr(part.name_offset, part.text.size()) == part.text, "a variable's name is not at its offset",
            text);
      if (part.converter != "default")
        check(text.substr(part.converter_offset, part.converter.size()) == part.converter,
              "a converter's name is not at its offset", text);
      check(!part.text.empty(), "a variable without a name", text);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_parse(text, true);
  check_parse(text, false);
  return 0;
}

// Rule: a parsed URL rule, `/users/<int:id>/posts`.
//
// The grammar is Werkzeug's (see docs/routing.md): the rule is split at `/`
// into segments, and each segment is a sequence of static text and
// `<converter(args):name>` placeholders. Every piece keeps the byte offset it
// came from in the rule string so diagnostics can point at it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/converter.hpp"

namespace retortc {

struct RulePart {
  enum class Kind { text, variable };
  Kind kind = Kind::text;
  std::string text;       // static text, or the variable name
  std::string converter;  // variables only: `default` when none was written
  std::string arguments;  // variables only: raw text between the parentheses
  Converter conv;         // variables only: the converter with its arguments bound
  std::size_t offset = 0;            // byte offset of the part in the rule
  std::size_t converter_offset = 0;  // variables only
  std::size_t arguments_offset = 0;  // variables only: first byte inside `(`
  std::size_t name_offset = 0;       // variables only
  std::size_t length = 0;            // bytes the part spans in the rule
};

struct RuleSegment {
  std::vector<RulePart> parts;  // empty for the final segment of `/a/` (and for `//` unmerged)
  std::size_t offset = 0;

  bool is_static() const {
    return parts.size() <= 1 && (parts.empty() || parts[0].kind == RulePart::Kind::text);
  }
  std::string static_text() const { return parts.empty() ? std::string() : parts[0].text; }
};

struct Rule {
  std::string text;  // the whole rule, e.g. "/users/<int:id>"
  std::vector<RuleSegment> segments;

  // A "branch" rule ends in `/`; requesting it without the slash redirects.
  bool is_branch() const { return !segments.empty() && segments.back().parts.empty(); }

  std::vector<const RulePart*> variables() const {
    std::vector<const RulePart*> out;
    for (const auto& segment : segments)
      for (const auto& part : segment.parts)
        if (part.kind == RulePart::Kind::variable) out.push_back(&part);
    return out;
  }
};

}  // namespace retortc

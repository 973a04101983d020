// match_parts: a rule compiled into the parts Werkzeug's matcher walks.
//
// Werkzeug (rules.py `_parse_rule`) cuts a rule at its slashes into parts:
// a part without placeholders is static and matches one path segment by
// equality; a part with placeholders is dynamic, a regex over one segment.
// Once a converter that can match `/` appears (`path`), the rest of the rule
// is one *final* part matched against all remaining segments. A final part
// whose text ends in `/` is *suffixed*: the slash is optional so a request
// without it can be redirected, and a static "" part follows.
//
// The leading "" part every rule has (the text before its first `/`) is left
// out: the generated matcher starts after the path's first `/`.
#pragma once

#include <compare>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/converter.hpp"
#include "model/rule.hpp"

namespace retortc {

// Werkzeug's `Weighting` of a dynamic part; lower sorts first.
struct PartWeight {
  int static_count = 0;                           // minus the number of literal chunks
  std::vector<std::pair<int, int>> static_chunks;  // (chunk index, minus length in code points)
  int converter_count = 0;                         // minus the number of converters
  std::vector<int> converter_weights;              // each converter's weight
  auto operator<=>(const PartWeight&) const = default;
};

struct MatchPiece {
  enum class Kind { literal, variable };
  Kind kind = Kind::literal;
  std::string literal;        // literal: the text to match exactly
  std::size_t variable = 0;   // variable: index into Rule::variables()
  const Converter* converter = nullptr;
};

struct MatchPart {
  bool is_static = true;
  std::string text;                 // static: the segment it equals
  std::vector<MatchPiece> pieces;   // dynamic: literal text and converters
  bool final = false;
  bool suffixed = false;
  PartWeight weight;
  std::string regex;     // Werkzeug's regex: equal regexes share one matcher state
  std::string spelling;  // the part as the rule wrote it, for comments

  // Werkzeug shares a dynamic transition between rules when these are equal.
  bool same_transition(const MatchPart& other) const {
    return is_static == other.is_static && regex == other.regex && final == other.final &&
           suffixed == other.suffixed && weight == other.weight;
  }
};

std::vector<MatchPart> compile_parts(const Rule& rule);

// Length in code points, as Werkzeug counts lengths and weights (the text
// is UTF-8).
std::size_t code_points(std::string_view text);

}  // namespace retortc

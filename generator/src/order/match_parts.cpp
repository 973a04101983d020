#include "order/match_parts.hpp"

namespace retortc {

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

namespace {

// Accumulates one part the way `_parse_rule` accumulates `content`.
class PartBuilder {
 public:
  void literal(const std::string& text) {
    weight_.static_chunks.emplace_back(static_cast<int>(weight_.static_chunks.size()), -static_cast<int>(code_points(text)));
    append_literal(text);
  }

  void slash() { append_literal("/"); }  // inside a final part only

  void variable(const RulePart& part, std::size_t index, std::string_view rule_text) {
    if (part_.is_static) {
      part_.is_static = false;
      part_.regex = python_re_escape(part_.text);
      if (!part_.text.empty()) part_.pieces.push_back({MatchPiece::Kind::literal, part_.text, 0, nullptr});
    }
    if (!part.conv.part_isolating()) part_.final = true;
    part_.regex += "(?P<__werkzeug_" + std::to_string(converters_++) + ">" + part.conv.regex() + ")";
    part_.pieces.push_back({MatchPiece::Kind::variable, {}, index, &part.conv});
    part_.spelling += rule_text.substr(part.offset, part.length);  // `<int:id>`, as written
    weight_.converter_weights.push_back(part.conv.weight());
  }

  bool final() const { return part_.final; }

  // Ends the part; `last` is the rule's last part.
  std::vector<MatchPart> finish(bool last) {
    std::vector<MatchPart> out;
    if (!part_.is_static) {
      if (last && part_.final && !part_.pieces.empty() && part_.pieces.back().kind == MatchPiece::Kind::literal &&
          part_.pieces.back().literal.ends_with('/')) {
        // `/<path:p>/`: the trailing slash becomes optional (`(?<!/)(/?)`).
        part_.suffixed = true;
        part_.regex.pop_back();
        part_.regex += "(?<!/)(/?)";
        std::string& text = part_.pieces.back().literal;
        text.pop_back();
        if (text.empty()) part_.pieces.pop_back();
      }
      part_.regex += "\\Z";
      weight_.static_count = -static_cast<int>(weight_.static_chunks.size());
      weight_.converter_count = -static_cast<int>(weight_.converter_weights.size());
      part_.weight = weight_;
    }
    out.push_back(std::move(part_));
    if (out.back().suffixed) out.push_back(MatchPart{});  // the static "" after the slash
    part_ = MatchPart{};
    weight_ = PartWeight{};
    converters_ = 0;
    return out;
  }

 private:
  void append_literal(const std::string& text) {
    part_.spelling += text;
    if (part_.is_static) {
      part_.text += text;
      return;
    }
    part_.regex += python_re_escape(text);
    if (!part_.pieces.empty() && part_.pieces.back().kind == MatchPiece::Kind::literal) {
      part_.pieces.back().literal += text;
    } else {
      part_.pieces.push_back({MatchPiece::Kind::literal, text, 0, nullptr});
    }
  }

  MatchPart part_;
  PartWeight weight_;
  int converters_ = 0;
};

}  // namespace

std::vector<MatchPart> compile_parts(const Rule& rule) {
  std::vector<MatchPart> parts;
  PartBuilder builder;
  std::size_t variable = 0;
  for (std::size_t i = 0; i < rule.segments.size(); ++i) {
    if (i > 0) {
      if (builder.final()) {
        builder.slash();
      } else {
        for (MatchPart& p : builder.finish(false)) parts.push_back(std::move(p));
      }
    }
    for (const RulePart& part : rule.segments[i].parts) {
      if (part.kind == RulePart::Kind::text) {
        builder.literal(part.text);
      } else {
        builder.variable(part, variable++, rule.text);
      }
    }
  }
  for (MatchPart& p : builder.finish(true)) parts.push_back(std::move(p));
  return parts;
}

}  // namespace retortc

#include "order/part_inclusion.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace retortc {
namespace {

bool ascii_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The texts an `any` matches: Werkzeug writes `any()` as `(?:)`, which
// matches the empty segment.
std::vector<std::string> any_items(const Converter& c) {
  return c.items.empty() ? std::vector<std::string>{""} : c.items;
}

// The lengths, in code points, of the texts a piece matches.
struct LengthRange {
  std::size_t min = 0;
  std::optional<std::size_t> max;  // nullopt: unbounded

  bool within(const LengthRange& outer) const {
    return min >= outer.min && (!outer.max || (max && *max <= *outer.max));
  }
};

LengthRange length_range(const Converter& c) {
  switch (c.kind) {
    case Converter::Kind::string:
      if (c.length) return {*c.length, *c.length};
      return {c.min_length, c.max_length};
    case Converter::Kind::integer: return {1, std::nullopt};
    case Converter::Kind::floating: return {3, std::nullopt};
    case Converter::Kind::uuid: return {36, 36};
    case Converter::Kind::path: return {1, std::nullopt};
    case Converter::Kind::any: {
      LengthRange range{SIZE_MAX, 0};
      for (const std::string& item : any_items(c)) {
        range.min = std::min(range.min, code_points(item));
        range.max = std::max(*range.max, code_points(item));
      }
      return range;
    }
  }
  return {};
}

LengthRange length_range(const MatchPiece& piece) {
  if (piece.kind == MatchPiece::Kind::literal) return {code_points(piece.literal), code_points(piece.literal)};
  return length_range(*piece.converter);
}

// Does `c`'s regex match `text` in full? Only ASCII digits count as `\d`
// here; a Unicode digit makes the answer "not proven", which is safe.
bool converter_matches(const Converter& c, std::string_view text) {
  switch (c.kind) {
    case Converter::Kind::string: {
      const std::size_t n = code_points(text);
      return text.find('/') == std::string_view::npos && LengthRange{n, n}.within(length_range(c));
    }
    case Converter::Kind::integer:
      if (c.is_signed && text.starts_with('-')) text.remove_prefix(1);
      return ascii_digits(text);
    case Converter::Kind::floating: {
      if (c.is_signed && text.starts_with('-')) text.remove_prefix(1);
      const std::size_t dot = text.find('.');
      return dot != std::string_view::npos && ascii_digits(text.substr(0, dot)) && ascii_digits(text.substr(dot + 1));
    }
    case Converter::Kind::uuid: {
      if (text.size() != 36) return false;
      for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !is_hex(text[i])) return false;
      }
      return true;
    }
    case Converter::Kind::path:  // `[^/].*?`: `.` does not match a newline
      return !text.empty() && text.front() != '/' && text.find('\n') == std::string_view::npos;
    case Converter::Kind::any: {
      const std::vector<std::string> items = any_items(c);
      return std::find(items.begin(), items.end(), text) != items.end();
    }
  }
  return false;
}

bool converter_includes(const Converter& outer, const Converter& inner) {
  using Kind = Converter::Kind;
  if (inner.kind == Kind::any) {
    const std::vector<std::string> items = any_items(inner);
    return std::all_of(items.begin(), items.end(), [&](const std::string& item) { return converter_matches(outer, item); });
  }
  switch (outer.kind) {
    case Kind::string:  // `[^/]{m,n}`: anything without a slash, by length
      return inner.part_isolating() && length_range(inner).within(length_range(outer));
    case Kind::integer:
    case Kind::floating:
      return inner.kind == outer.kind && (!inner.is_signed || outer.is_signed);
    case Kind::uuid: return inner.kind == Kind::uuid;
    case Kind::path:  // not string: `[^/]` matches a newline, `.` does not
      return inner.kind == Kind::path || inner.kind == Kind::integer || inner.kind == Kind::floating ||
             inner.kind == Kind::uuid;
    case Kind::any: return false;  // an inner `any` was handled above
  }
  return false;
}

bool piece_includes(const MatchPiece& outer, const MatchPiece& inner) {
  const bool outer_literal = outer.kind == MatchPiece::Kind::literal;
  const bool inner_literal = inner.kind == MatchPiece::Kind::literal;
  if (outer_literal && inner_literal) return outer.literal == inner.literal;
  if (outer_literal) {  // only an `any` whose every item is that text
    const Converter& c = *inner.converter;
    if (c.kind != Converter::Kind::any) return false;
    const std::vector<std::string> items = any_items(c);
    return std::all_of(items.begin(), items.end(), [&](const std::string& i) { return i == outer.literal; });
  }
  if (inner_literal) return converter_matches(*outer.converter, inner.literal);
  return converter_includes(*outer.converter, *inner.converter);
}

std::vector<MatchPiece> pieces_of(const MatchPart& part) {
  if (!part.is_static) return part.pieces;
  return {MatchPiece{MatchPiece::Kind::literal, part.text, 0, nullptr}};
}

}  // namespace

bool part_includes(const MatchPart& outer, const MatchPart& inner) {
  // The static "" a branch rule ends with is not matched like a segment: a
  // request without the slash reaches it too (a redirect, or the rule itself
  // when strict_slashes is off). Only another "" behaves the same.
  const bool outer_slash = outer.is_static && outer.text.empty();
  const bool inner_slash = inner.is_static && inner.text.empty();
  if (outer_slash || inner_slash) return outer_slash && inner_slash;
  const std::vector<MatchPiece> outer_pieces = pieces_of(outer);
  const std::vector<MatchPiece> inner_pieces = pieces_of(inner);
  // Piece by piece: a concatenation of subsets is a subset.
  if (outer_pieces.size() == inner_pieces.size() &&
      std::equal(outer_pieces.begin(), outer_pieces.end(), inner_pieces.begin(), piece_includes)) {
    return true;
  }
  // `<name>` alone accepts any one segment of fitting length, however the
  // inner part is built (`v<int:x>`, `<a>-<b>`): add up the lengths.
  if (outer_pieces.size() == 1 && !outer.final && !inner.final && outer_pieces[0].converter != nullptr &&
      outer_pieces[0].converter->kind == Converter::Kind::string) {
    LengthRange total{0, 0};
    for (const MatchPiece& piece : inner_pieces) {
      if (piece.kind == MatchPiece::Kind::literal && piece.literal.find('/') != std::string::npos) return false;
      if (piece.kind == MatchPiece::Kind::variable && !piece.converter->part_isolating()) return false;
      const LengthRange range = length_range(piece);
      total.min += range.min;
      total.max = total.max && range.max ? std::optional(*total.max + *range.max) : std::nullopt;
    }
    return total.within(length_range(*outer_pieces[0].converter));
  }
  return false;
}

}  // namespace retortc

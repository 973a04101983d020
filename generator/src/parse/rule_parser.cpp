#include "parse/rule_parser.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <vector>

#include "parse/converter_args.hpp"

namespace retortc {
namespace {

constexpr std::array<std::string_view, 7> kKnownConverters = {
    "default", "string", "int", "float", "path", "uuid", "any"};

bool is_identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_identifier_char(char c) { return is_identifier_start(c) || (c >= '0' && c <= '9'); }

std::size_t identifier_end(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || !is_identifier_start(text[pos])) return pos;
  while (pos < text.size() && is_identifier_char(text[pos])) ++pos;
  return pos;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Parses one `<...>` starting at `open`; returns the offset after `>`.
class PlaceholderParser {
 public:
  PlaceholderParser(std::string_view text, const RuleLocator& locate, DiagnosticSink& sink)
      : text_(text), locate_(locate), sink_(sink) {}

  // On error, reports it and returns nullopt; `resume` is where to go on.
  std::optional<RulePart> parse(std::size_t open, std::size_t& resume) {
    std::size_t close = text_.find('>', open);
    if (close == std::string_view::npos) {
      error(DiagnosticKind::rule_unclosed_placeholder, open, 1);
      resume = text_.size();
      return std::nullopt;
    }
    resume = close + 1;
    const auto whole = static_cast<unsigned>(close + 1 - open);

    RulePart part;
    part.kind = RulePart::Kind::variable;
    part.offset = open;
    part.length = whole;
    std::size_t pos = open + 1;
    std::size_t first_end = identifier_end(text_, pos);

    if (first_end < close && (text_[first_end] == ':' || text_[first_end] == '(')) {
      if (first_end == pos) return error(DiagnosticKind::rule_bad_placeholder, open, whole);
      part.converter = std::string(text_.substr(pos, first_end - pos));
      part.converter_offset = pos;
      pos = first_end;
      if (text_[pos] == '(') {
        // Werkzeug's lazy match: arguments run to the first `)` followed by `:`.
        std::size_t args_end = text_.find("):", pos);
        if (args_end == std::string_view::npos || args_end > close)
          return error(DiagnosticKind::rule_bad_placeholder, open, whole);
        part.arguments = std::string(text_.substr(pos + 1, args_end - pos - 1));
        part.arguments_offset = pos + 1;
        pos = args_end + 1;
      }
      ++pos;  // the `:`
    } else {
      part.converter = "default";
      part.converter_offset = pos;
    }

    part.name_offset = pos;
    std::size_t name_end = identifier_end(text_, pos);
    if (pos == close) return error(DiagnosticKind::rule_empty_name, open, whole);
    if (name_end != close) {
      std::size_t bad_end = close;
      return error(DiagnosticKind::rule_bad_name, pos, static_cast<unsigned>(bad_end - pos),
                   text_.substr(pos, bad_end - pos));
    }
    part.text = std::string(text_.substr(pos, name_end - pos));
    if (part.text == "None" || part.text == "True" || part.text == "False")
      return error(DiagnosticKind::rule_bad_name, pos, static_cast<unsigned>(part.text.size()), part.text);
    if (!check_converter(part)) return std::nullopt;
    return part;
  }

 private:
  bool check_converter(RulePart& part) {
    const auto length = static_cast<unsigned>(part.converter.size());
    std::span<const std::string_view> known = known_converters();
    if (std::find(known.begin(), known.end(), part.converter) == known.end()) {
      Diagnostic d = make_diagnostic(DiagnosticKind::rule_unknown_converter,
                                     locate_(part.converter_offset), {part.converter}, length);
      std::string_view suggestion = closest_name(part.converter, known);
      if (!suggestion.empty())
        d.notes.push_back(make_diagnostic(DiagnosticKind::rule_did_you_mean,
                                          locate_(part.converter_offset), {suggestion}, length));
      sink_.report(std::move(d));
      return false;
    }
    ArgError arg_error;
    std::optional<ConverterArgs> args = parse_converter_args(part.arguments, arg_error);
    std::string bind_error;
    std::optional<Converter> conv;
    if (args) conv = bind_converter(part.converter, *args, bind_error);
    if (!conv) {
      const bool syntax = !args;
      std::size_t at = syntax ? part.arguments_offset + std::min(arg_error.offset, part.arguments.size())
                              : part.converter_offset;
      error(DiagnosticKind::rule_converter_arguments, at, syntax ? 1 : length,
            syntax ? arg_error.message : bind_error);
      return false;
    }
    part.conv = std::move(*conv);
    return true;
  }

  std::nullopt_t error(DiagnosticKind kind, std::size_t at, unsigned length,
                       std::string_view arg = {}) {
    sink_.report(make_diagnostic(kind, locate_(at), {arg}, length));
    return std::nullopt;
  }

  std::string_view text_;
  const RuleLocator& locate_;
  DiagnosticSink& sink_;
};

}  // namespace

std::span<const std::string_view> known_converters() { return kKnownConverters; }

std::string_view closest_name(std::string_view name, std::span<const std::string_view> candidates) {
  std::string_view best;
  std::size_t best_distance = name.size() / 2 + 1;  // more edits than that is not a typo
  for (std::string_view candidate : candidates) {
    // `integer` for `int`: a full word that starts with the real name.
    if (candidate.size() >= 3 && name.starts_with(candidate)) return candidate;
    std::size_t distance = edit_distance(name, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::optional<Rule> parse_rule(std::string_view text, const RuleLocator& locate,
                               DiagnosticSink& sink, bool merge_slashes) {
  const unsigned errors_before = sink.error_count();
  if (text.empty() || text[0] != '/') {
    sink.report(make_diagnostic(DiagnosticKind::rule_missing_slash, locate(0)));
    return std::nullopt;
  }

  Rule rule;
  rule.text = std::string(text);
  PlaceholderParser placeholders(text, locate, sink);
  std::set<std::string, std::less<>> names;

  std::size_t pos = 0;
  while (pos < text.size()) {
    if (text[pos] == '/') {
      // Werkzeug's merge_slashes: `/a//b` is the rule `/a/b`.
      ++pos;
      while (merge_slashes && pos < text.size() && text[pos] == '/') ++pos;
      rule.segments.push_back(RuleSegment{{}, pos});
      continue;
    }
    RuleSegment& segment = rule.segments.back();
    if (text[pos] == '<') {
      std::size_t resume = pos;
      if (std::optional<RulePart> part = placeholders.parse(pos, resume)) {
        if (!names.insert(part->text).second) {
          sink.report(make_diagnostic(DiagnosticKind::rule_duplicate_variable,
                                      locate(part->name_offset), {part->text},
                                      static_cast<unsigned>(part->text.size())));
        }
        segment.parts.push_back(std::move(*part));
      }
      pos = resume;
      continue;
    }
    std::size_t end = text.find_first_of("</", pos);
    if (end == std::string_view::npos) end = text.size();
    RulePart literal;
    literal.text = std::string(text.substr(pos, end - pos));
    literal.offset = pos;
    literal.length = end - pos;
    segment.parts.push_back(std::move(literal));
    pos = end;
  }

  if (sink.error_count() != errors_before) return std::nullopt;
  return rule;
}

}  // namespace retortc

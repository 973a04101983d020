#include "cli/nearest_rules.hpp"

#include <algorithm>
#include <numeric>
#include <string>
#include <tuple>

namespace retort::cli {
namespace {

constexpr std::size_t kCompared = 256;  // bytes of each text the edit distance sees

std::vector<std::string_view> path_segments(std::string_view path) {
  while (path.starts_with('/')) path.remove_prefix(1);  // as the matcher: leading slashes do not count
  std::vector<std::string_view> segments;
  for (std::size_t start = 0;;) {
    const std::size_t slash = path.find('/', start);
    segments.push_back(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) return segments;
    start = slash + 1;
  }
}

// A rule's segments; a `/` inside `<…>` (a converter argument) does not cut.
std::vector<std::string_view> rule_segments(std::string_view rule) {
  if (rule.starts_with('/')) rule.remove_prefix(1);
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  int depth = 0;
  for (std::size_t i = 0; i < rule.size(); ++i) {
    if (rule[i] == '<') ++depth;
    if (rule[i] == '>' && depth > 0) --depth;
    if (rule[i] == '/' && depth == 0) {
      segments.push_back(rule.substr(start, i - start));
      start = i + 1;
    }
  }
  segments.push_back(rule.substr(start));
  return segments;
}

bool takes_the_rest(std::string_view segment) { return segment.find("<path") != std::string_view::npos; }

// A rule segment as literal text and variables (`v<int:major>.<minor>`:
// "v", int, ".", default); a variable's `text` is its converter's name.
struct Piece {
  bool variable = false;
  std::string_view text;
};

std::vector<Piece> pieces_of(std::string_view segment) {
  std::vector<Piece> pieces;
  while (!segment.empty()) {
    const std::size_t open = segment.find('<');
    if (open != 0) {
      pieces.push_back({false, segment.substr(0, open)});
      if (open == std::string_view::npos) break;
      segment.remove_prefix(open);
    }
    const std::size_t close = segment.find('>');
    const std::string_view inside = segment.substr(1, close == std::string_view::npos ? close : close - 1);
    const std::size_t colon = inside.find(':');
    const std::string_view converter = colon == std::string_view::npos ? "default" : inside.substr(0, colon);
    pieces.push_back({true, converter.substr(0, converter.find('('))});
    if (close == std::string_view::npos) break;
    segment.remove_prefix(close + 1);
  }
  return pieces;
}

// Whether a character can be part of what `converter` matches: digits for
// int, digits and a point for float, hex digits for uuid; anything for the
// others (their arguments are not looked at).
bool fits(std::string_view converter, char c) {
  const bool digit = c >= '0' && c <= '9';
  if (converter == "int") return digit || c == '-';
  if (converter == "float") return digit || c == '.' || c == '-';
  if (converter == "uuid") return digit || c == '-' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  return true;
}

// Whether `text` (one path segment) has the segment's shape: its literal
// text in place, each variable at least one character that fits it. A
// dynamic program over the pieces from the last, so a long segment costs
// pieces × length.
bool accepts(std::string_view segment, std::string_view text) {
  const std::vector<Piece> pieces = pieces_of(segment);
  const std::size_t n = text.size();
  std::vector<char> after(n + 1, 0), here(n + 1, 0);  // after[j]: the pieces after this one accept text[j..]
  after[n] = 1;
  for (auto piece = pieces.rbegin(); piece != pieces.rend(); ++piece) {
    std::fill(here.begin(), here.end(), 0);
    if (!piece->variable) {
      for (std::size_t j = 0; j + piece->text.size() <= n; ++j)
        here[j] = text.substr(j).starts_with(piece->text) && after[j + piece->text.size()];
    } else {
      bool reachable = false;  // some end in (j, run end] where `after` holds
      for (std::size_t j = n; j-- > 0;) {
        reachable = fits(piece->text, text[j]) && (after[j + 1] || reachable);
        here[j] = reachable;
      }
    }
    std::swap(after, here);
  }
  return after[0] != 0;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  a = a.substr(0, kCompared);
  b = b.substr(0, kCompared);
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

struct Score {
  std::size_t prefix = 0;
  std::size_t distance = 0;
};

Score score(std::string_view path, const std::vector<std::string_view>& wanted, std::string_view rule) {
  const std::vector<std::string_view> segments = rule_segments(rule);
  Score s;
  bool prefix_open = true;
  std::string filled;  // the rule, its variable segments replaced by the path's
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string_view segment = segments[i];
    const bool have = i < wanted.size();
    if (takes_the_rest(segment) && have) {
      std::string rest(wanted[i]);
      for (std::size_t j = i + 1; j < wanted.size(); ++j) rest += "/" + std::string(wanted[j]);
      filled += "/" + rest;
      if (prefix_open && !rest.empty()) s.prefix += wanted.size() - i;
      prefix_open = false;
      break;
    }
    const bool accepted = have && accepts(segment, wanted[i]);
    filled += "/" + std::string(accepted ? wanted[i] : segment);
    if (prefix_open && accepted)
      ++s.prefix;
    else
      prefix_open = false;
  }
  std::string matched = "/";
  while (path.starts_with('/')) path.remove_prefix(1);
  matched += path;
  s.distance = edit_distance(matched, filled);
  return s;
}

}  // namespace

std::vector<std::size_t> nearest_rules(std::string_view path, std::span<const std::string_view> rules,
                                       std::size_t count) {
  const std::vector<std::string_view> wanted = path_segments(path);
  std::vector<Score> scores;
  scores.reserve(rules.size());
  for (std::string_view rule : rules) scores.push_back(score(path, wanted, rule));
  std::vector<std::size_t> order(rules.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(scores[b].prefix, scores[a].distance) < std::tie(scores[a].prefix, scores[b].distance);
  });
  order.resize(std::min(count, order.size()));
  return order;
}

}  // namespace retort::cli

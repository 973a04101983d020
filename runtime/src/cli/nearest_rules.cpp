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

bool is_variable(std::string_view segment) { return segment.find('<') != std::string_view::npos; }
bool takes_the_rest(std::string_view segment) { return segment.find("<path:") != std::string_view::npos; }

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
    const bool variable = is_variable(segment);
    filled += "/" + std::string(variable && have ? wanted[i] : segment);
    if (prefix_open && have && (variable ? !wanted[i].empty() : wanted[i] == segment))
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

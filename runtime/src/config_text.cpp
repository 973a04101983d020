#include "config_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

namespace retort::detail {
namespace {

using nlohmann::json;

// Levenshtein distance, ignoring ASCII case: a lower-case environment name
// or YAML key is the same key to a reader.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j < row.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const bool same = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]);
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool is_decimal_float(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  const bool whole = digits();
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits() && !whole) return false;
  } else if (!whole) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

}  // namespace

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string closest_name(std::string_view name, const std::vector<std::string>& candidates,
                         bool abbreviations) {
  std::string best;
  std::size_t best_distance = name.size() / 2 + 1;  // more edits than that is not a typo
  for (const std::string& candidate : candidates) {
    if (candidate == name) continue;
    if (abbreviations && name.size() >= 3 && candidate.starts_with(name)) return candidate;
    if (const std::size_t distance = edit_distance(name, candidate); distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string shown_value(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string describe_value(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "the boolean " + shown_value(value);
    case json::value_t::string: return "the string " + shown_value(value);
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "the integer " + shown_value(value);
    case json::value_t::number_float: return "the number " + shown_value(value);
    case json::value_t::array: return "a list";
    default: return "a mapping";
  }
}

std::optional<json> decimal_integer(std::string_view text, bool& overflow) {
  overflow = false;
  std::string_view digits = text;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
  if (digits.empty() ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  std::uint64_t magnitude = 0;
  const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude);
  constexpr auto kMinMagnitude = std::uint64_t{1} << 63;  // -INT64_MIN
  overflow = parsed.ec != std::errc() || (text[0] == '-' && magnitude > kMinMagnitude);
  if (overflow) return std::nullopt;
  if (text[0] != '-') return json(magnitude);
  return json(magnitude == kMinMagnitude ? std::numeric_limits<std::int64_t>::min()
                                         : -static_cast<std::int64_t>(magnitude));
}

std::optional<double> decimal_float(std::string_view text) {
  if (!is_decimal_float(text)) return std::nullopt;
  if (text[0] == '+') text.remove_prefix(1);  // from_chars takes no '+'
  double d = 0;
  if (std::from_chars(text.data(), text.data() + text.size(), d).ec != std::errc())
    return std::nullopt;
  return d;
}

json resolve_plain_scalar(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  bool overflow = false;
  if (std::optional<json> integer = decimal_integer(s, overflow)) return *integer;
  if (overflow) return std::string(s);  // not a float either: get<int> says out of range
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
    std::uint64_t value = 0;
    const auto [end, ec] =
        std::from_chars(s.data() + 2, s.data() + s.size(), value, s[1] == 'o' ? 8 : 16);
    if (ec == std::errc() && end == s.data() + s.size()) return value;
  }
  if (std::optional<double> number = decimal_float(s)) return *number;
  const bool sign = s[0] == '-' || s[0] == '+';
  for (std::string_view inf : {".inf", ".Inf", ".INF"})
    if (s.substr(sign ? 1 : 0) == inf) return s[0] == '-' ? -HUGE_VAL : HUGE_VAL;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::nan("");
  return std::string(s);
}

}  // namespace retort::detail

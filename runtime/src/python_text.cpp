#include "python_text.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <vector>

namespace retort::detail {

namespace {

// Appends to a fixed buffer (format_python_float's output never exceeds it).
struct FloatText {
  char* data;
  std::size_t size = 0;
  void operator+=(char c) { data[size++] = c; }
  void operator+=(std::string_view text) {
    for (char c : text) data[size++] = c;
  }
  void append(std::size_t count, char c) {
    while (count-- > 0) data[size++] = c;
  }
  void append(const char* first, const char* last) { *this += std::string_view(first, static_cast<std::size_t>(last - first)); }
};

}  // namespace

std::size_t format_python_float(double value, char (&buffer_out)[32]) {
  FloatText out{buffer_out};
  // Python's repr: the shortest digits that round-trip, in fixed notation
  // when the decimal exponent is in [-4, 16), with at least one fraction
  // digit; otherwise `d.ddde+XX`. Stack buffers only: url_for calls this
  // and may allocate nothing but its result.
  if (std::isnan(value)) {
    out += "nan";
    return out.size;
  }
  if (std::signbit(value)) {
    out += '-';
    value = -value;
  }
  if (std::isinf(value)) {
    out += "inf";
    return out.size;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  const std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
  const std::size_t e = text.find('e');
  char digits[24];
  std::size_t count = 0;
  for (char c : text.substr(0, e))
    if (c != '.') digits[count++] = c;
  int exponent = 0;
  const std::string_view exponent_text = text.substr(e + 1);
  std::from_chars(exponent_text.data() + (exponent_text[0] == '+' ? 1 : 0), exponent_text.data() + exponent_text.size(),
                  exponent);
  const std::string_view all(digits, count);
  const int point = exponent + 1;  // digits before the decimal point
  if (point > -4 && point <= 16) {
    if (point <= 0) {
      out += "0.";
      out.append(static_cast<std::size_t>(-point), '0');
      out += all;
    } else if (static_cast<std::size_t>(point) >= count) {
      out += all;
      out.append(static_cast<std::size_t>(point) - count, '0');
      out += ".0";
    } else {
      out += all.substr(0, static_cast<std::size_t>(point));
      out += '.';
      out += all.substr(static_cast<std::size_t>(point));
    }
    return out.size;
  }
  out += all[0];
  if (count > 1) {
    out += '.';
    out += all.substr(1);
  }
  out += 'e';
  out += exponent < 0 ? '-' : '+';
  const int magnitude = exponent < 0 ? -exponent : exponent;
  if (magnitude < 10) out += '0';
  char exponent_digits[8];
  const auto written = std::to_chars(exponent_digits, exponent_digits + sizeof exponent_digits, magnitude);
  out.append(exponent_digits, written.ptr);
  return out.size;
}

std::string python_repr(std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  constexpr char kHex[] = "0123456789abcdef";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == quote || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += ch;  // UTF-8 passes through: Python prints printable characters as they are
    }
  }
  out += quote;
  return out;
}

namespace {

constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view strip(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Removes Python's digit-group underscores; nullopt unless each `_` sits
// between two digits.
std::optional<std::string> without_underscores(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '_') {
      out += text[i];
      continue;
    }
    const bool between = i > 0 && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                         std::isdigit(static_cast<unsigned char>(text[i + 1]));
    if (!between) return std::nullopt;
  }
  return out;
}

}  // namespace

std::optional<std::int64_t> python_int(std::string_view text) {
  text = strip(text);
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  std::optional<std::string> digits = without_underscores(text);
  if (!digits || digits->empty()) return std::nullopt;
  std::uint64_t magnitude = 0;
  const char* end = digits->data() + digits->size();
  const auto result = std::from_chars(digits->data(), end, magnitude);
  if (result.ec != std::errc() || result.ptr != end) return std::nullopt;
  if (negative) {
    if (magnitude > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1) return std::nullopt;
    return static_cast<std::int64_t>(0 - magnitude);
  }
  if (magnitude > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
  return static_cast<std::int64_t>(magnitude);
}

std::optional<double> python_float(std::string_view text) {
  text = strip(text);
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  std::optional<std::string> body = without_underscores(text);
  if (!body || body->empty() || body->find('(') != std::string::npos) return std::nullopt;
  double value = 0;
  const char* end = body->data() + body->size();
  const auto result = std::from_chars(body->data(), end, value);
  if (result.ptr != end) return std::nullopt;
  if (result.ec == std::errc::result_out_of_range) {
    // Python rounds out-of-range text to inf or 0 instead of failing.
    const bool tiny = body->find_first_of("eE") != std::string::npos && body->find("e-") != std::string::npos;
    value = tiny ? 0.0 : std::numeric_limits<double>::infinity();
  } else if (result.ec != std::errc()) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

namespace {

struct Block {
  std::size_t a, b, size;
};

// SequenceMatcher.find_longest_match with no junk: the longest common
// block of a[alo:ahi] and b[blo:bhi], earliest in a, then earliest in b.
Block longest_match(std::string_view a, const std::map<char, std::vector<std::size_t>>& b2j,
                    std::size_t alo, std::size_t ahi, std::size_t blo, std::size_t bhi) {
  Block best{alo, blo, 0};
  std::map<std::size_t, std::size_t> j2len;
  for (std::size_t i = alo; i < ahi; ++i) {
    std::map<std::size_t, std::size_t> next;
    auto found = b2j.find(a[i]);
    if (found != b2j.end()) {
      for (std::size_t j : found->second) {
        if (j < blo) continue;
        if (j >= bhi) break;
        auto previous = j > 0 ? j2len.find(j - 1) : j2len.end();
        const std::size_t k = (previous != j2len.end() ? previous->second : 0) + 1;
        next[j] = k;
        if (k > best.size) best = {i + 1 - k, j + 1 - k, k};
      }
    }
    j2len = std::move(next);
  }
  return best;
}

}  // namespace

double sequence_ratio(std::string_view a, std::string_view b) {
  const std::size_t length = a.size() + b.size();
  if (length == 0) return 1.0;
  std::map<char, std::vector<std::size_t>> b2j;
  for (std::size_t j = 0; j < b.size(); ++j) b2j[b[j]].push_back(j);
  std::size_t matches = 0;
  std::vector<std::array<std::size_t, 4>> ranges{{0, a.size(), 0, b.size()}};
  while (!ranges.empty()) {
    const auto [alo, ahi, blo, bhi] = ranges.back();
    ranges.pop_back();
    const Block m = longest_match(a, b2j, alo, ahi, blo, bhi);
    if (m.size == 0) continue;
    matches += m.size;
    if (alo < m.a && blo < m.b) ranges.push_back({alo, m.a, blo, m.b});
    if (m.a + m.size < ahi && m.b + m.size < bhi) ranges.push_back({m.a + m.size, ahi, m.b + m.size, bhi});
  }
  return 2.0 * static_cast<double>(matches) / static_cast<double>(length);
}

}  // namespace retort::detail

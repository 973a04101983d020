#include "python_text.hpp"

#include "retort/generated_support.hpp"

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

namespace {

std::u32string code_points(std::string_view text) {
  std::u32string out;
  for (std::size_t at = 0; at < text.size();) {
    const CodePoint c = code_point_at(text, at);
    out += c.value;
    at += c.length;
  }
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// str.isspace(): Unicode's whitespace (Python strips these in int()/float()).
bool is_python_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// str.isprintable() for assigned code points: not a control (Cc), format
// (Cf), separator other than space (Zs, Zl, Zp) or private-use character.
bool is_python_printable(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD) return false;
  if (c != 0x20 && is_python_space(c)) return false;
  if ((c >= 0x600 && c <= 0x605) || c == 0x61C || c == 0x6DD || c == 0x70F || c == 0x180E) return false;
  if ((c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F)) return false;
  if (c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) || (c >= 0xD800 && c <= 0xF8FF)) return false;
  if (c >= 0xF0000) return false;  // private-use planes
  return true;
}

// Python's text with Unicode whitespace stripped and decimal digits of any
// script made ASCII; nullopt for text that is not UTF-8 digits and the like.
std::string normalized_number(std::string_view text) {
  std::u32string chars = code_points(text);
  std::size_t first = 0, last = chars.size();
  while (first < last && is_python_space(chars[first])) ++first;
  while (last > first && is_python_space(chars[last - 1])) --last;
  std::string out;
  for (std::size_t i = first; i < last; ++i) {
    const int digit = decimal_value(chars[i]);
    if (digit >= 0)
      out += static_cast<char>('0' + digit);
    else if (chars[i] < 0x80)
      out += static_cast<char>(chars[i]);
    else
      out += '\x01';  // never valid in a number
  }
  return out;
}

}  // namespace

std::string python_repr(std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  constexpr char kHex[] = "0123456789abcdef";
  for (char32_t c : code_points(text)) {
    if (c == static_cast<char32_t>(quote) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (!is_python_printable(c)) {
      const int digits = c <= 0xFF ? 2 : c <= 0xFFFF ? 4 : 8;
      out += digits == 2 ? "\\x" : digits == 4 ? "\\u" : "\\U";
      for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out += kHex[(c >> shift) & 0xF];
    } else {
      append_utf8(out, c);
    }
  }
  out += quote;
  return out;
}

namespace {

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

namespace {

// What int() and float() share: Python's text normalised, its sign, and the
// rest without digit-group underscores.
struct SignedText {
  bool negative = false;
  std::string body;
};
std::optional<SignedText> signed_text(std::string_view text) {
  const std::string number = normalized_number(text);
  std::string_view rest = number;
  SignedText out;
  if (!rest.empty() && (rest[0] == '+' || rest[0] == '-')) {
    out.negative = rest[0] == '-';
    rest.remove_prefix(1);
  }
  std::optional<std::string> body = without_underscores(rest);
  if (!body || body->empty()) return std::nullopt;
  out.body = std::move(*body);
  return out;
}

}  // namespace

std::optional<std::string> python_int(std::string_view text) {
  std::optional<SignedText> number = signed_text(text);
  if (!number) return std::nullopt;
  const std::string& digits = number->body;
  for (char c : digits)
    if (c < '0' || c > '9') return std::nullopt;
  const std::size_t nonzero = digits.find_first_not_of('0');
  if (nonzero == std::string::npos) return "0";
  return (number->negative ? "-" : "") + digits.substr(nonzero);
}

std::optional<double> python_float(std::string_view text) {
  std::optional<SignedText> number = signed_text(text);
  if (!number || number->body.find('(') != std::string::npos) return std::nullopt;
  const bool negative = number->negative;
  const std::string& body = number->body;
  double value = 0;
  const char* end = body.data() + body.size();
  const auto result = std::from_chars(body.data(), end, value);
  if (result.ptr != end) return std::nullopt;
  if (result.ec == std::errc::result_out_of_range) {
    // Python rounds out-of-range text to inf or 0 instead of failing.
    const bool tiny = body.find("e-") != std::string::npos || body.find("E-") != std::string::npos;
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
Block longest_match(const std::u32string& a, const std::map<char32_t, std::vector<std::size_t>>& b2j,
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

double sequence_ratio(std::string_view a_text, std::string_view b_text) {
  const std::u32string a = code_points(a_text), b = code_points(b_text);
  const std::size_t length = a.size() + b.size();
  if (length == 0) return 1.0;
  std::map<char32_t, std::vector<std::size_t>> b2j;
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

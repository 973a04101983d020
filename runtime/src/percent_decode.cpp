#include "percent_decode.hpp"

namespace retort::detail {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// How many bytes the well-formed sequence starting with `lead` has, and the
// range its second byte must be in (Unicode Table 3-7); 0 for a bad lead.
struct Lead {
  int length;
  unsigned char second_min, second_max;
};
Lead lead_of(unsigned char b) {
  if (b < 0x80) return {1, 0, 0};
  if (b >= 0xC2 && b <= 0xDF) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) return {3, 0x80, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b >= 0xF1 && b <= 0xF3) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

}  // namespace

std::string replace_invalid_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    const Lead lead = lead_of(b);
    if (lead.length == 1) {
      out += bytes[i++];
      continue;
    }
    if (lead.length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    // Take continuation bytes while they are valid; a shortfall replaces
    // everything taken so far with one U+FFFD.
    std::size_t taken = 1;
    while (taken < static_cast<std::size_t>(lead.length) && i + taken < bytes.size()) {
      const auto c = static_cast<unsigned char>(bytes[i + taken]);
      const unsigned char lo = taken == 1 ? lead.second_min : 0x80;
      const unsigned char hi = taken == 1 ? lead.second_max : 0xBF;
      if (c < lo || c > hi) break;
      ++taken;
    }
    if (taken == static_cast<std::size_t>(lead.length)) {
      out.append(bytes.substr(i, taken));
    } else {
      out += kReplacement;
    }
    i += taken;
  }
  return out;
}

std::string percent_decode(std::string_view text, PlusMeans plus, bool* malformed) {
  std::string bytes;
  bytes.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      const int hi = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
      const int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        bytes += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
      if (malformed != nullptr) *malformed = true;
    }
    bytes += (c == '+' && plus == PlusMeans::space) ? ' ' : c;
  }
  return replace_invalid_utf8(bytes);
}

}  // namespace retort::detail

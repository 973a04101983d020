// utf8: an independent UTF-8 check for the fuzz oracles, written from
// RFC 3629's grammar rather than shared with the code under test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace retort::fuzz {

// True when `text` is well-formed UTF-8: shortest forms only, no
// surrogates, nothing above U+10FFFF.
inline bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::size_t length;
    char32_t value;
    if (b < 0x80) {
      ++i;
      continue;
    } else if ((b & 0xE0) == 0xC0) {
      length = 2, value = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      length = 3, value = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      length = 4, value = b & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      value = (value << 6) | (c & 0x3F);
    }
    const char32_t smallest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
    if (value < smallest || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

}  // namespace retort::fuzz

// run_match and the converters' to_python: the parts of matching that are
// the same for every route table.
#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>

#include "retort/generated_support.hpp"

namespace retort::detail {
namespace {

// The zero of every run of Unicode decimal digits (category Nd), from
// Python 3.11's unicodedata (Unicode 14.0): each run is zero..zero+9.
constexpr std::array<char32_t, 66> kDigitZeros = {
    0x30,    0x660,   0x6F0,   0x7C0,   0x966,   0x9E6,   0xA66,   0xAE6,   0xB66,   0xBE6,   0xC66,
    0xCE6,   0xD66,   0xDE6,   0xE50,   0xED0,   0xF20,   0x1040,  0x1090,  0x17E0,  0x1810,  0x1946,
    0x19D0,  0x1A80,  0x1A90,  0x1B50,  0x1BB0,  0x1C40,  0x1C50,  0xA620,  0xA8D0,  0xA900,  0xA9D0,
    0xA9F0,  0xAA50,  0xABF0,  0xFF10,  0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0,
    0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60,
    0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0};

// `text` with every Unicode digit replaced by its ASCII digit, into `out`.
bool ascii_digits(std::string_view text, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < text.size();) {
    CodePoint c = code_point_at(text, i);
    const int digit = decimal_value(c.value);
    if (digit >= 0) {
      out += static_cast<char>('0' + digit);
    } else if (c.value < 0x80) {
      out += static_cast<char>(c.value);
    } else {
      return false;
    }
    i += c.length;
  }
  return true;
}

std::size_t code_point_count(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Whether the path has `//` anywhere: asked of every 404, so sixteen bytes
// at a time (blocks overlap by one byte, so no pair is missed between two).
// string_view::find("//") costs a 404 a third of its time.
bool has_double_slash(std::string_view path) noexcept {
  const char* const p = path.data();
  const std::size_t n = path.size();
#if defined(__SSE2__)
  if (n >= 16) {
    const __m128i slash = _mm_set1_epi8('/');
    for (std::size_t at = 0;; at += 15) {
      if (at + 16 > n) at = n - 16;
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
      const auto slashes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, slash)));
      if ((slashes & (slashes >> 1)) != 0) return true;
      if (at + 16 == n) return false;
    }
  }
#endif
  for (std::size_t i = 1; i < n; ++i)
    if (p[i] == '/' && p[i - 1] == '/') return true;
  return false;
}

}  // namespace

int decimal_value(char32_t c) noexcept {
  if (c < 0x80) return c >= '0' && c <= '9' ? static_cast<int>(c - '0') : -1;
  auto it = std::upper_bound(kDigitZeros.begin(), kDigitZeros.end(), c);
  if (it == kDigitZeros.begin()) return -1;
  const char32_t zero = *(it - 1);
  return c - zero < 10 ? static_cast<int>(c - zero) : -1;
}

std::string_view matched_path_slow(std::string_view path) noexcept {
  const std::size_t first = path.find_first_not_of('/');
  if (first == std::string_view::npos) return path.empty() ? path : path.substr(path.size() - 1);
  return first == 0 ? path : path.substr(first - 1);
}

std::size_t merge_slashes(std::string_view path, char* out) noexcept {
  std::size_t length = 0;
  for (char c : path)
    if (c != '/' || length == 0 || out[length - 1] != '/') out[length++] = c;
  return length;
}

void finish_without_match(const MatcherFunctions& functions, Method method, std::string_view path,
                          MethodSet allowed, Match& m) noexcept {
  if (has_double_slash(path)) {
    // Werkzeug's merge_slashes: nothing matched, so try again with runs of
    // slashes merged; a match there is a redirect to the merged URL. The
    // merged path fits a stack buffer for any target a Request accepts.
    std::array<char, Request::kMaxTargetLength> buffer;
    std::string heap;
    char* out = buffer.data();
    bool room = true;
    if (path.size() > buffer.size()) {
      try {
        heap.resize(path.size());
        out = heap.data();
      } catch (...) {
        room = false;
      }
    }
    if (room) {
      const std::string_view merged(out, merge_slashes(path, out));
      Search again(method, merged, m.args, allowed);
      const Outcome outcome = functions.root(again, again.start());
      allowed = again.allowed();
      if (outcome == Outcome::slash_required ||
          (outcome == Outcome::found && functions.merge_slashes[again.rule()])) {
        m.kind = Match::Kind::redirect;
        m.redirect = outcome == Outcome::slash_required ? Match::Redirect::merge_and_add_slash
                                                        : Match::Redirect::merge_slashes;
        return;
      }
    }
  }
  if (!allowed.empty()) {
    m.kind = Match::Kind::method_not_allowed;
    m.allowed = allowed;
  }
}

bool parse_integer(std::string_view text, std::size_t fixed_digits, std::int64_t& value) noexcept {
  if (fixed_digits != 0 && code_point_count(text) != fixed_digits) return false;
  const bool negative = !text.empty() && text[0] == '-';
  std::uint64_t magnitude = 0;
  for (std::size_t i = negative ? 1 : 0; i < text.size();) {
    CodePoint c = code_point_at(text, i);
    const int digit = decimal_value(c.value);
    if (digit < 0) return false;
    if (magnitude > (std::numeric_limits<std::uint64_t>::max() - static_cast<unsigned>(digit)) / 10) return false;
    magnitude = magnitude * 10 + static_cast<unsigned>(digit);
    i += c.length;
  }
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (negative) {
    if (magnitude > kMax + 1) return false;
    value = magnitude == kMax + 1 ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(magnitude);
  } else {
    if (magnitude > kMax) return false;
    value = static_cast<std::int64_t>(magnitude);
  }
  return true;
}

bool to_float(std::string_view text, FloatLimits limits, PathArgument& out) noexcept {
  double value = 0;
  try {
    std::string ascii;
    if (!ascii_digits(text, ascii)) return false;
    auto [end, ec] = std::from_chars(ascii.data(), ascii.data() + ascii.size(), value);
    if (ec != std::errc() || end != ascii.data() + ascii.size()) return false;
  } catch (...) {
    return false;
  }
  if ((limits.min && value < *limits.min) || (limits.max && value > *limits.max)) return false;
  out.text = text;
  out.number = value;
  return true;
}

bool to_uuid(std::string_view text, PathArgument& out) noexcept {
  std::optional<Uuid> uuid = Uuid::parse(text);
  if (!uuid) return false;
  out.text = text;
  out.uuid = *uuid;
  return true;
}

}  // namespace retort::detail

// Fuzz target: query strings (QueryArgs::parse, runtime/src/request.cpp),
// as Werkzeug's url_decode reads them: `&`-separated, `+` a space, `%XX`
// escapes, invalid UTF-8 replaced.
//
// Oracle: every key and value is valid UTF-8; no more items than `&`s plus
// one; encoding the items again and parsing that gives the same items
// (parse is a fixed point after one round).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <retort/request.hpp>

#include "fuzz_check.hpp"
#include "utf8.hpp"

using retort::fuzz::check;

namespace {

// application/x-www-form-urlencoded: unreserved bytes as they are, space
// as `+`, everything else `%XX`.
void append_form_encoded(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.' ||
        b == '_' || b == '~') {
      out += c;
    } else if (b == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  const retort::QueryArgs args = retort::QueryArgs::parse(query);
  const auto& items = args.items();
  check(items.size() <= static_cast<std::size_t>(std::count(query.begin(), query.end(), '&')) + 1,
        "more arguments than pieces", query);
  std::string encoded;
  for (const auto& [key, value] : items) {
    check(retort::fuzz::is_valid_utf8(key) && retort::fuzz::is_valid_utf8(value), "an argument is not UTF-8", query);
    if (!encoded.empty()) encoded += '&';
    append_form_encoded(encoded, key);
    encoded += '=';
    append_form_encoded(encoded, value);
  }
  const retort::QueryArgs again = retort::QueryArgs::parse(encoded);
  check(again.items() == items, "encoding the arguments and parsing them again changed them", query);
  for (const auto& [key, value] : items) check(args.get(key).has_value(), "get() misses a parsed key", query);
  return 0;
}

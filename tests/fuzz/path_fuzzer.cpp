// Fuzz target: how a request-target becomes the path that is matched:
// percent-decoding, invalid UTF-8 replaced by U+FFFD
// (runtime/src/percent_decode.cpp), and Request's split into path and
// query with its 400 and 414 (runtime/src/request.cpp).
//
// Oracle: decoded text is always valid UTF-8 (checked by an independent
// decoder); valid UTF-8 passes replace_invalid_utf8 unchanged and the rest
// comes out different; decoding a full %XX encoding of any bytes gives those
// bytes' replacement; the malformed flag is set exactly when a `%` is not
// followed by two hex digits; Request's path starts with `/`, its URL is
// printable ASCII without spaces (so it can go into a Location header).
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <retort/request.hpp>

#include "fuzz_check.hpp"
#include "percent_decode.hpp"
#include "utf8.hpp"

using retort::fuzz::check;
using retort::fuzz::is_valid_utf8;

namespace {

bool has_malformed_escape(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '%' && (i + 2 >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
                           !std::isxdigit(static_cast<unsigned char>(text[i + 2]))))
      return true;
  return false;
}

std::string percent_encode_all(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += '%';
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

void check_decoding(std::string_view input) {
  using retort::detail::percent_decode;
  using retort::detail::PlusMeans;
  using retort::detail::replace_invalid_utf8;

  const std::string replaced = replace_invalid_utf8(input);
  check(is_valid_utf8(replaced), "replace_invalid_utf8 gave invalid UTF-8", input);
  check((replaced == input) == is_valid_utf8(input), "replace_invalid_utf8 changed valid or kept invalid UTF-8",
        input);
  check(replace_invalid_utf8(replaced) == replaced, "replace_invalid_utf8 is not idempotent", input);

  bool malformed = false;
  const std::string decoded = percent_decode(input, PlusMeans::plus, &malformed);
  check(is_valid_utf8(decoded), "percent_decode gave invalid UTF-8", input);
  check(malformed == has_malformed_escape(input), "percent_decode's malformed flag is wrong", input);

  const std::string spaced = percent_decode(input, PlusMeans::space);
  check(is_valid_utf8(spaced), "percent_decode (+ as space) gave invalid UTF-8", input);
  check(spaced.find('+') == std::string::npos || input.find("%2B") != std::string_view::npos ||
            input.find("%2b") != std::string_view::npos,
        "a literal + survived decoding as a space", input);

  check(percent_decode(percent_encode_all(input)) == replaced, "decoding a full encoding lost bytes", input);
}

void check_request(std::string_view target) {
  const retort::Request request("GET", target);
  const int error = request.target_error();
  check(error == 0 || error == 400 || error == 414, "an unexpected target error", target);
  if (target.size() > retort::Request::kMaxTargetLength) check(error == 414, "an overlong target is not 414", target);
  const std::string_view path = request.path();
  check(is_valid_utf8(path), "the request path is not valid UTF-8", target);
  check(path.empty() || path[0] == '/', "the request path does not start with /", target);
  check(request.query_string().find('#') == std::string_view::npos, "the query string kept a fragment", target);
  for (const auto& [key, value] : request.args().items())
    check(is_valid_utf8(key) && is_valid_utf8(value), "a query argument is not valid UTF-8", target);
  if (error != 0) return;
  // Request::url() goes into Location headers: it must not carry a byte a
  // header or a URL cannot hold as is.
  for (const char c : request.url()) {
    const auto b = static_cast<unsigned char>(c);
    check(b > 0x20 && b < 0x7F, "Request::url() holds a space, control or non-ASCII byte", target);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check_decoding(input);
  check_request(input);
  return 0;
}

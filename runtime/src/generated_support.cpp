#include "retort/generated_support.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "retort/detail/percent_encoding.hpp"

namespace retort::detail {

Response to_response(std::string body) { return Response(std::move(body)); }

Response to_response(const nlohmann::json& body) {
  // As Flask's jsonify: compact, keys sorted (nlohmann's objects are), non-
  // ASCII escaped, newline-terminated. Text from a request may be invalid
  // UTF-8; it becomes U+FFFD instead of an exception.
  return Response(body.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace) + "\n", 200,
                  "application/json");
}

void UrlBuilder::append_text(std::string_view value) { append_path_encoded(url_, value); }

void UrlBuilder::append_integer(std::int64_t value, std::size_t fixed_digits) {
  char buffer[24];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)error;  // 24 bytes hold any 64-bit integer
  std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  const bool negative = value < 0;
  if (negative) {
    url_ += '-';
    text.remove_prefix(1);
  }
  // Python's zfill counts the sign: `-5` zfilled to 3 is `-05`.
  const std::size_t width = text.size() + (negative ? 1 : 0);
  if (fixed_digits > width) url_.append(fixed_digits - width, '0');
  url_ += text;
}

void UrlBuilder::append_float(double value) {
  // Python's repr: the shortest digits that round-trip, in fixed notation
  // when the decimal exponent is in [-4, 16), with at least one fraction
  // digit; otherwise `d.ddde+XX`.
  if (value != value) {
    url_ += "nan";
    return;
  }
  if (value < 0 || (value == 0 && std::signbit(value))) {
    url_ += '-';
    value = -value;
  }
  if (value == std::numeric_limits<double>::infinity()) {
    url_ += "inf";
    return;
  }
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  (void)error;
  std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  const std::size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e))
    if (c != '.') digits += c;
  const int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  const int point = exponent + 1;  // digits before the decimal point
  if (point > -4 && point <= 16) {
    if (point <= 0) {
      url_ += "0.";
      url_.append(static_cast<std::size_t>(-point), '0');
      url_ += digits;
    } else if (static_cast<std::size_t>(point) >= digits.size()) {
      url_ += digits;
      url_.append(static_cast<std::size_t>(point) - digits.size(), '0');
      url_ += ".0";
    } else {
      url_ += digits.substr(0, static_cast<std::size_t>(point));
      url_ += '.';
      url_ += digits.substr(static_cast<std::size_t>(point));
    }
    return;
  }
  url_ += digits[0];
  if (digits.size() > 1) {
    url_ += '.';
    url_ += digits.substr(1);
  }
  char exponent_text[16];
  std::snprintf(exponent_text, sizeof exponent_text, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
  url_ += exponent_text;
}

}  // namespace retort::detail

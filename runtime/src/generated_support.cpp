#include "retort/generated_support.hpp"


#include "python_text.hpp"
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

void UrlBuilder::append_float(double value) { append_python_float(url_, value); }

}  // namespace retort::detail

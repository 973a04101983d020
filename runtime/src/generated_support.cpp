#include "retort/generated_support.hpp"

#include <cmath>


#include "python_text.hpp"
#include "retort/detail/percent_encoding.hpp"

namespace retort::detail {

std::optional<std::string_view> query_text(const Request& request, std::string_view name) noexcept {
  return request.args().get(name);
}

std::vector<std::string_view> query_texts(const Request& request, std::string_view name) {
  return request.args().get_all(name);
}

void throw_missing_query(std::string_view name) {
  throw HttpError(400, "The query parameter '" + std::string(name) + "' is required.");
}

void throw_bad_query(std::string_view name, std::string_view text, std::string_view expected) {
  throw HttpError(400, "The query parameter '" + std::string(name) + "' must be " + std::string(expected) +
                           ", not '" + std::string(text) + "'.");
}

void throw_integer_range(std::string_view name, std::string_view text, std::int64_t min, std::uint64_t max) {
  throw_bad_query(name, text, "an integer from " + std::to_string(min) + " to " + std::to_string(max));
}

// An optional `+` or `-` (not both: Python's int("+-5") fails), then ASCII
// digits. `out_of_range`: a well-formed integer beyond 64 bits.
static std::string_view strip_plus(std::string_view text) {
  if (text.starts_with('+') && text.size() > 1 && text[1] != '-' && text[1] != '+') text.remove_prefix(1);
  return text;
}

bool parse_query_integer(std::string_view text, std::int64_t& value, bool& out_of_range) noexcept {
  text = strip_plus(text);
  out_of_range = false;
  if (text.empty() || text.starts_with('+')) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (end != text.data() + text.size()) return false;
  out_of_range = error == std::errc::result_out_of_range;
  return error == std::errc() || out_of_range;
}

bool parse_query_unsigned(std::string_view text, std::uint64_t& value, bool& out_of_range) noexcept {
  text = strip_plus(text);
  out_of_range = false;
  if (text.empty() || text.starts_with('+') || text.starts_with('-')) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (end != text.data() + text.size()) return false;
  out_of_range = error == std::errc::result_out_of_range;
  return error == std::errc() || out_of_range;
}

bool parse_query_float(std::string_view text, double& value) noexcept {
  text = strip_plus(text);
  if (text.empty() || text.starts_with('+') || text.starts_with("-+")) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  // inf and nan parse, but are not numbers a query means
  return error == std::errc() && end == text.data() + text.size() && std::isfinite(value);
}

bool parse_query_bool(std::string_view text, bool& value) noexcept {
  auto is = [&](std::string_view word) { return iequals(text, word); };
  if (text.empty() || is("1") || is("true") || is("yes") || is("on")) {
    value = true;
    return true;
  }
  if (is("0") || is("false") || is("no") || is("off")) {
    value = false;
    return true;
  }
  return false;
}

const nlohmann::json& request_json(const Request& request) { return request.json(); }

void throw_bad_json_shape(const nlohmann::json::exception& error) {
  throw HttpError(400, std::string("The JSON body does not have the expected shape: ") + error.what());
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

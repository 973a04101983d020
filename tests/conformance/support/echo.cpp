// echo.cpp: the JSON the conformance handlers return (see echo.hpp).
#include "echo.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

namespace retort_conformance {

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;  // UTF-8 passes through
    }
  }
  out += '"';
}

Echo::Echo(std::string_view endpoint) {
  out_ = "{\"endpoint\": ";
  append_json_string(out_, endpoint);
  out_ += ", \"args\": {";
}

void Echo::key(std::string_view name) {
  if (!first_) out_ += ", ";
  first_ = false;
  append_json_string(out_, name);
  out_ += ": ";
}

Echo& Echo::arg(std::string_view name, std::int64_t value) {
  key(name);
  out_ += std::to_string(value);
  return *this;
}

Echo& Echo::arg(std::string_view name, double value) {
  key(name);
  if (std::isnan(value)) {
    out_ += "NaN";  // as Python's json module writes them
  } else if (std::isinf(value)) {
    out_ += value > 0 ? "Infinity" : "-Infinity";
  } else {
    char buffer[64];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest round-trip
    if (error != std::errc{}) end = buffer;
    out_.append(buffer, end);
  }
  return *this;
}

Echo& Echo::arg(std::string_view name, std::string_view value) {
  key(name);
  append_json_string(out_, value);
  return *this;
}

std::string Echo::str() const { return out_ + "}}"; }

}  // namespace retort_conformance

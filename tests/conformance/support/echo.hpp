// echo.hpp: what the conformance handlers return.
//
// Each generated handler answers as Flask's
// `jsonify(endpoint=request.endpoint, args=request.view_args)` would:
//
//   return ::retort_conformance::Echo("e0").arg("x", x).arg("page", page).str();
//
// gives {"endpoint": "e0", "args": {"x": 1, "page": "a"}}. Empty optionals
// (a variable the matched rule does not bind) are left out. Small on purpose:
// every per-set source includes it; the definitions live in echo.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace retort_conformance {

class Echo {
 public:
  explicit Echo(std::string_view endpoint);

  Echo& arg(std::string_view name, std::int64_t value);
  Echo& arg(std::string_view name, double value);
  Echo& arg(std::string_view name, std::string_view value);
  // retort::Uuid and anything else with to_string(): its string.
  template <class T>
    requires requires(const T& t) { t.to_string(); }
  Echo& arg(std::string_view name, const T& value) {
    const std::string text = value.to_string();
    return arg(name, std::string_view(text));
  }
  template <class T>
  Echo& arg(std::string_view name, const std::optional<T>& value) {
    if (value) arg(name, *value);
    return *this;
  }

  // The JSON text.
  std::string str() const;

 private:
  void key(std::string_view name);

  std::string out_;
  bool first_ = true;
};

// `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

}  // namespace retort_conformance

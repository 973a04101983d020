// Text for Config: "did you mean" suggestions, values as messages show them,
// and the scalars of YAML 1.2's core schema (shared by config.cpp, which
// converts values, and config_yaml.cpp, which reads them).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace retort::detail {

char ascii_lower(char c);

// The candidate `name` most likely misspells; empty if none is close. The
// threshold is retortc's for converter names. With `abbreviations`, a name of
// three letters or more that starts a candidate means it ("prod").
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates,
                         bool abbreviations);

// A value as JSON text, valid UTF-8 or not (YAML text need not be).
std::string shown_value(const nlohmann::json& value);
// `the string "abc"`, `the integer 5`, `the number 1.5`, `the boolean true`,
// `null`, `a list`, `a mapping`.
std::string describe_value(const nlohmann::json& value);

// A decimal integer ([-+]?[0-9]+) that fits 64 bits, as a signed or unsigned
// JSON number; nullopt otherwise, with `overflow` set if it had the syntax.
std::optional<nlohmann::json> decimal_integer(std::string_view text, bool& overflow);
// A decimal number ([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)
// that fits a double; nullopt otherwise.
std::optional<double> decimal_float(std::string_view text);

// A plain (unquoted) scalar under the core schema: null, bool, int (decimal,
// 0o, 0x), float (with .inf and .nan), or else the string itself. A number
// too large for 64 bits stays a string, so get<int> can say it is out of range.
nlohmann::json resolve_plain_scalar(std::string_view text);

}  // namespace retort::detail

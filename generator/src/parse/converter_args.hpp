// Converter arguments: `int(min=1, max=99)` -> a bound Converter.
//
// Two steps, as in Werkzeug: parse_converter_args reads the text between the
// parentheses with Werkzeug's own grammar (rules.py `parse_converter_args`,
// quirks included: `1,2` without a space is the one string "1,2"), and
// bind_converter applies Python's call rules to the converter's constructor
// (unknown keyword, too many positionals, wrong types: errors).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/converter.hpp"

namespace retortc {

struct ArgValue {
  enum class Type { none, boolean, integer, floating, text };
  Type type = Type::none;
  bool boolean = false;
  std::int64_t integer = 0;
  double floating = 0;
  std::string text;  // text; also the spelling of the other types
};

struct ConverterArgs {
  std::vector<ArgValue> positional;
  std::vector<std::pair<std::string, ArgValue>> keyword;
};

struct ArgError {
  std::string message;
  std::size_t offset = 0;  // byte offset inside the argument text
};

// Parses `text` (without the parentheses). On failure returns the error.
std::optional<ConverterArgs> parse_converter_args(std::string_view text, ArgError& error);

// Builds the converter `name` (a known converter) from its arguments.
std::optional<Converter> bind_converter(std::string_view name, const ConverterArgs& args,
                                        std::string& error);

}  // namespace retortc

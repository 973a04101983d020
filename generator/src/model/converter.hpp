// Converter: what one `<converter(args):name>` placeholder accepts.
//
// Werkzeug's built-in converters (routing/converters.py) with their
// arguments bound: `int(min=1)`, `string(length=2)`, `any(a, b)`. regex() is
// the exact regular expression Werkzeug builds, because two placeholders
// share a matcher state exactly when their regexes are equal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace retortc {

struct Converter {
  enum class Kind { string, integer, floating, path, uuid, any };

  Kind kind = Kind::string;
  std::string name = "default";  // as written: default, string, int, …

  // string: `[^/]{min,max}` counted in code points; `length` wins.
  std::size_t min_length = 1;
  std::optional<std::size_t> max_length;
  std::optional<std::size_t> length;

  // int and float
  std::size_t fixed_digits = 0;  // int only; 0 = any number of digits
  std::optional<std::int64_t> int_min, int_max;
  std::optional<double> float_min, float_max;
  bool is_signed = false;

  // any: the allowed values, in the order written.
  std::vector<std::string> items;

  // The regex Werkzeug matches this converter with, e.g. `\d+` or `[^/]{1,}`.
  std::string regex() const;
  // Werkzeug's weight: int and float 50, path 200, the rest 100.
  int weight() const;
  // False for `path`: its value may contain `/`, so it takes the rest of the path.
  bool part_isolating() const { return kind != Kind::path; }
  // The kind of value a handler receives: "integer", "float", "uuid" or "text".
  const char* value_kind() const;
};

// Python's re.escape (3.7+): what Werkzeug does to literal text in a regex.
std::string python_re_escape(std::string_view text);

}  // namespace retortc

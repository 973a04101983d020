// python_text: the few Python string operations URL building must copy
// exactly: repr() of a float and of a str, int()/float() of text, and
// difflib's similarity ratio (Werkzeug's BuildError suggestion).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace retort::detail {

// repr(value) of a Python float: the shortest digits that round-trip,
// `2.0`, `0.0001`, `1e-05`, `1e+16`, `inf`, `nan`; at most
// kMaxPythonFloatLength bytes, written to `out`. Returns the length.
inline constexpr std::size_t kMaxPythonFloatLength = 24;
std::size_t format_python_float(double value, char (&out)[32]);
inline void append_python_float(std::string& out, double value) {
  char buffer[32];
  out.append(buffer, format_python_float(value, buffer));
}

// repr(text) of a Python str (UTF-8): `'it'`, `"it's"`; control, separator
// and format characters escaped (`\n`, `\xa0`, `\u2028`). Unassigned code
// points, which Python also escapes, are left as they are.
std::string python_repr(std::string_view text);

// str(int(text)): surrounding whitespace (Unicode's), a sign, decimal digits
// of any script, `_` between digits; any size. nullopt where Python raises.
std::optional<std::string> python_int(std::string_view text);
// float(text): the same, plus a fraction, an exponent, `inf`, `nan`.
std::optional<double> python_float(std::string_view text);

// difflib.SequenceMatcher(None, a, b).ratio() over code points, without
// the autojunk heuristic (which only applies from 200 characters on).
double sequence_ratio(std::string_view a, std::string_view b);

}  // namespace retort::detail

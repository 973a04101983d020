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

// repr(text) of a Python str: `'it'`, `"it's"`, control characters escaped.
std::string python_repr(std::string_view text);

// int(text) and float(text) for ASCII text: surrounding whitespace, a sign,
// `_` between digits; float also takes exponents, `inf`, `nan`.
std::optional<std::int64_t> python_int(std::string_view text);
std::optional<double> python_float(std::string_view text);

// difflib.SequenceMatcher(None, a, b).ratio(), without the autojunk
// heuristic (which only applies when b has 200 or more characters).
double sequence_ratio(std::string_view a, std::string_view b);

}  // namespace retort::detail

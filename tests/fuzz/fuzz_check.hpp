// fuzz_check: what a fuzz target asserts about the code under test.
//
// A failed check prints what was expected, with the input's bytes as a C
// string, and aborts: libFuzzer keeps the input as a crash artifact, and the
// replay driver (replay_main.cpp) fails its ctest. Checks stay on in every
// build type; NDEBUG must not turn a fuzz oracle off.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace retort::fuzz {

// `bytes` as a C string literal's contents, for failure messages.
inline void print_escaped(std::string_view bytes) {
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == '\\' || byte == '"')
      std::fprintf(stderr, "\\%c", c);
    else if (byte >= 0x20 && byte < 0x7F)
      std::fputc(c, stderr);
    else
      std::fprintf(stderr, "\\x%02X", byte);
  }
}

// The caller's file and line come from __builtin_FILE and __builtin_LINE:
// Clang 14 with libstdc++ 12 has no std::source_location.
[[noreturn]] inline void fail(std::string_view what, std::string_view detail = {}, const char* file = __builtin_FILE(),
                              int line = __builtin_LINE()) {
  std::fprintf(stderr, "%s:%d: fuzz check failed: %.*s", file, line, static_cast<int>(what.size()), what.data());
  if (!detail.empty()) {
    std::fputs("\n  with \"", stderr);
    print_escaped(detail);
    std::fputc('"', stderr);
  }
  std::fputc('\n', stderr);
  std::abort();
}

inline void check(bool condition, std::string_view what, std::string_view detail = {},
                  const char* file = __builtin_FILE(), int line = __builtin_LINE()) {
  if (!condition) fail(what, detail, file, line);
}

}  // namespace retort::fuzz

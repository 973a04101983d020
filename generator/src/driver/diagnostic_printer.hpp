// print_diagnostics: Clang's format for retortc's own diagnostics.
//
//   views.cpp:12:20: error: unknown converter 'integer' [unknown-converter]
//   RETORT_GET("/user/<integer:id>")
//                      ^~~~~~~
//   views.cpp:12:20: note: did you mean 'int'?
//
// Colour only when `colour` is set (the driver sets it for a terminal).
#pragma once

#include <ostream>

#include "check/diagnostic.hpp"

namespace retortc {

void print_diagnostics(const DiagnosticSink& sink, std::ostream& out, bool colour);

}  // namespace retortc

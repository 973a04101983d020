// Diagnostic and DiagnosticSink: how every stage reports a user's mistake.
//
// Stages never print; they push Diagnostics to a sink, and only the driver
// prints them (Cap'n Proto's ErrorReporter). Kinds, severities and message
// formats are listed once, in diagnostic_kinds.def.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "model/source_loc.hpp"

namespace retortc {

enum class DiagnosticKind {
#define DIAG(id, severity, flag, format) id,
#include "check/diagnostic_kinds.def"
#undef DIAG
};

enum class Severity { note, warning, error };

struct Diagnostic {
  DiagnosticKind kind;
  Severity severity;
  SourceLoc loc;
  unsigned length = 1;  // bytes to underline (`^~~~`) on the caret line
  std::string message;
  std::vector<Diagnostic> notes;  // printed after this diagnostic
};

// Builds a diagnostic of `kind`, formatting its message from `args`.
Diagnostic make_diagnostic(DiagnosticKind kind, SourceLoc loc,
                           std::initializer_list<std::string_view> args = {},
                           unsigned length = 1);

// The `-W` style name of a kind, printed as `[flag]`.
std::string_view diagnostic_flag(DiagnosticKind kind);

class DiagnosticSink {
 public:
  void report(Diagnostic diagnostic);

  bool has_errors() const { return errors_ != 0; }
  unsigned error_count() const { return errors_; }
  unsigned warning_count() const { return warnings_; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
  unsigned errors_ = 0;
  unsigned warnings_ = 0;
};

}  // namespace retortc

#include "check/diagnostic.hpp"

#include <cassert>

namespace retortc {
namespace {

struct KindInfo {
  Severity severity;
  std::string_view flag;
  std::string_view format;
};

constexpr KindInfo kKinds[] = {
#define DIAG(id, severity, flag, format) {Severity::severity, #flag, format},
#include "check/diagnostic_kinds.def"
#undef DIAG
};

std::string format_message(std::string_view format, std::initializer_list<std::string_view> args) {
  std::string out;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '{' && i + 2 < format.size() && format[i + 2] == '}') {
      std::size_t index = static_cast<std::size_t>(format[i + 1] - '0');
      assert(index < args.size() && "diagnostic format names a missing argument");
      if (index < args.size()) out += *(args.begin() + index);
      i += 2;
    } else {
      out += format[i];
    }
  }
  return out;
}

}  // namespace

Diagnostic make_diagnostic(DiagnosticKind kind, SourceLoc loc,
                           std::initializer_list<std::string_view> args, unsigned length) {
  const KindInfo& info = kKinds[static_cast<std::size_t>(kind)];
  return Diagnostic{kind, info.severity, std::move(loc), length == 0 ? 1 : length,
                    format_message(info.format, args), {}};
}

std::string_view diagnostic_flag(DiagnosticKind kind) {
  return kKinds[static_cast<std::size_t>(kind)].flag;
}

void DiagnosticSink::report(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::error) ++errors_;
  if (diagnostic.severity == Severity::warning) ++warnings_;
  diagnostics_.push_back(std::move(diagnostic));
}

}  // namespace retortc

#include "driver/diagnostic_printer.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace retortc {
namespace {

constexpr const char* kBold = "\033[1m";
constexpr const char* kReset = "\033[0m";

const char* severity_colour(Severity s) {
  switch (s) {
    case Severity::error: return "\033[1;31m";
    case Severity::warning: return "\033[1;35m";
    case Severity::note: return "\033[1;30m";
  }
  return "";
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "";
}

class SourceLines {
 public:
  const std::string* line(const std::string& file, unsigned number) {
    auto [it, fresh] = files_.try_emplace(file);
    if (fresh) {
      std::ifstream in(file);
      for (std::string text; std::getline(in, text);) it->second.push_back(text);
    }
    if (number == 0 || number > it->second.size()) return nullptr;
    return &it->second[number - 1];
  }

 private:
  std::map<std::string, std::vector<std::string>> files_;
};

// Tabs expand to the next multiple of 8, as Clang's TextDiagnostic does, so
// the caret lines up under the column Clang would print.
std::pair<std::string, std::string> caret_lines(const std::string& text, unsigned column, unsigned length) {
  std::string shown, caret;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t width = text[i] == '\t' ? 8 - shown.size() % 8 : 1;
    char mark = ' ';
    if (i + 1 == column) mark = '^';
    else if (i + 1 > column && i + 1 < column + length) mark = '~';
    shown.append(width, text[i] == '\t' ? ' ' : text[i]);
    caret.append(width, mark);
  }
  if (column > text.size()) caret += '^';  // one past the end of the line
  while (!caret.empty() && caret.back() == ' ') caret.pop_back();
  return {shown, caret};
}

void print_one(const Diagnostic& d, SourceLines& lines, std::ostream& out, bool colour) {
  if (colour) out << kBold;
  out << (d.loc.valid() ? d.loc.file + ":" + std::to_string(d.loc.line) + ":" +
                              std::to_string(d.loc.column) + ": "
                        : "retortc: ");
  if (colour) out << severity_colour(d.severity);
  out << severity_name(d.severity) << ": ";
  if (colour) out << kReset << kBold;
  out << d.message;
  if (d.severity != Severity::note) out << " [" << diagnostic_flag(d.kind) << "]";
  if (colour) out << kReset;
  out << "\n";
  if (const std::string* text = d.loc.valid() ? lines.line(d.loc.file, d.loc.line) : nullptr) {
    auto [shown, caret] = caret_lines(*text, d.loc.column, d.length);
    out << shown << "\n" << (colour ? "\033[1;32m" : "") << caret << (colour ? kReset : "") << "\n";
  }
  for (const Diagnostic& note : d.notes) print_one(note, lines, out, colour);
}

}  // namespace

void print_diagnostics(const DiagnosticSink& sink, std::ostream& out, bool colour) {
  // In source order, as a compiler reads: files in the order they first
  // appear, then by line and column. The stages report by concern (syntax,
  // then bindings, then clashes), which is not where a reader's eye goes.
  // Diagnostics without a place (`retortc: …`) come last.
  std::vector<const Diagnostic*> ordered;
  std::map<std::string, std::size_t> file_rank;
  for (const Diagnostic& d : sink.diagnostics()) {
    ordered.push_back(&d);
    if (d.loc.valid()) file_rank.try_emplace(d.loc.file, file_rank.size());
  }
  auto key = [&](const Diagnostic* d) {
    if (!d->loc.valid()) return std::tuple(file_rank.size(), 0U, 0U);
    return std::tuple(file_rank.at(d->loc.file), d->loc.line, d->loc.column);
  };
  std::stable_sort(ordered.begin(), ordered.end(),
                   [&](const Diagnostic* a, const Diagnostic* b) { return key(a) < key(b); });
  SourceLines lines;
  for (const Diagnostic* d : ordered) print_one(*d, lines, out, colour);
  if (sink.error_count() + sink.warning_count() > 0) {
    auto plural = [](unsigned n, const char* word) {
      return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
    };
    if (sink.warning_count() > 0) out << plural(sink.warning_count(), "warning");
    if (sink.warning_count() > 0 && sink.error_count() > 0) out << " and ";
    if (sink.error_count() > 0) out << plural(sink.error_count(), "error");
    out << " generated.\n";
  }
}

}  // namespace retortc

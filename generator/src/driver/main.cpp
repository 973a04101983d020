// retortc: the route compiler. Parses the arguments, wires the stages
// (scan -> check -> emit), prints diagnostics and returns the exit code.
//
//   retortc --out-dir build/gen --name blog views.cpp admin.cpp -- -std=c++20 -Iinclude
//   retortc --out-dir build/gen --name blog -p build views.cpp admin.cpp
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include <clang/Tooling/CommonOptionsParser.h>
#include <llvm/Support/CommandLine.h>

#include "check/build_route_table.hpp"
#include "driver/diagnostic_printer.hpp"
#include "emit/depfile.hpp"
#include "emit/render_outputs.hpp"
#include "emit/write_if_changed.hpp"
#include "scan/route_scanner.hpp"

namespace {

namespace cl = llvm::cl;
namespace fs = std::filesystem;

cl::OptionCategory category("retortc options");
cl::opt<std::string> out_dir("out-dir", cl::desc("Directory for <name>_routes.{hpp,cpp,json}"),
                             cl::value_desc("dir"), cl::cat(category));
cl::opt<std::string> name("name", cl::desc("Output name: writes <name>_routes.*"), cl::value_desc("name"),
                          cl::cat(category));
cl::opt<std::string> source_root("source-root",
                                 cl::desc("Paths in generated files are relative to this (default: .)"),
                                 cl::value_desc("dir"), cl::init("."), cl::cat(category));
cl::opt<std::string> depfile("depfile", cl::desc("Write the files read, in Makefile syntax"),
                             cl::value_desc("file"), cl::cat(category));
cl::opt<std::string> stamp("stamp",
                           cl::desc("Touch this file after every successful run (the build's OUTPUT)"),
                           cl::value_desc("file"), cl::cat(category));
cl::opt<bool> check_only("check", cl::desc("Check the routes, write nothing"), cl::cat(category));
cl::opt<bool> manifest_only("manifest-only", cl::desc("Write only <name>_routes.json"), cl::cat(category));
// Clang's spelling (LLVM already owns `--color`): colour on a terminal
// unless one of these says otherwise.
cl::opt<bool> colour_always("fcolor-diagnostics", cl::desc("Colour diagnostics even when not on a terminal"),
                            cl::cat(category));
cl::opt<bool> colour_never("fno-color-diagnostics", cl::desc("Never colour diagnostics"), cl::cat(category));

constexpr const char* kVersion = RETORTC_VERSION;

std::string relative_to(const std::string& path, const fs::path& root) {
  std::error_code ec;
  fs::path relative = fs::weakly_canonical(path, ec).lexically_relative(root);
  return ec || relative.empty() ? path : relative.generic_string();
}

// Generated files name sources relative to --source-root: no absolute paths,
// so the output is the same on every machine.
void relativize(retortc::RouteTable& table, const fs::path& root) {
  for (std::string& source : table.sources) source = relative_to(source, root);
  for (retortc::Route& route : table.routes) {
    route.loc.file = relative_to(route.loc.file, root);
    route.rule_loc.file = relative_to(route.rule_loc.file, root);
    for (retortc::ParamDecl& p : route.params) p.loc.file = relative_to(p.loc.file, root);
    for (retortc::RouteVariable& v : route.variables) v.param.loc.file = relative_to(v.param.loc.file, root);
  }
}

bool write_outputs(const retortc::RouteTable& table, const std::vector<std::string>& dependencies,
                   retortc::DiagnosticSink& sink) {
  using retortc::WriteResult;
  auto set = manifest_only ? retortc::OutputSet::manifest_only : retortc::OutputSet::all;
  std::vector<retortc::OutputFile> files = retortc::render_outputs(table, kVersion, set);
  std::error_code ec;
  fs::create_directories(out_dir.getValue(), ec);
  std::string error;
  for (const retortc::OutputFile& file : files) {
    std::string path = (fs::path(out_dir.getValue()) / file.name).string();
    if (retortc::write_if_changed(path, file.content, error) == WriteResult::failed)
      sink.report(make_diagnostic(retortc::DiagnosticKind::cannot_write, {}, {path, error}));
  }
  if (!depfile.empty()) {
    // The sources include our own header, but it is empty while we scan
    // (RETORT_SCANNING); listing it would make the output its own input.
    std::vector<std::string> inputs;
    for (const std::string& dependency : dependencies) {
      bool ours = false;
      for (const retortc::OutputFile& file : files) ours = ours || fs::path(dependency).filename() == file.name;
      if (!ours) inputs.push_back(dependency);
    }
    // Every output, the stamp first: Ninja checks the rule's first output.
    std::vector<std::string> targets;
    if (!stamp.empty()) targets.push_back(stamp);
    for (const retortc::OutputFile& file : files) targets.push_back((fs::path(out_dir.getValue()) / file.name).string());
    if (retortc::write_if_changed(depfile, retortc::make_depfile(targets, inputs), error) ==
        WriteResult::failed)
      sink.report(make_diagnostic(retortc::DiagnosticKind::cannot_write, {}, {depfile.getValue(), error}));
  }
  if (!stamp.empty() && !sink.has_errors()) {
    // Always rewritten, unlike the outputs: it tells make that this run
    // happened even when no output changed.
    std::ofstream touch(stamp.getValue(), std::ios::trunc);
    touch << "retortc " << kVersion << "\n";
    if (!touch) sink.report(make_diagnostic(retortc::DiagnosticKind::cannot_write, {}, {stamp.getValue(), "write failed"}));
  }
  return !sink.has_errors();
}

}  // namespace

int main(int argc, const char** argv) {
  cl::SetVersionPrinter([](llvm::raw_ostream& out) { out << "retortc " << kVersion << "\n"; });
  auto parser = clang::tooling::CommonOptionsParser::create(argc, argv, category, cl::OneOrMore,
                                                            "retortc: compiles retort route annotations");
  if (!parser) {
    llvm::errs() << parser.takeError();
    return 2;
  }
  if (!check_only && (out_dir.empty() || name.empty())) {
    llvm::errs() << "retortc: --out-dir and --name are required (or --check)\n";
    return 2;
  }
  const bool colour = !colour_never && (colour_always || isatty(STDERR_FILENO) != 0);

  retortc::DiagnosticSink sink;
  const std::vector<std::string>& sources = parser->getSourcePathList();
  retortc::ScanResult scan = retortc::scan_routes(parser->getCompilations(), sources, colour, sink);
  retortc::RouteTable table = retortc::build_route_table(name, sources, scan.decls, sink);
  if (!scan.compiled || sink.has_errors()) {
    retortc::print_diagnostics(sink, std::cerr, colour);
    return 1;  // nothing written (re2c): the previous outputs stay as they were
  }
  std::error_code ec;
  relativize(table, fs::weakly_canonical(source_root.getValue(), ec));
  if (!check_only) write_outputs(table, scan.dependencies, sink);
  retortc::print_diagnostics(sink, std::cerr, colour);
  return sink.has_errors() ? 1 : 0;
}

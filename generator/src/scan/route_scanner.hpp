// scan_routes: runs Clang over the sources and collects RouteDecls.
//
// The only part of retortc that includes Clang headers. It finds functions
// annotated by retort/route.hpp's macros and the blueprint namespaces around
// them, records their signatures as plain strings and kinds, and records
// every file Clang opened, for the depfile. It decides nothing about routes;
// that is check's job.
#pragma once

#include <string>
#include <vector>

#include "check/diagnostic.hpp"
#include "model/route_decl.hpp"

namespace clang::tooling {
class CompilationDatabase;
}

namespace retortc {

struct ScanResult {
  std::vector<RouteDecl> decls;          // in source order, each annotation once
  std::vector<std::string> dependencies;  // every non-system file read
  bool compiled = true;                   // false: Clang reported errors (already printed)
};

// `colour` is passed on to Clang for the diagnostics it prints itself
// (a handler's signature that does not compile).
ScanResult scan_routes(const clang::tooling::CompilationDatabase& database,
                       const std::vector<std::string>& sources, bool colour, DiagnosticSink& sink);

}  // namespace retortc

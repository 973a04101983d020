#include "scan/route_scanner.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include <clang/AST/ASTContext.h>
#include <clang/AST/Attr.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/QualTypeNames.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>
#include <clang/ASTMatchers/ASTMatchers.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendActions.h>
#include <clang/Frontend/Utils.h>
#include <clang/Lex/Lexer.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/Tooling.h>

#include "scan/type_classifier.hpp"
#include "scan/type_headers.hpp"

namespace retortc {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

SourceLoc to_loc(const SourceManager& sm, SourceLocation location) {
  PresumedLoc p = sm.getPresumedLoc(sm.getFileLoc(location));
  if (p.isInvalid()) return {};
  return {p.getFilename(), p.getLine(), p.getColumn()};
}

const StringLiteral* as_string_literal(const Expr* e) {
  if (e == nullptr) return nullptr;
  if (const auto* constant = dyn_cast<ConstantExpr>(e)) e = constant->getSubExpr();
  return dyn_cast<StringLiteral>(e->IgnoreParenImpCasts());
}

// The annotation of `decl` called `name` ("retort.route"), ignoring copies
// Clang makes on redeclarations, which would otherwise count twice.
std::vector<const AnnotateAttr*> annotations(const Decl& decl, StringRef name) {
  std::vector<const AnnotateAttr*> found;
  for (const auto* attr : decl.specific_attrs<AnnotateAttr>())
    if (attr->getAnnotation() == name && !attr->isInherited()) found.push_back(attr);
  return found;
}

class RouteCollector : public MatchFinder::MatchCallback {
 public:
  RouteCollector(std::vector<RouteDecl>& decls, std::set<std::tuple<std::string, unsigned, unsigned>>& seen,
                 DiagnosticSink& sink)
      : decls_(decls), seen_(seen), sink_(sink) {}

  void run(const MatchFinder::MatchResult& result) override {
    const auto* fn = result.Nodes.getNodeAs<FunctionDecl>("handler");
    // Stacked annotations register bottom-up, nearest the function first,
    // as Flask's stacked decorators do; that order breaks matching ties.
    std::vector<const AnnotateAttr*> attrs = annotations(*fn, "retort.route");
    const SourceManager& sm = result.Context->getSourceManager();
    std::stable_sort(attrs.begin(), attrs.end(), [&](const AnnotateAttr* a, const AnnotateAttr* b) {
      return sm.isBeforeInTranslationUnit(b->getLocation(), a->getLocation());
    });
    for (const AnnotateAttr* attr : attrs) collect(*fn, *attr, *result.Context);
  }

 private:
  void collect(const FunctionDecl& fn, const AnnotateAttr& attr, ASTContext& ctx) {
    const SourceManager& sm = ctx.getSourceManager();
    const StringLiteral* rule = attr.args_size() > 0 ? as_string_literal(*attr.args_begin()) : nullptr;
    if (rule == nullptr) {
      // `RETORT_GET(kPath)`: the route would silently not exist.
      sink_.report(make_diagnostic(DiagnosticKind::rule_not_literal, to_loc(sm, attr.getLocation())));
      return;
    }
    SourceLoc rule_loc = to_loc(sm, rule->getBeginLoc());
    if (!seen_.emplace(rule_loc.file, rule_loc.line, rule_loc.column).second) return;

    RouteDecl decl;
    decl.function = fn.getNameAsString();
    decl.loc = to_loc(sm, fn.getLocation());
    decl.rule = rule->getString().str();
    for (unsigned byte = 0; byte <= rule->getByteLength(); ++byte)
      decl.rule_byte_locs.push_back(
          to_loc(sm, rule->getLocationOfByte(byte, sm, ctx.getLangOpts(), ctx.getTargetInfo())));
    if (attr.args_size() > 1) {
      if (const StringLiteral* options = as_string_literal(*(attr.args_begin() + 1))) {
        decl.options = options->getString().str();
        decl.options_loc = to_loc(sm, sm.getExpansionLoc(options->getBeginLoc()));
        record_options_source(*rule, *options, ctx, decl);
      }
    }

    const auto length = static_cast<unsigned>(decl.function.size());
    if (fn.isInvalidDecl()) {
      sink_.report(make_diagnostic(DiagnosticKind::handler_invalid_decl, decl.loc, {decl.function}, length));
      return;
    }
    if (isa<CXXMethodDecl>(fn) || fn.getTemplatedKind() != FunctionDecl::TK_NonTemplate) {
      sink_.report(make_diagnostic(DiagnosticKind::handler_not_free_function, decl.loc, {decl.function}, length));
      return;
    }
    if (fn.isInlined() || fn.isConstexpr()) {
      sink_.report(make_diagnostic(DiagnosticKind::handler_inline, decl.loc, {decl.function}, length));
      return;
    }
    if (!fn.hasExternalFormalLinkage()) {
      sink_.report(make_diagnostic(DiagnosticKind::handler_internal_linkage, decl.loc, {decl.function}, length));
      return;
    }

    collect_namespaces(fn, decl, sm);
    decl.return_type = printable_type(fn.getReturnType(), ctx);
    decl.return_kind = classify_return(fn.getReturnType(), ctx);
    TypeHeaders headers;
    add_type_headers(fn.getReturnType(), ctx, headers);
    for (const ParmVarDecl* param : fn.parameters()) {
      ParamDecl p = classify_param(param->getType(), ctx);
      p.name = param->getNameAsString();
      p.loc = to_loc(sm, param->getLocation());
      decl.params.push_back(std::move(p));
      add_type_headers(param->getType(), ctx, headers);
    }
    // The generated table redeclares the handler, so it must name these
    // types: one declared in this file cannot be.
    for (const std::string& type : headers.in_source_file)
      sink_.report(make_diagnostic(DiagnosticKind::type_in_source_file, decl.loc, {decl.function, type}, length));
    if (!headers.in_source_file.empty()) return;
    decl.includes = std::move(headers.includes);
    decls_.push_back(std::move(decl));
  }

  // The text between the rule literal and the annotation's `)`, as written,
  // so option diagnostics can point at the option (RouteDecl::option_loc).
  static void record_options_source(const StringLiteral& rule, const StringLiteral& options, ASTContext& ctx,
                                    RouteDecl& decl) {
    const SourceManager& sm = ctx.getSourceManager();
    SourceLocation begin = Lexer::getLocForEndOfToken(sm.getFileLoc(rule.getEndLoc()), 0, sm, ctx.getLangOpts());
    SourceLocation end = sm.getExpansionRange(options.getBeginLoc()).getEnd();
    if (begin.isInvalid() || end.isInvalid() || sm.getFileID(begin) != sm.getFileID(end) ||
        !sm.isBeforeInTranslationUnit(begin, end))
      return;
    bool invalid = false;
    StringRef text = Lexer::getSourceText(CharSourceRange::getTokenRange(begin, end), sm, ctx.getLangOpts(), &invalid);
    if (invalid) return;
    decl.options_source = text.str();
    decl.options_source_loc = to_loc(sm, begin);
  }

  // Enclosing namespaces, outermost first; annotated ones are blueprints.
  // The annotation may sit on any opening of the namespace.
  static void collect_namespaces(const FunctionDecl& fn, RouteDecl& decl, const SourceManager& sm) {
    std::vector<const NamespaceDecl*> chain;
    for (const DeclContext* dc = fn.getDeclContext(); dc != nullptr; dc = dc->getParent())
      if (const auto* ns = dyn_cast<NamespaceDecl>(dc)) chain.push_back(ns);
    std::reverse(chain.begin(), chain.end());
    for (const NamespaceDecl* ns : chain) {
      decl.namespaces.push_back(ns->getNameAsString());
      const NamespaceDecl* annotated = nullptr;
      if (!annotations(*ns, "retort.blueprint").empty()) annotated = ns;  // the enclosing opening wins
      for (const NamespaceDecl* opening : ns->redecls())
        if (annotated == nullptr && !annotations(*opening, "retort.blueprint").empty()) annotated = opening;
      if (annotated == nullptr) continue;
      const AnnotateAttr* attr = annotations(*annotated, "retort.blueprint").front();
      const StringLiteral* prefix = attr->args_size() > 0 ? as_string_literal(*attr->args_begin()) : nullptr;
      decl.blueprints.push_back({ns->getNameAsString(), prefix ? prefix->getString().str() : "",
                                 to_loc(sm, prefix ? prefix->getBeginLoc() : annotated->getLocation())});
    }
  }

  std::vector<RouteDecl>& decls_;
  std::set<std::tuple<std::string, unsigned, unsigned>>& seen_;
  DiagnosticSink& sink_;
};

// Parses without function bodies (handlers' bodies may call url_for, which
// does not exist yet while scanning) and records the files read.
class ScanAction : public ASTFrontendAction {
 public:
  ScanAction(MatchFinder& finder, std::vector<std::string>& dependencies)
      : finder_(finder), dependencies_(dependencies) {}

  bool BeginInvocation(CompilerInstance& ci) override {
    ci.getFrontendOpts().SkipFunctionBodies = true;
    return true;
  }
  bool BeginSourceFileAction(CompilerInstance& ci) override {
    collector_ = std::make_shared<DependencyCollector>();
    collector_->attachToPreprocessor(ci.getPreprocessor());
    return true;
  }
  void EndSourceFileAction() override {
    for (const std::string& file : collector_->getDependencies()) dependencies_.push_back(file);
  }
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance&, StringRef) override {
    return finder_.newASTConsumer();
  }

 private:
  MatchFinder& finder_;
  std::vector<std::string>& dependencies_;
  std::shared_ptr<DependencyCollector> collector_;
};

class ScanActionFactory : public tooling::FrontendActionFactory {
 public:
  ScanActionFactory(MatchFinder& finder, std::vector<std::string>& dependencies)
      : finder_(finder), dependencies_(dependencies) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<ScanAction>(finder_, dependencies_);
  }

 private:
  MatchFinder& finder_;
  std::vector<std::string>& dependencies_;
};

}  // namespace

ScanResult scan_routes(const tooling::CompilationDatabase& database,
                       const std::vector<std::string>& sources, bool colour, DiagnosticSink& sink) {
  ScanResult result;
  std::set<std::tuple<std::string, unsigned, unsigned>> seen;
  RouteCollector collector(result.decls, seen, sink);
  MatchFinder finder;
  finder.addMatcher(functionDecl(hasAttr(attr::Annotate)).bind("handler"), &collector);

  tooling::ClangTool tool(database, sources);
  // Clang's builtin headers live in its resource directory, which LibTooling
  // looks for next to the running binary; name it so retortc works from
  // anywhere. RETORT_SCANNING empties the generated headers while we scan.
  tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      {"-resource-dir=" RETORTC_CLANG_RESOURCE_DIR, "-DRETORT_SCANNING", "-w",
       "-Wno-unknown-warning-option"},
      tooling::ArgumentInsertPosition::BEGIN));
  tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      colour ? "-fcolor-diagnostics" : "-fno-color-diagnostics", tooling::ArgumentInsertPosition::END));
  ScanActionFactory factory(finder, result.dependencies);
  result.compiled = tool.run(&factory) == 0;

  std::sort(result.dependencies.begin(), result.dependencies.end());
  result.dependencies.erase(std::unique(result.dependencies.begin(), result.dependencies.end()),
                            result.dependencies.end());
  // decls are in registration order: sources in the order given, then
  // declarations in the order the parser met them.
  return result;
}

}  // namespace retortc

#include "scan/type_headers.hpp"

#include <algorithm>

#include <clang/AST/DeclCXX.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/Basic/SourceManager.h>

namespace retortc {
namespace {

using namespace clang;

bool is_library(const Decl& decl) {
  const DeclContext* outermost = nullptr;
  for (const DeclContext* dc = decl.getDeclContext(); dc != nullptr && !dc->isTranslationUnit(); dc = dc->getParent())
    outermost = dc;
  const auto* ns = dyn_cast_or_null<NamespaceDecl>(outermost);
  // Generated code includes retort's headers, and through them nlohmann's;
  // std containers (`std::set<std::string> tags`) need their headers.
  return ns != nullptr && (ns->getName() == "nlohmann" || ns->getName() == "retort");
}

// `"items.hpp"` from the line `#include "items.hpp"` at `at`, or empty.
std::string include_spelling(const SourceManager& sm, SourceLocation at) {
  bool invalid = false;
  const FileID file = sm.getFileID(at);
  const StringRef buffer = sm.getBufferData(file, &invalid);
  if (invalid) return {};
  std::size_t offset = sm.getFileOffset(at);
  const std::size_t line_start = buffer.rfind('\n', offset) == StringRef::npos ? 0 : buffer.rfind('\n', offset) + 1;
  const std::size_t line_end = std::min(buffer.find('\n', offset), buffer.size());
  const StringRef line = buffer.slice(line_start, line_end);
  const std::size_t open = line.find_first_of("\"<", line.find("include"));
  if (open == StringRef::npos) return {};
  const char close = line[open] == '"' ? '"' : '>';
  const std::size_t end = line.find(close, open + 1);
  if (end == StringRef::npos) return {};
  return line.slice(open, end + 1).str();
}

void add_decl(const TagDecl& tag, const ASTContext& ctx, TypeHeaders& out) {
  if (is_library(tag)) return;
  const SourceManager& sm = ctx.getSourceManager();
  const TagDecl* definition = tag.getDefinition() != nullptr ? tag.getDefinition() : &tag;
  SourceLocation where = sm.getExpansionLoc(definition->getLocation());
  FileID file = sm.getFileID(where);
  if (file == sm.getMainFileID()) {
    const std::string name = tag.getQualifiedNameAsString();
    if (std::find(out.in_source_file.begin(), out.in_source_file.end(), name) == out.in_source_file.end())
      out.in_source_file.push_back(name);
    return;
  }
  // Up the include stack to the directive in the scanned file.
  SourceLocation include = sm.getIncludeLoc(file);
  while (include.isValid() && sm.getFileID(include) != sm.getMainFileID()) include = sm.getIncludeLoc(sm.getFileID(include));
  if (include.isInvalid()) return;
  const std::string spelling = include_spelling(sm, include);
  if (!spelling.empty() && std::find(out.includes.begin(), out.includes.end(), spelling) == out.includes.end())
    out.includes.push_back(spelling);
}

}  // namespace

void add_type_headers(QualType type, const ASTContext& ctx, TypeHeaders& out) {
  type = type.getNonReferenceType().getCanonicalType();
  while (type->isPointerType()) type = type->getPointeeType().getCanonicalType();
  if (const TagDecl* tag = type->getAsTagDecl()) {
    add_decl(*tag, ctx, out);
    if (const auto* spec = dyn_cast<ClassTemplateSpecializationDecl>(tag)) {
      for (const TemplateArgument& argument : spec->getTemplateArgs().asArray())
        if (argument.getKind() == TemplateArgument::Type) add_type_headers(argument.getAsType(), ctx, out);
    }
  }
}

}  // namespace retortc

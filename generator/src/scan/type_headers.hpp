// type_headers: which #include lines make a handler's types visible to the
// generated table.
//
// routes.cpp declares each handler again to call it, so it must see every
// user type in the signature (a JSON body `NewItem`, a returned `Item`).
// For each, the include directive of the scanned source that brought its
// declaration in is repeated, spelled as the user wrote it.
#pragma once

#include <string>
#include <vector>

#include <clang/AST/ASTContext.h>
#include <clang/AST/Type.h>

namespace retortc {

struct TypeHeaders {
  std::vector<std::string> includes;        // `"items.hpp"`, `<app/items.hpp>`
  std::vector<std::string> in_source_file;  // types declared in the scanned file itself
};

// Adds what `type` (and its template arguments, recursively) needs; types
// of nlohmann and retort need nothing (generated code includes them).
void add_type_headers(clang::QualType type, const clang::ASTContext& ctx, TypeHeaders& out);

}  // namespace retortc

// type_classifier: what a handler's parameter and return types mean to retort.
//
// Types are recognised by their canonical declaration (std::basic_string<char>,
// retort::Request, nlohmann::basic_json), so typedefs and aliases work.
#pragma once

#include <string>

#include <clang/AST/ASTContext.h>
#include <clang/AST/Type.h>

#include "model/route_decl.hpp"

namespace retortc {

// Fills kind, cpp_type and value_type (not name or loc).
ParamDecl classify_param(clang::QualType type, clang::ASTContext& ctx);
ReturnKind classify_return(clang::QualType type, clang::ASTContext& ctx);
// The type spelled fully qualified, valid in any namespace of generated code.
std::string printable_type(clang::QualType type, clang::ASTContext& ctx);

}  // namespace retortc

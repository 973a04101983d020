#include "scan/type_classifier.hpp"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/QualTypeNames.h>

namespace retortc {
namespace {

using namespace clang;

// `std::basic_string`, `retort::Request`: the record's name without inline
// namespaces (std::__cxx11, nlohmann's ABI tag).
std::string record_name(QualType type) {
  const CXXRecordDecl* record = type.getCanonicalType()->getAsCXXRecordDecl();
  if (record == nullptr) return {};
  PrintingPolicy policy(record->getASTContext().getLangOpts());
  policy.SuppressInlineNamespace = true;
  std::string name;
  llvm::raw_string_ostream out(name);
  record->printQualifiedName(out, policy);
  return out.str();
}

bool is_char_specialisation(QualType type, ASTContext& ctx) {
  const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      type.getCanonicalType()->getAsCXXRecordDecl());
  return spec != nullptr && spec->getTemplateArgs().size() > 0 &&
         spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
         ctx.hasSameType(spec->getTemplateArgs()[0].getAsType(), ctx.CharTy);
}

}  // namespace

std::string printable_type(QualType type, ASTContext& ctx) {
  std::string name = TypeName::getFullyQualifiedName(type, ctx, ctx.getPrintingPolicy(), false);
  // Clang prints `const retort::Request &`; generated code reads `Request&`.
  for (std::size_t at = name.find(" &"); at != std::string::npos; at = name.find(" &", at)) name.erase(at, 1);
  return name;
}

ParamDecl classify_param(QualType type, ASTContext& ctx) {
  ParamDecl p;
  p.cpp_type = printable_type(type, ctx);
  // By value or by const reference: the adapter passes a temporary.
  const bool by_value_or_const_ref =
      !type->isReferenceType() || type.getNonReferenceType().isConstQualified();
  QualType value = type.getNonReferenceType().getUnqualifiedType();
  p.value_type = printable_type(value, ctx);
  QualType canonical = value.getCanonicalType();
  const std::string record = record_name(value);

  if (canonical->isIntegerType() && !canonical->isBooleanType() && !canonical->isAnyCharacterType() &&
      !canonical->isEnumeralType() && by_value_or_const_ref) {
    p.kind = ParamKind::integer;
    p.is_signed = canonical->isSignedIntegerType();
    p.bits = static_cast<unsigned>(ctx.getIntWidth(canonical));
  } else if (record == "std::basic_string" && is_char_specialisation(value, ctx) && by_value_or_const_ref) {
    p.kind = ParamKind::string;
  } else if (record == "std::basic_string_view" && is_char_specialisation(value, ctx) &&
             by_value_or_const_ref) {
    p.kind = ParamKind::string_view;
  } else if (record == "retort::Request" && type->isLValueReferenceType() &&
             type.getNonReferenceType().isConstQualified()) {
    p.kind = ParamKind::request;
  }
  return p;
}

ReturnKind classify_return(QualType type, ASTContext& ctx) {
  if (type->isReferenceType()) return ReturnKind::unsupported;
  const std::string record = record_name(type);
  if (record == "std::basic_string" && is_char_specialisation(type, ctx)) return ReturnKind::string;
  if (record == "nlohmann::basic_json") return ReturnKind::json;
  if (record == "retort::Response") return ReturnKind::response;
  return ReturnKind::unsupported;
}

}  // namespace retortc

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

// std::basic_string<char> / std::basic_string_view<char> with the standard
// traits and allocator: what the adapters can build from a path segment
// (std::pmr::string, for one, is not).
bool is_char_specialisation(QualType type, ASTContext& ctx) {
  const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      type.getCanonicalType()->getAsCXXRecordDecl());
  if (spec == nullptr || spec->getTemplateArgs().size() == 0) return false;
  const TemplateArgumentList& args = spec->getTemplateArgs();
  for (unsigned i = 0; i < args.size(); ++i)
    if (args[i].getKind() != TemplateArgument::Type) return false;
  if (!ctx.hasSameType(args[0].getAsType(), ctx.CharTy)) return false;
  if (args.size() > 1 && record_name(args[1].getAsType()) != "std::char_traits") return false;
  if (args.size() > 2 && record_name(args[2].getAsType()) != "std::allocator") return false;
  return true;
}

// Aliases declared in these namespaces are visible to generated code (its
// one include, retort/generated_support.hpp, brings them in); a user's own
// alias is not, so it is spelled as what it stands for.
bool is_library_alias(const TypedefNameDecl& alias) {
  const DeclContext* outermost = nullptr;
  for (const DeclContext* dc = alias.getDeclContext(); dc != nullptr && !dc->isTranslationUnit(); dc = dc->getParent())
    outermost = dc;
  const auto* ns = dyn_cast_or_null<NamespaceDecl>(outermost);
  return ns != nullptr && (ns->getName() == "std" || ns->getName() == "nlohmann" || ns->getName() == "retort");
}

QualType without_user_aliases(QualType type) {
  for (;;) {
    if (const auto* elaborated = dyn_cast<ElaboratedType>(type.getTypePtr())) {
      type = QualType(elaborated->getNamedType().getTypePtr(), type.getLocalFastQualifiers());
    } else if (const auto* alias = dyn_cast<TypedefType>(type.getTypePtr());
               alias != nullptr && !is_library_alias(*alias->getDecl())) {
      type = QualType(alias->desugar().getTypePtr(), type.getLocalFastQualifiers() | alias->desugar().getLocalFastQualifiers());
    } else {
      return type;
    }
  }
}

}  // namespace

std::string printable_type(QualType type, ASTContext& ctx) {
  // Rebuild the type around its alias-free core: `const UserId&` -> `const long&`.
  QualType core = without_user_aliases(type.getNonReferenceType().getUnqualifiedType());
  if (type.getNonReferenceType().isConstQualified()) core = core.withConst();
  if (type.getNonReferenceType().isVolatileQualified()) core = core.withVolatile();
  if (type->isLValueReferenceType()) core = ctx.getLValueReferenceType(core);
  if (type->isRValueReferenceType()) core = ctx.getRValueReferenceType(core);
  std::string name = TypeName::getFullyQualifiedName(core, ctx, ctx.getPrintingPolicy(), false);
  // Clang prints `const retort::Request &`; generated code reads `Request&`.
  for (std::size_t at = name.find(" &"); at != std::string::npos; at = name.find(" &", at)) name.erase(at, 1);
  return name;
}

namespace {

// The first type argument of a class template specialisation, as written
// (`std::optional<UserId>` gives `UserId`, alias and all), or a null type.
QualType template_argument(QualType value) {
  const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(value.getCanonicalType()->getAsCXXRecordDecl());
  if (spec == nullptr || spec->getTemplateArgs().size() == 0 ||
      spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return {};
  QualType argument = spec->getTemplateArgs()[0].getAsType();
  if (const auto* written = dyn_cast<TemplateSpecializationType>(without_user_aliases(value).getTypePtr());
      written != nullptr && written->getNumArgs() >= 1 && written->getArg(0).getKind() == TemplateArgument::Type)
    argument = written->getArg(0).getAsType();
  return argument;
}

}  // namespace

ParamDecl classify_param(QualType type, ASTContext& ctx) {
  ParamDecl p;
  p.cpp_type = printable_type(type, ctx);
  // By value or by const reference: the adapter passes a temporary.
  const bool by_value_or_const_ref =
      !type->isReferenceType() || type.getNonReferenceType().isConstQualified();
  QualType value = type.getNonReferenceType().getUnqualifiedType();
  const std::string record = record_name(value);

  // std::optional<T>: a URL variable only some rules of the endpoint have, a
  // query parameter that may be missing, or a body that may be empty.
  if (record == "std::optional") {
    if (!by_value_or_const_ref || value.getCanonicalType()->getAsCXXRecordDecl() == nullptr) return p;
    QualType inner = template_argument(value);
    if (inner.isNull()) return p;
    ParamDecl inner_param = classify_param(inner, ctx);
    switch (inner_param.kind) {
      case ParamKind::request:
      case ParamKind::app:
      case ParamKind::list:
      case ParamKind::unsupported: return p;
      default:
        if (inner_param.optional) return p;
        inner_param.cpp_type = p.cpp_type;
        inner_param.optional = true;
        return inner_param;
    }
  }

  QualType canonical = value.getCanonicalType();
  p.value_type = printable_type(canonical->isIntegerType() || canonical->isRealFloatingType() ? canonical : value, ctx);
  if (!by_value_or_const_ref) {
    return p;  // a handler cannot change what retort passes it
  }

  // Integers, std::uint8_t (unsigned char) included; not bool, enums, or
  // the text character types (char, wchar_t, char8/16/32_t).
  const bool text_character = canonical->isAnyCharacterType() &&
                              !canonical->isSpecificBuiltinType(BuiltinType::UChar) &&
                              !canonical->isSpecificBuiltinType(BuiltinType::SChar);
  if (canonical->isBooleanType()) {
    p.kind = ParamKind::boolean;
  } else if (canonical->isIntegerType() && !text_character && !canonical->isEnumeralType()) {
    p.kind = ParamKind::integer;
  } else if (canonical->isRealFloatingType()) {
    p.kind = ParamKind::floating;
  } else if (record == "retort::Uuid") {
    p.kind = ParamKind::uuid;
  } else if (record == "std::basic_string" && is_char_specialisation(value, ctx)) {
    p.kind = ParamKind::string;
  } else if (record == "std::basic_string_view" && is_char_specialisation(value, ctx)) {
    p.kind = ParamKind::string_view;
  } else if (record == "retort::Request") {
    if (type->isLValueReferenceType()) p.kind = ParamKind::request;
  } else if (record == "retort::App") {
    if (type->isLValueReferenceType()) p.kind = ParamKind::app;
  } else if (record == "retort::Response" || record == "retort::Match" || record.starts_with("std::basic_string")) {
    // neither something retort supplies nor a sensible JSON body
  } else if (record == "std::vector") {
    // A vector of query values is a repeated query key; any other vector
    // is a JSON array body.
    QualType element = template_argument(value);
    ParamDecl element_param = element.isNull() ? ParamDecl{} : classify_param(element, ctx);
    if (!element_param.optional && is_query_kind(element_param.kind) && element_param.kind != ParamKind::list) {
      p.kind = ParamKind::list;
      p.element_kind = element_param.kind;
      p.value_type = element_param.value_type;
    } else {
      p.kind = ParamKind::json_body;
    }
  } else if (canonical->isRecordType()) {
    p.kind = ParamKind::json_body;  // nlohmann::json itself, or a type it converts to
  }
  return p;
}

ReturnKind classify_return(QualType type, ASTContext& ctx) {
  if (type->isReferenceType() || !type.getCanonicalType()->isRecordType()) return ReturnKind::unsupported;
  const std::string record = record_name(type);
  if (record == "std::basic_string" && is_char_specialisation(type, ctx)) return ReturnKind::string;
  if (record == "nlohmann::basic_json") return ReturnKind::json;
  if (record == "retort::Response") return ReturnKind::response;
  if (record == "std::tuple" || record == "std::pair") return ReturnKind::tuple;
  // Whether nlohmann can convert it is the C++ compiler's to decide: the
  // generated adapter's to_response() static_asserts it.
  return ReturnKind::convertible;
}

}  // namespace retortc

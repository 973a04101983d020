#include "emit/adapter_code.hpp"

#include "emit/names.hpp"
#include "model/join.hpp"

namespace retortc {
namespace {

std::string literal_for_param(const ParamDecl& p, const ArgValue& value) {
  switch (p.kind) {
    case ParamKind::integer: return "static_cast<" + p.value_type + ">(" + integer_literal(value.integer) + ")";
    case ParamKind::floating:
      return "static_cast<" + p.value_type + ">(" +
             (value.type == ArgValue::Type::integer ? double_literal(static_cast<double>(value.integer))
                                                    : double_literal(value.floating)) +
             ")";
    case ParamKind::string: return "std::string(" + cpp_string_literal(value.text) + ")";
    default: return "std::string_view(" + cpp_string_literal(value.text) + ")";
  }
}

std::string from_match(const ParamDecl& p, std::size_t index) {
  const std::string value = "match.args[" + std::to_string(index) + "]";
  switch (p.kind) {
    case ParamKind::integer: return "static_cast<" + p.value_type + ">(" + value + ".integer)";
    case ParamKind::floating: return "static_cast<" + p.value_type + ">(" + value + ".number)";
    case ParamKind::uuid: return value + ".uuid";
    case ParamKind::string: return "std::string(" + value + ".text)";
    default: return value + ".text";
  }
}

// The value type a query function converts to: `int`, `std::string`.
std::string query_type(const ParamDecl& p) {
  switch (p.kind == ParamKind::list ? p.element_kind : p.kind) {
    case ParamKind::uuid: return "retort::Uuid";
    case ParamKind::string: return "std::string";
    case ParamKind::string_view: return "std::string_view";
    case ParamKind::boolean: return "bool";
    default: return p.value_type;
  }
}

std::string from_query(const ParamDecl& p) {
  const std::string function = p.kind == ParamKind::list ? "query_list" : p.optional ? "query_optional" : "query_value";
  return "rd::" + function + "<" + query_type(p) + ">(request, " + cpp_string_literal(p.name) + ")";
}

std::string from_body(const ParamDecl& p) {
  return std::string(p.optional ? "rd::json_body_optional<" : "rd::json_body<") + p.value_type + ">(request)";
}

}  // namespace

AdapterCall adapter_call(const Route& route) {
  AdapterCall call;
  std::vector<std::string> args;
  for (std::size_t i = 0; i < route.arguments.size(); ++i) {
    const HandlerArgument& argument = route.arguments[i];
    const ParamDecl& p = route.params[i];  // one argument per parameter, in order
    switch (argument.source) {
      case HandlerArgument::Source::request:
        args.push_back("request");
        call.uses_request = true;
        break;
      case HandlerArgument::Source::app:
        args.push_back("app");
        call.uses_app = true;
        break;
      case HandlerArgument::Source::absent: args.push_back("std::nullopt"); break;
      case HandlerArgument::Source::default_value:
        args.push_back(literal_for_param(p, route.defaults[argument.index].value));
        break;
      case HandlerArgument::Source::url_variable:
        args.push_back(from_match(p, argument.index));
        call.uses_match = true;
        break;
      case HandlerArgument::Source::query:
      case HandlerArgument::Source::json_body: {
        const std::string local = "arg" + std::to_string(i);
        const std::string value = argument.source == HandlerArgument::Source::query ? from_query(p) : from_body(p);
        call.locals.push_back("auto " + local + " = " + value + ";  // " + p.name);
        args.push_back("std::move(" + local + ")");
        call.uses_request = true;
        break;
      }
    }
  }
  call.arguments = join(args, ", ");
  return call;
}

}  // namespace retortc

#include "check/check_bindings.hpp"

#include <algorithm>
#include <string>

#include "retort/match.hpp"

namespace retortc {

bool converter_fits(std::string_view converter, ParamKind kind) {
  if (converter == "int") return kind == ParamKind::integer;
  if (converter == "default" || converter == "string")
    return kind == ParamKind::string || kind == ParamKind::string_view;
  return false;
}

bool check_bindings(const RouteDecl& decl, const Rule& written, Route& route,
                    DiagnosticSink& sink) {
  const unsigned errors_before = sink.error_count();
  std::vector<const RulePart*> variables = written.variables();
  if (variables.size() > retort::kMaxPathArguments) {
    sink.report(make_diagnostic(DiagnosticKind::too_many_variables, decl.rule_loc(variables.back()->offset),
                                {std::to_string(retort::kMaxPathArguments)}));
    return false;
  }
  std::vector<bool> bound(variables.size(), false);

  for (const ParamDecl& param : decl.params) {
    if (param.kind == ParamKind::request) {
      route.arguments.push_back({HandlerArgument::Source::request, 0});
      continue;
    }
    auto found = std::find_if(variables.begin(), variables.end(),
                              [&](const RulePart* v) { return v->text == param.name; });
    if (found == variables.end()) {
      sink.report(make_diagnostic(DiagnosticKind::unsupplied_parameter, param.loc,
                                  {param.name, param.cpp_type},
                                  static_cast<unsigned>(param.name.size())));
      continue;
    }
    const RulePart& variable = **found;
    auto index = static_cast<std::size_t>(found - variables.begin());
    bound[index] = true;
    if (!converter_fits(variable.converter, param.kind)) {
      Diagnostic d = make_diagnostic(DiagnosticKind::incompatible_parameter, param.loc,
                                     {param.name, param.cpp_type, variable.converter},
                                     static_cast<unsigned>(param.name.size()));
      sink.report(std::move(d));
      continue;
    }
    route.arguments.push_back({HandlerArgument::Source::url_variable, index});
  }

  for (std::size_t i = 0; i < variables.size(); ++i) {
    const RulePart& variable = *variables[i];
    if (!bound[i]) {
      sink.report(make_diagnostic(DiagnosticKind::unbound_variable,
                                  decl.rule_loc(variable.name_offset), {variable.text},
                                  static_cast<unsigned>(variable.text.size())));
      continue;
    }
    auto param = std::find_if(decl.params.begin(), decl.params.end(),
                              [&](const ParamDecl& p) { return p.name == variable.text; });
    route.variables.push_back({variable.text, variable.converter, *param});
  }

  if (decl.return_kind == ReturnKind::unsupported) {
    sink.report(make_diagnostic(DiagnosticKind::unsupported_return, decl.loc,
                                {decl.function, decl.return_type},
                                static_cast<unsigned>(decl.function.size())));
  }
  return sink.error_count() == errors_before;
}

}  // namespace retortc

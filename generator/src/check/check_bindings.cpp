#include "check/check_bindings.hpp"

#include <algorithm>
#include <string>

#include "retort/match.hpp"

namespace retortc {

bool converter_fits(const Converter& converter, ParamKind kind) {
  switch (converter.kind) {
    case Converter::Kind::integer: return kind == ParamKind::integer;
    case Converter::Kind::floating: return kind == ParamKind::floating;
    case Converter::Kind::uuid: return kind == ParamKind::uuid;
    default: return kind == ParamKind::string || kind == ParamKind::string_view;
  }
}

bool default_fits(const ArgValue& value, ParamKind kind) {
  switch (value.type) {
    case ArgValue::Type::integer: return kind == ParamKind::integer || kind == ParamKind::floating;
    case ArgValue::Type::floating: return kind == ParamKind::floating;
    case ArgValue::Type::text: return kind == ParamKind::string || kind == ParamKind::string_view;
    default: return false;
  }
}

namespace {

std::string default_spelling(const ArgValue& value) {
  switch (value.type) {
    case ArgValue::Type::integer: return "integer";
    case ArgValue::Type::floating: return "float";
    default: return "text";
  }
}

}  // namespace

bool check_bindings(const RouteDecl& decl, const Rule& written, Route& route,
                    const std::set<std::string>& endpoint_names, DiagnosticSink& sink) {
  const unsigned errors_before = sink.error_count();
  std::vector<const RulePart*> variables = written.variables();
  if (variables.size() > retort::kMaxPathArguments) {
    sink.report(make_diagnostic(DiagnosticKind::too_many_variables, decl.rule_loc(variables.back()->offset),
                                {std::to_string(retort::kMaxPathArguments)}));
    return false;
  }
  std::vector<bool> variable_bound(variables.size(), false);
  std::vector<bool> default_bound(route.defaults.size(), false);
  std::vector<const ParamDecl*> variable_param(variables.size(), nullptr);
  route.arguments.clear();
  route.variables.clear();

  auto param_diag = [&](DiagnosticKind kind, const ParamDecl& param,
                        std::initializer_list<std::string_view> args) {
    sink.report(make_diagnostic(kind, param.loc, args, static_cast<unsigned>(param.name.size())));
  };

  // Parameters no rule variable binds: if one fits an unbound variable,
  // the user most likely misnamed it.
  std::vector<const ParamDecl*> unbound_candidates;
  const ParamDecl* json_body = nullptr;
  for (const ParamDecl& param : decl.params) {
    if (param.kind == ParamKind::request && !param.optional) {
      route.arguments.push_back({HandlerArgument::Source::request, 0});
      continue;
    }
    if (param.kind == ParamKind::app && !param.optional) {
      route.arguments.push_back({HandlerArgument::Source::app, 0});
      continue;
    }
    auto variable = std::find_if(variables.begin(), variables.end(),
                                 [&](const RulePart* v) { return v->text == param.name; });
    auto given = std::find_if(route.defaults.begin(), route.defaults.end(),
                              [&](const DefaultValue& d) { return d.name == param.name; });
    if (variable != variables.end()) {
      auto index = static_cast<std::size_t>(variable - variables.begin());
      variable_bound[index] = true;
      variable_param[index] = &param;
      if (!converter_fits((*variable)->conv, param.kind))
        param_diag(DiagnosticKind::incompatible_parameter, param, {param.name, param.cpp_type, (*variable)->converter});
    }
    if (given != route.defaults.end()) {
      auto index = static_cast<std::size_t>(given - route.defaults.begin());
      default_bound[index] = true;
      if (!default_fits(given->value, param.kind)) {
        const std::string spelling = default_spelling(given->value);
        param_diag(DiagnosticKind::incompatible_default, param, {param.name, param.cpp_type, spelling});
      }
      // Werkzeug merges defaults over the converted values: the default wins.
      route.arguments.push_back({HandlerArgument::Source::default_value, index});
      continue;
    }
    if (variable != variables.end()) {
      route.arguments.push_back(
          {HandlerArgument::Source::url_variable, static_cast<std::size_t>(variable - variables.begin())});
      continue;
    }
    if (param.optional && endpoint_names.count(param.name) != 0) {
      route.arguments.push_back({HandlerArgument::Source::absent, 0});
      continue;
    }
    if (param.kind == ParamKind::json_body) {
      if (json_body != nullptr) {
        Diagnostic d = make_diagnostic(DiagnosticKind::second_json_body, param.loc, {param.name},
                                       static_cast<unsigned>(param.name.size()));
        d.notes.push_back(make_diagnostic(DiagnosticKind::first_json_body, json_body->loc, {json_body->name},
                                          static_cast<unsigned>(json_body->name.size())));
        sink.report(std::move(d));
        continue;
      }
      json_body = &param;
      route.arguments.push_back({HandlerArgument::Source::json_body, 0});
      continue;
    }
    if (is_query_kind(param.kind) && !param.name.empty()) {
      route.arguments.push_back({HandlerArgument::Source::query, 0});
      if (param.kind != ParamKind::list && !param.optional) unbound_candidates.push_back(&param);
      continue;
    }
    if (param.cpp_type == "retort::App&") {
      param_diag(DiagnosticKind::mutable_app, param, {param.name});
      continue;
    }
    param_diag(DiagnosticKind::unsupplied_parameter, param, {param.name, param.cpp_type});
    unbound_candidates.push_back(&param);
  }

  for (std::size_t i = 0; i < variables.size(); ++i) {
    const RulePart& variable = *variables[i];
    if (!variable_bound[i]) {
      Diagnostic d = make_diagnostic(DiagnosticKind::unbound_variable, decl.rule_loc(variable.name_offset),
                                     {variable.text}, static_cast<unsigned>(variable.text.size()));
      // `<int:id>` with `int user_id` (which would be a query parameter):
      // the likely fix is a rename.
      if (unbound_candidates.size() == 1 && converter_fits(variable.conv, unbound_candidates[0]->kind)) {
        d.notes.push_back(make_diagnostic(DiagnosticKind::rename_parameter, unbound_candidates[0]->loc,
                                          {unbound_candidates[0]->name, variable.text},
                                          static_cast<unsigned>(unbound_candidates[0]->name.size())));
      }
      sink.report(std::move(d));
      continue;
    }
    route.variables.push_back({variable.text, variable.conv, *variable_param[i]});
  }
  for (std::size_t i = 0; i < route.defaults.size(); ++i) {
    if (!default_bound[i])
      sink.report(make_diagnostic(DiagnosticKind::unbound_default, decl.option_loc(route.defaults[i].name),
                                  {route.defaults[i].name},
                                  static_cast<unsigned>(route.defaults[i].name.size())));
  }

  if (decl.return_kind == ReturnKind::unsupported) {
    sink.report(make_diagnostic(DiagnosticKind::unsupported_return, decl.loc,
                                {decl.function, decl.return_type},
                                static_cast<unsigned>(decl.function.size())));
  }
  return sink.error_count() == errors_before;
}

}  // namespace retortc

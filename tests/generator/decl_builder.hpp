// decl_builder: RouteDecls written by hand, as the scan stage would produce
// them, so check and emit tests need no Clang.
#pragma once

#include <string>
#include <vector>

#include "model/route_decl.hpp"

namespace retortc::testing {

inline ParamDecl int_param(std::string name, std::string type = "int") {
  ParamDecl p;
  p.name = std::move(name);
  p.cpp_type = type;
  p.value_type = type;
  p.kind = ParamKind::integer;
  p.loc = {"views.cpp", 3, 30};
  return p;
}

inline ParamDecl string_view_param(std::string name) {
  ParamDecl p;
  p.name = std::move(name);
  p.cpp_type = p.value_type = "std::string_view";
  p.kind = ParamKind::string_view;
  p.loc = {"views.cpp", 3, 40};
  return p;
}

// A parameter of a type retort cannot supply (a pointer, say).
inline ParamDecl unsupported_param(std::string name, std::string type = "int *") {
  ParamDecl p;
  p.name = std::move(name);
  p.cpp_type = p.value_type = type;
  p.kind = ParamKind::unsupported;
  p.loc = {"views.cpp", 3, 50};
  return p;
}

inline ParamDecl json_body_param(std::string name, std::string type = "Item") {
  ParamDecl p;
  p.name = std::move(name);
  p.cpp_type = p.value_type = type;
  p.kind = ParamKind::json_body;
  p.loc = {"views.cpp", 3, 60};
  return p;
}

inline ParamDecl request_param() {
  ParamDecl p;
  p.name = "request";
  p.cpp_type = "const retort::Request &";
  p.value_type = "retort::Request";
  p.kind = ParamKind::request;
  p.loc = {"views.cpp", 3, 20};
  return p;
}

// A handler `function` annotated with `rule` at views.cpp:`line`. The rule
// literal starts at column 12, as in `RETORT_GET("...")`.
inline RouteDecl decl(std::string function, std::string rule, std::vector<ParamDecl> params = {},
                      unsigned line = 1, std::vector<std::string> methods = {"GET"}) {
  RouteDecl d;
  d.rule = std::move(rule);
  for (unsigned i = 0; i <= d.rule.size(); ++i) d.rule_byte_locs.push_back({"views.cpp", line, 13 + i});
  for (const std::string& m : methods) d.options += (d.options.empty() ? "" : ", ") + m;
  d.options_loc = {"views.cpp", line, 1};
  d.function = std::move(function);
  d.return_type = "std::string";
  d.return_kind = ReturnKind::string;
  d.params = std::move(params);
  d.loc = {"views.cpp", line + 1, 13};
  return d;
}

inline RouteDecl in_blueprint(RouteDecl d, std::string name, std::string prefix) {
  d.namespaces.push_back(name);
  d.blueprints.push_back({std::move(name), std::move(prefix), {"views.cpp", 1, 30}});
  return d;
}

}  // namespace retortc::testing

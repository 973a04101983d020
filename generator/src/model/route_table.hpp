// RouteTable: the checked, ordered routes of one target: what emit consumes.
//
// This is the seam between check and emit (and what routes.json holds), so
// emit can be tested from a manifest without running Clang.
#pragma once

#include <string>
#include <vector>

#include "model/converter.hpp"
#include "model/route_decl.hpp"
#include "model/rule.hpp"
#include "parse/route_options.hpp"
#include "model/source_loc.hpp"

namespace retortc {

// One argument of the generated call to the handler, in parameter order.
struct HandlerArgument {
  enum class Source {
    url_variable,   // the converted value of Route::variables[index]
    default_value,  // the constant Route::defaults[index] (Flask's defaults=)
    absent,         // std::nullopt: another rule of the endpoint binds it
    request,        // the request
    app,            // the app
    query,          // the query parameter named as the handler parameter
    json_body,      // the request's JSON body
  };
  Source source = Source::request;
  std::size_t index = 0;
};

struct RouteVariable {
  std::string name;
  Converter converter;
  ParamDecl param;  // the handler parameter it binds
};

struct Route {
  std::string endpoint;  // Flask's endpoint name: `admin.show_user`
  Rule rule;             // blueprint prefix already joined: `/admin/users/<int:id>`
  std::vector<std::string> methods;  // sorted; HEAD added where GET is, OPTIONS always
  bool automatic_options = true;     // OPTIONS is answered by retort, not the handler
  std::vector<DefaultValue> defaults;  // Flask's defaults=, in the order written
  bool strict_slashes = true;
  bool merge_slashes = true;
  std::string blueprint;             // `admin.sub`, or empty
  std::vector<std::string> namespaces;  // C++ namespaces of the handler
  std::string function;                 // unqualified handler name
  std::string return_type;
  ReturnKind return_kind = ReturnKind::unsupported;
  std::vector<ParamDecl> params;         // the handler's, in order
  std::vector<std::string> includes;     // what the generated table includes to name its types
  std::vector<RouteVariable> variables;  // rule variables, in rule order
  std::vector<HandlerArgument> arguments;  // how to call the handler
  SourceLoc loc;       // the handler's name
  SourceLoc rule_loc;  // the rule literal's first character
  std::string written_rule;  // the literal's text, before any blueprint prefix
};

// `admin::show_user`: the handler's C++ name (generated code adds `::`).
inline std::string qualified_handler(const Route& route) {
  std::string name;
  for (const std::string& ns : route.namespaces) name += ns + "::";
  return name + route.function;
}

struct RouteTable {
  std::string name;                  // output name: `<name>_routes.*`
  std::vector<std::string> sources;  // relative paths of the scanned files
  std::vector<Route> routes;         // in registration order (Flask's add_url_rule order)
};

}  // namespace retortc

// check_bindings: every rule variable and every default binds a handler
// parameter of a compatible type, and every other parameter is one the
// runtime can supply.
#pragma once

#include <set>
#include <string>

#include "check/diagnostic.hpp"
#include "model/route_decl.hpp"
#include "model/route_table.hpp"
#include "model/rule.hpp"

namespace retortc {

// Fills route.variables and route.arguments from `decl`'s parameters, the
// variables of `written` (the rule as written, whose offsets point into the
// literal) and route.defaults. `endpoint_names` holds every variable and
// default name of every rule of the same handler: a std::optional parameter
// named after one of them is absent (std::nullopt) from rules without it.
// Returns false after reporting errors.
bool check_bindings(const RouteDecl& decl, const Rule& written, Route& route,
                    const std::set<std::string>& endpoint_names, DiagnosticSink& sink);

// Whether a parameter of `kind` can receive a value of `converter`.
bool converter_fits(const Converter& converter, ParamKind kind);

// Whether a parameter of `kind` can receive the default `value`.
bool default_fits(const ArgValue& value, ParamKind kind);

}  // namespace retortc

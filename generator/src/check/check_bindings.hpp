// check_bindings: every rule variable binds a handler parameter of a
// compatible type, and every other parameter is one the runtime can supply.
#pragma once

#include "check/diagnostic.hpp"
#include "model/route_decl.hpp"
#include "model/route_table.hpp"
#include "model/rule.hpp"

namespace retortc {

// Fills route.variables and route.arguments from `decl`'s parameters and the
// variables of `written` (the rule as written, whose offsets point into the
// literal). Returns false after reporting errors.
bool check_bindings(const RouteDecl& decl, const Rule& written, Route& route, DiagnosticSink& sink);

// Whether a parameter of `kind` can receive a value of `converter`.
bool converter_fits(std::string_view converter, ParamKind kind);

}  // namespace retortc

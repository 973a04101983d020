// build_route_table: RouteDecl[] -> RouteTable, running every check.
//
// Parses each rule, joins blueprint prefixes (Flask's url_prefix rules),
// binds rule variables to handler parameters (check_bindings), then looks for
// clashes across the whole set (check_duplicates) and orders the result
// (order/rule_weight). Errors go to the sink; the returned table is only
// meaningful when the sink has none.
#pragma once

#include <span>
#include <string>

#include "check/diagnostic.hpp"
#include "model/route_decl.hpp"
#include "model/route_table.hpp"

namespace retortc {

RouteTable build_route_table(std::string name, std::vector<std::string> sources,
                             std::span<const RouteDecl> decls, DiagnosticSink& sink);

// Flask's joining of a blueprint url_prefix and a rule: `/admin` + `/users`
// and `/admin/` + `users` both give `/admin/users`.
std::string join_url_prefix(std::string_view prefix, std::string_view rule);

}  // namespace retortc

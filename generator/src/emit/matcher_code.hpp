// matcher_code: the C++ text of a table's matcher, from its state machine.
//
// One function per state of order/state_machine.hpp, written the way
// Werkzeug's StateMachineMatcher walks that state (static transitions, then
// dynamic ones in weight order, then leaf rules at a trailing slash), plus
// the per-rule conversions (to_python) and Werkzeug's default redirects.
// emit_context.cpp puts these into the routes.cpp template.
#pragma once

#include <kainjow/mustache.hpp>

#include "model/route_table.hpp"

namespace retortc {

// Sets `states`, `any_items`, `convert_cases`, `canonical_cases`,
// `canonical_builders` and the flags the template needs on `context`.
void add_matcher_code(const RouteTable& table, kainjow::mustache::data& context);

}  // namespace retortc

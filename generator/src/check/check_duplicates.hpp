// check_duplicates: one endpoint name per handler function, and no rule
// routed twice for the same method (Werkzeug 3.2's DuplicateRuleError:
// equal parts and overlapping methods, HEAD and OPTIONS aside).
#pragma once

#include <span>
#include <string>

#include "check/diagnostic.hpp"
#include "model/route_table.hpp"

namespace retortc {

void check_duplicates(std::span<const Route> routes, DiagnosticSink& sink);

// The URL shape of a rule: its compiled parts (order/match_parts.hpp), so
// rules that reach the same matcher state compare equal: `/a/<x>` and
// `/a/<string:y>`, or `/a/<int(max=5):x>` and `/a/<int:y>`.
std::string rule_shape(const Rule& rule);

}  // namespace retortc

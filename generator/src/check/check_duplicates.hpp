// check_duplicates: one endpoint name per handler function, and no rule
// routed twice for the same method.
#pragma once

#include <span>
#include <string>

#include "check/diagnostic.hpp"
#include "model/route_table.hpp"

namespace retortc {

void check_duplicates(std::span<const Route> routes, DiagnosticSink& sink);

// The URL shape of a rule: variable names erased and `string` spelled
// `default`, so `/a/<x>` and `/a/<string:y>` compare equal.
std::string rule_shape(const Rule& rule);

}  // namespace retortc

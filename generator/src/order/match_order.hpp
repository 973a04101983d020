// match_order: the rules in the order the matcher tries them.
//
// A depth-first walk of Werkzeug's state machine (state_machine.hpp): at
// each state the rules that end there, then the static transitions (in the
// order they were made), then the dynamic ones in weight order. For any
// request, the rule that answers is the first one in this order whose
// pattern matches the path and takes the method (slash redirects aside).
// Registration order is not that order: `/user/<name>` registered before
// `/user/me` still loses to it. The manifest records it for `./app routes
// --sort match`.
#pragma once

#include <cstddef>
#include <vector>

#include "order/state_machine.hpp"

namespace retortc {

// Indices into the routes the machine was built from; each exactly once.
std::vector<std::size_t> match_order(const StateMachine& machine);

}  // namespace retortc

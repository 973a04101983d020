// check_reachability: rules the matcher's order makes useless or arbitrary.
//
// Werkzeug's search (reference §3.3) is depth first: at each segment a
// static part before dynamic ones, dynamic parts by weight, equal weights in
// declaration order. So a rule B is never reached for a method when another
// rule A, tried before it where their paths part, matches every URL B
// matches and takes that method. Two cases are reported, at B's rule:
//
//   - error `ambiguous-rule`: A and B match exactly the same URLs and weigh
//     the same where they part (`<any(a,b):x>` and `<any(b,a):y>`); only
//     declaration order picks one, and moving a line would silently change
//     which handler runs.
//   - warning `unreachable-rule`: everything else where A always answers
//     first (`/<x>` declared before `/<uuid:id>`, `/new` before
//     `/<any(new):x>`): the order is Werkzeug's rules, but B is dead code.
//
// Inclusion is proven (order/part_inclusion.hpp), never guessed, so a
// warning is always true; some dead rules go unreported. Rules that end in
// the same state (equal parts) are check_duplicates' business.
#pragma once

#include <span>

#include "check/diagnostic.hpp"
#include "model/route_table.hpp"

namespace retortc {

// `routes` must be in registration order.
void check_reachability(std::span<const Route> routes, DiagnosticSink& sink);

}  // namespace retortc

// rule_weight: the order in which rules are tried, as Werkzeug tries them.
//
// Werkzeug's matcher (matcher.py, StateMachineMatcher) walks the path one
// segment at a time: an exact static segment first, then dynamic parts sorted
// by weight (int 50 < default/string 100 < path 200). For rules whose
// placeholders are whole segments, that search picks the same rule as a flat
// list sorted by the per-segment keys below, compared left to right. Ties
// (rules that can never match the same path) are broken by file:line so the
// table is the same on every machine.
#pragma once

#include <span>
#include <tuple>
#include <vector>

#include "model/route_table.hpp"

namespace retortc {

struct SegmentWeight {
  int kind;        // 0 static, 1 dynamic
  int converter;   // Werkzeug's converter weight; 0 for static
  auto operator<=>(const SegmentWeight&) const = default;
};

std::vector<SegmentWeight> rule_weight(const Rule& rule);

// Werkzeug's weight for a converter (converters.py `weight`).
int converter_weight(std::string_view converter);

// Sorts routes into match order.
void order_routes(std::vector<Route>& routes);

}  // namespace retortc

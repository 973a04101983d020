#include "order/rule_weight.hpp"

#include <algorithm>
#include <functional>
#include <tuple>

namespace retortc {

int converter_weight(std::string_view converter) {
  if (converter == "int" || converter == "float") return 50;
  if (converter == "path") return 200;
  return 100;
}

std::vector<SegmentWeight> rule_weight(const Rule& rule) {
  std::vector<SegmentWeight> weight;
  weight.reserve(rule.segments.size());
  for (const RuleSegment& segment : rule.segments) {
    if (segment.is_static()) {
      weight.push_back({0, 0});
    } else {
      weight.push_back({1, converter_weight(segment.parts.front().converter)});
    }
  }
  return weight;
}

void order_routes(std::vector<Route>& routes) {
  auto key = [](const Route& r) {
    return std::make_tuple(rule_weight(r.rule), std::cref(r.loc.file), r.loc.line, r.loc.column);
  };
  std::stable_sort(routes.begin(), routes.end(),
                   [&](const Route& a, const Route& b) { return key(a) < key(b); });
}

}  // namespace retortc

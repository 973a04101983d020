#include "order/match_order.hpp"

namespace retortc {

std::vector<std::size_t> match_order(const StateMachine& machine) {
  std::vector<std::size_t> order;
  // An explicit stack rather than recursion: the depth is the longest rule's
  // segment count, which nothing bounds.
  std::vector<std::size_t> pending = {0};
  while (!pending.empty()) {
    const MatchState& state = machine.states[pending.back()];
    pending.pop_back();
    order.insert(order.end(), state.rules.begin(), state.rules.end());
    // Pushed in reverse so that they are visited in order.
    for (auto it = state.dynamic.rbegin(); it != state.dynamic.rend(); ++it) pending.push_back(it->second);
    for (auto it = state.statics.rbegin(); it != state.statics.rend(); ++it) pending.push_back(it->second);
  }
  return order;
}

}  // namespace retortc

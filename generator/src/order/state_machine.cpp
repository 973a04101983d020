#include "order/state_machine.hpp"

#include <algorithm>

namespace retortc {

StateMachine build_state_machine(std::span<const Route> routes) {
  StateMachine machine;
  machine.states.emplace_back();
  machine.states[0].path = "(root)";
  for (std::size_t r = 0; r < routes.size(); ++r) {
    machine.parts.push_back(compile_parts(routes[r].rule));
    std::size_t state = 0;
    bool first = true;
    for (const MatchPart& part : machine.parts.back()) {
      // `/users/<int:id>`: the root's first segment follows the path's `/`.
      std::string path = (first ? std::string() : machine.states[state].path) + "/" +
                         (part.is_static ? part.text : part.spelling);
      first = false;
      std::size_t next = machine.states.size();
      if (part.is_static) {
        auto& statics = machine.states[state].statics;
        auto it = std::find_if(statics.begin(), statics.end(), [&](const auto& s) { return s.first == part.text; });
        if (it != statics.end()) {
          state = it->second;
          continue;
        }
        statics.emplace_back(part.text, next);
      } else {
        auto& dynamic = machine.states[state].dynamic;
        auto it = std::find_if(dynamic.begin(), dynamic.end(),
                               [&](const auto& d) { return d.first.same_transition(part); });
        if (it != dynamic.end()) {
          state = it->second;
          continue;
        }
        dynamic.emplace_back(part, next);
      }
      machine.states.emplace_back();
      machine.states.back().path = std::move(path);
      state = next;
    }
    machine.states[state].rules.push_back(r);
  }
  for (MatchState& state : machine.states) {
    std::stable_sort(state.dynamic.begin(), state.dynamic.end(),
                     [](const auto& a, const auto& b) { return a.first.weight < b.first.weight; });
  }
  return machine;
}

}  // namespace retortc

// state_machine: the trie Werkzeug's StateMachineMatcher searches.
//
// Every rule's parts (match_parts.hpp) are inserted from one root: a static
// part follows (or creates) the child for its text, a dynamic part the child
// of an equal transition (same regex, final and suffixed flags, weight), and
// the rule is recorded in the state its last part reaches. Each state's
// dynamic transitions are then stably sorted by weight, so ties keep the
// order the rules were registered in. The generated matcher is this trie
// written out as one function per state (emit/matcher_code.hpp).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "model/route_table.hpp"
#include "order/match_parts.hpp"

namespace retortc {

struct MatchState {
  std::vector<std::pair<std::string, std::size_t>> statics;  // segment text -> state
  std::vector<std::pair<MatchPart, std::size_t>> dynamic;    // in the order they are tried
  std::vector<std::size_t> rules;  // routes ending here, in registration order
  std::string path;                // how the state is reached, for comments: `/users/<int:id>`
};

struct StateMachine {
  std::vector<MatchState> states;  // states[0] is the root (after the path's first `/`)
  std::vector<std::vector<MatchPart>> parts;  // per route, as compiled
};

// `routes` must be in registration order.
StateMachine build_state_machine(std::span<const Route> routes);

}  // namespace retortc

// part_inclusion: does one match part accept every segment another accepts?
//
// The reachability check (check/check_reachability.hpp) asks this of two
// rules' parts to prove that one rule always answers before another. The
// answer is a sufficient condition, never a guess: `true` means every text
// `inner` matches is matched by `outer` as well; `false` means "not proven".
// It compares the parts piece by piece (literal text and converters, which
// are regular languages simple enough to compare exactly) and, for a plain
// string placeholder, by length alone. Converter arguments that only
// validate after the regex matched (`int(min=1)`) do not matter: in Werkzeug
// a value the converter refuses ends the search (reference §3.4), so the
// regex alone decides which rule is reached.
#pragma once

#include "order/match_parts.hpp"

namespace retortc {

// True when every subject (segment, or rest of the path for a final part)
// that `inner` matches is also matched by `outer`. Parts must agree on their
// final and suffixed flags; the caller checks that.
bool part_includes(const MatchPart& outer, const MatchPart& inner);

}  // namespace retortc

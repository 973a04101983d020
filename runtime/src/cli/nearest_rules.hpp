// nearest_rules: the rules a path that matched nothing was probably meant
// for, for `routes match` on a 404.
//
// Each rule is scored against the path, segment by segment. A rule segment
// *accepts* a path segment that has its shape: its literal text in place,
// each variable at least one character of the kind its converter takes
// (digits for int, digits and `.` for float, hex digits for uuid, anything
// for the others; converter arguments such as min or length are ignored),
// and a `path` variable takes all the remaining segments.
//   1. The accepted prefix: how many leading segments the rule accepts;
//      more is nearer.
//   2. Then the edit distance (Levenshtein, on bytes) between the path and
//      the rule with each accepted segment replaced by the path's own, so
//      only what the rule refuses counts; less is nearer. Texts are
//      compared on their first 256 bytes.
//   3. Then the order given (registration order).
// So `/admin/member/ada` is nearest `/admin/members/<name>` (prefix 1,
// distance 1), `/usr/7` nearest `/user/<int:id>` (prefix 0, distance 1),
// and `/limited/10` nearest `/limited/<int(max=9):n>` (prefix 2, distance 0:
// its converter refused the value).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace retort::cli {

// Up to `count` indices into `rules`, nearest `path` first. `path` is the
// decoded request path.
std::vector<std::size_t> nearest_rules(std::string_view path, std::span<const std::string_view> rules,
                                       std::size_t count);

}  // namespace retort::cli

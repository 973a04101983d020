// nearest_rules: the rules a path that matched nothing was probably meant
// for, for `routes match` on a 404.
//
// Each rule is scored against the path, segment by segment:
//   1. the matching prefix: how many leading segments the rule accepts (a
//      static segment must be equal, a segment with a variable accepts any
//      non-empty segment, and a `path` variable all the rest); more is nearer;
//   2. then the edit distance (Levenshtein, on bytes) between the path and
//      the rule with each variable segment replaced by the path's segment
//      at its place, so only the rule's static text can differ; less is
//      nearer. Long paths are compared on their first 256 bytes;
//   3. then the order given (registration order).
// So `/admin/member/ada` is nearest `/admin/members/<name>` (prefix 1,
// distance 1), and `/usr/7` nearest `/user/<int:id>` (prefix 0, distance 1).
// The scoring reads rule text only: converters are not run (`/user/x` is
// as near `/user/<int:id>` as `/user/7`).
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

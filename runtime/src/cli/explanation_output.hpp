// How `routes match` prints an Explanation: text for a person (`routes
// match METHOD PATH`), one JSON object per request for a program (`routes
// match -`, or `--json`).
//
// The JSON object always has "method", "path" (as given) and "status", then
// by outcome:
//   200  "endpoint", "rule", "source" (the handler's file:line), "arguments"
//        (typed: int -> integer, float -> number, uuid and strings -> string;
//        the rule's defaults too); automatic OPTIONS: "automatic_options",
//        "allowed"; a static file: "file"
//   308  "location" (path and query), "reason" (add_slash, merge_slashes,
//        merge_and_add_slash, canonical), "endpoint" and "rule" answering at
//        the location; canonical: "matched" {"endpoint", "rule", "arguments"}
//   405  "allowed" (the Allow header's methods), "rules" taking the path
//   404  "nearest" [{"endpoint", "rule"}], or for the static route
//        "endpoint", "rule", "arguments", "file" and "problem"
//   400, 414  "problem"
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "cli/route_details.hpp"
#include "cli/route_explainer.hpp"

namespace retort::cli {

nlohmann::ordered_json explanation_json(const Explanation& explanation, const ManifestDetails& details);

// Several lines, each ending in '\n'.
std::string explanation_text(const Explanation& explanation, const ManifestDetails& details);

// A Match::Redirect as the JSON names it: `add_slash`, …
std::string_view redirect_reason_name(Match::Redirect reason);

}  // namespace retort::cli

// parse_rule: rule text -> Rule, reporting syntax errors with byte positions.
//
// Follows Werkzeug's rule grammar (rules.py `_parse_rule`): slashes split
// segments, `<converter(args):name>` placeholders anywhere in a segment, and
// runs of slashes merge unless the rule says merge_slashes(false).
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string_view>

#include "check/diagnostic.hpp"
#include "model/rule.hpp"
#include "model/source_loc.hpp"

namespace retortc {

// Maps a byte offset inside the rule text to where the user wrote it.
using RuleLocator = std::function<SourceLoc(std::size_t byte)>;

// Returns the parsed rule, or nullopt after reporting every error to `sink`.
std::optional<Rule> parse_rule(std::string_view text, const RuleLocator& locate,
                               DiagnosticSink& sink, bool merge_slashes = true);

// Every converter name Werkzeug 3.1 defines (its DEFAULT_CONVERTERS).
std::span<const std::string_view> known_converters();

// The known name closest to `name`, for "did you mean" notes; empty if none
// is close enough to be a likely typo.
std::string_view closest_name(std::string_view name, std::span<const std::string_view> candidates);

}  // namespace retortc

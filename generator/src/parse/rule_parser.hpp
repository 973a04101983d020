// parse_rule: rule text -> Rule, reporting syntax errors with byte positions.
//
// Follows Werkzeug's rule grammar (rules.py `_parse_rule`): slashes split
// segments, runs of slashes merge, `<converter(args):name>` placeholders.
// The converters retort knows are listed in known_converters().
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
                               DiagnosticSink& sink);

// Every converter name Werkzeug defines; supported_converter() says which of
// them retort implements today.
std::span<const std::string_view> known_converters();
bool supported_converter(std::string_view name);

// The known name closest to `name`, for "did you mean" notes; empty if none
// is close enough to be a likely typo.
std::string_view closest_name(std::string_view name, std::span<const std::string_view> candidates);

}  // namespace retortc

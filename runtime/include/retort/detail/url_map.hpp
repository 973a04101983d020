// UrlMap: what retortc writes for URL building, and the one function that
// builds from it (Werkzeug's MapAdapter.build plus Flask's url_for).
//
// Generated code holds each endpoint's rules as constant data in Werkzeug's
// build order; the typed url_for functions and App::url_for both call
// build_url, so the two forms cannot disagree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "retort/method.hpp"
#include "retort/url.hpp"

namespace retort::detail {

// How a variable's value is written (the converter's to_url).
struct UrlConverter {
  enum class Kind : std::uint8_t { text, integer, floating, uuid, any };
  Kind kind = Kind::text;
  std::uint32_t fixed_digits = 0;  // integer: zero-filled width
  std::span<const std::string_view> items;  // any: the allowed values
};

// One piece of a rule: static text (already percent-encoded by retortc), or
// the endpoint variable `variable` written by `converter`.
struct UrlStep {
  static constexpr std::uint8_t kText = 0xFF;
  std::string_view text;
  std::uint8_t variable = kText;
  UrlConverter converter;
};

// A rule's default: Flask's `defaults={"page": 1}`.
struct UrlDefault {
  std::uint8_t variable;
  UrlValue value;
};

struct UrlRule {
  MethodSet methods;
  std::uint64_t arguments;  // a bit per endpoint variable: the rule's variables and defaults
  std::span<const UrlDefault> defaults;
  std::span<const UrlStep> steps;
};

struct UrlEndpoint {
  std::string_view name;                         // `admin.user`
  std::span<const std::string_view> variables;   // every rule argument, in url_for's order
  std::span<const UrlRule> rules;                // Werkzeug's build order
};

// A rule as Werkzeug's Map lists it (endpoints in registration order, each
// one's rules in build order), for the BuildError's suggestion.
struct UrlRuleRef {
  std::uint16_t endpoint;
  std::uint16_t rule;
};

struct UrlMap {
  std::span<const UrlEndpoint> endpoints;      // sorted by name
  std::span<const UrlRuleRef> registration;    // every rule, in Map._rules order
};

// Builds the URL of endpoint `endpoint` of `map` from `values` followed by
// `options.query` (one list, in that order, as Flask's **values): each rule
// argument takes the first present value of its name, the rest become the
// query. Throws BuildError when no rule fits, std::invalid_argument when a
// converter refuses a value (Werkzeug's ValueError). Allocates the result
// string only.
std::string build_url(const UrlMap& map, std::size_t endpoint, std::span<const UrlArg> values,
                      const UrlOptions& options);

// The endpoint named `name`, or map.endpoints.size().
std::size_t find_endpoint(const UrlMap& map, std::string_view name) noexcept;

// BuildError for an endpoint that does not exist (Werkzeug's message, with
// its "Did you mean" suggestion).
[[noreturn]] void throw_unknown_endpoint(const UrlMap& map, std::string_view name,
                                         std::span<const UrlArg> values, const UrlOptions& options);

}  // namespace retort::detail

// Route options: the text after the rule in RETORT_ROUTE(rule, …).
//
//   RETORT_ROUTE("/users/", GET, POST, defaults(page = 1), strict_slashes(false))
//
// The macro stringifies everything after the rule, so this parser sees
// `GET, POST, defaults(page = 1), strict_slashes(false)`: HTTP methods, and
// Flask's rule options `defaults(name = literal, …)`, `strict_slashes(bool)`
// and `merge_slashes(bool)`. Literals are C++ ones: 1, -2, 1.5, "text".
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/diagnostic.hpp"
#include "model/source_loc.hpp"
#include "parse/converter_args.hpp"

namespace retortc {

struct DefaultValue {
  std::string name;
  ArgValue value;  // integer, floating or text
};

struct RouteOptions {
  std::vector<std::string> methods;  // as written; empty = GET
  std::vector<DefaultValue> defaults;
  bool strict_slashes = true;
  bool merge_slashes = true;
};

// Where an item of the text was written (RouteDecl::option_loc).
using OptionLocator = std::function<SourceLoc(std::string_view item)>;

// Returns nullopt after reporting errors, each at the item it is about.
std::optional<RouteOptions> parse_route_options(std::string_view text, const OptionLocator& locate,
                                                DiagnosticSink& sink);

}  // namespace retortc

// RouteDetails: what the route manifest (App::route_manifest()) says about
// each route beyond App::routes(): where it was written, its variables'
// converters, its defaults, and the order the matcher tries the routes.
//
// `routes` and `routes match` read it; everything they print about a route
// that the runtime's table does not carry comes from here. An app whose
// manifest is missing or does not describe its table (a table made by hand)
// gets empty details, and the commands fall back to what the table has.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace retort::cli {

struct RouteVariable {
  std::string name;
  std::string converter;  // `int`, `default`, `path`, …
  std::string value;      // what the converter gives: `integer`, `float`, `uuid` or `text`
};

struct SourcePlace {
  std::string file;  // relative to the source root, as retortc saw it
  unsigned line = 0;
  unsigned column = 0;
};

struct RouteDetails {
  SourcePlace rule_source;     // the rule literal
  SourcePlace handler_source;  // the handler's name
  std::string handler;         // `admin::dashboard`
  std::vector<RouteVariable> variables;  // in rule order, as Match::args
  nlohmann::json defaults = nlohmann::json::object();  // name -> integer, number or string
};

struct ManifestDetails {
  std::vector<RouteDetails> routes;      // as App::routes(), or empty
  std::vector<std::size_t> match_order;  // indices into App::routes(), or empty
  // Werkzeug's Map.iter_rules() order, which `flask routes` lists and sorts
  // stably: endpoints in the order first registered, each one's rules in
  // build order (the manifest's build_order). Indices, or empty.
  std::vector<std::size_t> url_map_order;
  nlohmann::json manifest;               // the whole manifest, or null
};

// Flask's rule for the static route at `url_path`: `/static/<path:filename>`.
inline std::string static_rule(std::string_view url_path) { return std::string(url_path) + "/<path:filename>"; }

// Reads `manifest` for a table of `route_count` routes. Anything that is not
// a manifest of that table gives empty details (never throws).
ManifestDetails read_manifest(std::string_view manifest, std::size_t route_count);

}  // namespace retort::cli

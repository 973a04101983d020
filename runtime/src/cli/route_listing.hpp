// The `routes` listing: the table `flask routes` prints, for a retort app.
//
// Flask 3.1's routes_command, byte for byte: the columns Endpoint, Methods
// and Rule, each as wide as its longest cell (counted in code points, as
// Python's len), a row of dashes, cells left-aligned and padded, two spaces
// between columns (the last column is padded too: Flask 3.1 no longer
// strips the lines). Rows are sorted with a stable sort on one column, from
// Flask's order (Werkzeug's Map.iter_rules()): its `static` route first,
// then by endpoint in the order each was first registered, an endpoint's
// rules in build order.
#pragma once

#include <string>
#include <string_view>

#include "cli/route_details.hpp"
#include "retort/app.hpp"

namespace retort::cli {

enum class RouteSort {
  endpoint,
  methods,
  rule,
  // The order the matcher tries the rules (the manifest's match_order; the
  // static route last, as retort tries static files only when no route
  // matched); Flask's own order, as `flask routes --sort match` prints,
  // when the manifest does not say.
  match,
};

struct ListingOptions {
  RouteSort sort = RouteSort::endpoint;
  bool all_methods = false;  // HEAD and OPTIONS are hidden without it
};

// The whole table, each line ending in '\n'; Flask's "No routes were
// registered." when there are no routes and no static route.
std::string route_listing(const App& app, const ManifestDetails& details, const ListingOptions& options);

}  // namespace retort::cli

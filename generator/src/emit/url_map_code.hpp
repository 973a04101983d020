// url_map_code: the C++ text of URL building: each endpoint's rules as
// constant data in Werkzeug's build order (rd::UrlMap, which
// rd::build_url reads), and one typed url_for function per endpoint that
// passes its arguments to it. emit_context.cpp puts these into the
// templates.
#pragma once

#include <kainjow/mustache.hpp>

#include "model/route_table.hpp"

namespace retortc {

// Sets `url_map` (lines of the data tables) and `url_for_groups` (the
// functions, grouped by namespace) on `context`.
void add_url_map_code(const RouteTable& table, kainjow::mustache::data& context);

}  // namespace retortc

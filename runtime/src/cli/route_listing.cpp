#include "cli/route_listing.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <vector>

#include "cli/method_names.hpp"
#include "retort/generated_support.hpp"

namespace retort::cli {
namespace {

using Row = std::array<std::string, 3>;  // endpoint, methods, rule

// Python's len() of UTF-8 text: code points, not bytes.
std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// `", ".join(sorted(methods - ignored))`
std::string method_list(MethodSet methods, bool all_methods) {
  std::string out;
  for (const std::string& name : method_names(methods))
    if (all_methods || (name != "HEAD" && name != "OPTIONS")) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Python's `"{0:<w}".format(text)`: padded with spaces to `width` code points.
void append_padded(std::string& out, std::string_view text, std::size_t width) {
  out += text;
  out.append(width - std::min(width, code_points(text)), ' ');
}

// Without a manifest: endpoints as first registered, each one's rules in
// registration order (build order is in the manifest only).
std::vector<std::size_t> by_endpoint(std::span<const detail::RouteEntry> routes) {
  std::vector<std::size_t> order;
  std::vector<bool> listed(routes.size(), false);
  for (std::size_t i = 0; i < routes.size(); ++i) {
    if (listed[i]) continue;
    for (std::size_t j = i; j < routes.size(); ++j) {
      if (listed[j] || routes[j].endpoint != routes[i].endpoint) continue;
      order.push_back(j);
      listed[j] = true;
    }
  }
  return order;
}

}  // namespace

std::string route_listing(const App& app, const ManifestDetails& details, const ListingOptions& options) {
  const std::span<const detail::RouteEntry> routes = app.routes();
  const std::optional<App::StaticRoute> static_route = app.static_route();
  if (routes.empty() && !static_route) return "No routes were registered.\n";

  std::vector<Row> rows;
  auto row_of = [&](std::size_t i) {
    return Row{std::string(routes[i].endpoint), method_list(routes[i].methods, options.all_methods),
               std::string(routes[i].rule)};
  };
  const Row static_row = static_route ? Row{"static", method_list({Method::get, Method::head, Method::options},
                                                                  options.all_methods),
                                            static_rule(static_route->url_path)}
                                      : Row{};
  if (options.sort == RouteSort::match && details.match_order.size() != routes.size())
    // Another order under the name "match" would mislead: say so instead.
    throw std::runtime_error("the app's route manifest does not give the match order; rebuild it with this retortc");
  if (options.sort == RouteSort::match) {
    for (std::size_t i : details.match_order) rows.push_back(row_of(i));
    if (static_route) rows.push_back(static_row);
  } else {
    // Flask's url_map order, which ties of the stable sort below keep: the
    // static rule first (Flask adds it when the app is made), then by
    // endpoint as first registered, each endpoint's rules in build order.
    if (static_route) rows.push_back(static_row);
    for (std::size_t i : details.url_map_order.empty() ? by_endpoint(routes) : details.url_map_order)
      rows.push_back(row_of(i));
    if (options.sort != RouteSort::match) {
      const std::size_t column = options.sort == RouteSort::endpoint ? 0 : options.sort == RouteSort::methods ? 1 : 2;
      // Python compares str by code point; UTF-8 bytes compare in the same
      // order, and std::string compares bytes as unsigned char.
      std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) { return a[column] < b[column]; });
    }
  }

  rows.insert(rows.begin(), Row{"Endpoint", "Methods", "Rule"});
  std::array<std::size_t, 3> widths{};
  for (const Row& row : rows)
    for (std::size_t c = 0; c < 3; ++c) widths[c] = std::max(widths[c], code_points(row[c]));
  rows.insert(rows.begin() + 1, Row{std::string(widths[0], '-'), std::string(widths[1], '-'), std::string(widths[2], '-')});

  std::string out;
  for (const Row& row : rows) {
    for (std::size_t c = 0; c < 3; ++c) {
      if (c > 0) out += "  ";
      append_padded(out, row[c], widths[c]);
    }
    out += '\n';
  }
  return out;
}

}  // namespace retort::cli

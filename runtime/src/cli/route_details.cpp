#include "cli/route_details.hpp"

#include <algorithm>

namespace retort::cli {
namespace {

using nlohmann::json;

SourcePlace place_of(const json& j) {
  return {j.at("file").get<std::string>(), j.at("line").get<unsigned>(), j.at("column").get<unsigned>()};
}

RouteDetails details_of(const json& route) {
  RouteDetails details;
  details.rule_source = place_of(route.at("rule_source"));
  details.handler_source = place_of(route.at("source"));
  const json& handler = route.at("handler");
  for (const json& ns : handler.at("namespaces")) details.handler += ns.get<std::string>() + "::";
  details.handler += handler.at("function").get<std::string>();
  for (const json& v : route.at("variables"))
    details.variables.push_back(
        {v.at("name").get<std::string>(), v.at("converter").get<std::string>(), v.at("value").get<std::string>()});
  details.defaults = route.value("defaults", json::object());
  return details;
}

// A permutation of 0..count-1, or empty.
std::vector<std::size_t> order_of(const json& manifest, std::size_t count) {
  if (!manifest.contains("match_order")) return {};
  std::vector<std::size_t> order = manifest.at("match_order").get<std::vector<std::size_t>>();
  std::vector<bool> seen(count, false);
  for (std::size_t index : order) {
    if (index >= count || seen[index]) return {};
    seen[index] = true;
  }
  return order.size() == count ? order : std::vector<std::size_t>();
}

}  // namespace

ManifestDetails read_manifest(std::string_view manifest, std::size_t route_count) {
  ManifestDetails details;
  if (manifest.empty()) return details;
  try {
    json parsed = json::parse(manifest);
    const json& routes = parsed.at("routes");
    if (!routes.is_array() || routes.size() != route_count) return details;
    for (const json& route : routes) details.routes.push_back(details_of(route));
    details.match_order = order_of(parsed, route_count);
    details.manifest = std::move(parsed);
  } catch (const json::exception&) {
    return ManifestDetails();
  }
  return details;
}

}  // namespace retort::cli

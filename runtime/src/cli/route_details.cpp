#include "cli/route_details.hpp"

#include <map>
#include <set>

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

// `order` if it is a permutation of 0..count-1, else empty.
std::vector<std::size_t> permutation(std::vector<std::size_t> order, std::size_t count) {
  std::vector<bool> seen(count, false);
  for (std::size_t index : order) {
    if (index >= count || seen[index]) return {};
    seen[index] = true;
  }
  return order.size() == count ? order : std::vector<std::size_t>();
}

// Empty when the manifest does not have the endpoints' build orders.
std::vector<std::size_t> url_map_order_of(const json& manifest) try {
  std::map<std::string, std::vector<std::size_t>, std::less<>> build_orders;
  for (const json& endpoint : manifest.value("endpoints", json::array()))
    build_orders[endpoint.at("endpoint").get<std::string>()] = endpoint.at("build_order").get<std::vector<std::size_t>>();
  std::vector<std::size_t> order;
  std::set<std::string, std::less<>> listed;
  for (const json& route : manifest.at("routes")) {
    const std::string endpoint = route.at("endpoint").get<std::string>();
    if (!listed.insert(endpoint).second) continue;
    const auto found = build_orders.find(endpoint);
    if (found == build_orders.end()) return {};
    order.insert(order.end(), found->second.begin(), found->second.end());
  }
  return order;
} catch (const json::exception&) {
  return {};
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
    if (parsed.contains("match_order"))
      details.match_order = permutation(parsed.at("match_order").get<std::vector<std::size_t>>(), route_count);
    details.url_map_order = permutation(url_map_order_of(parsed), route_count);
    details.manifest = std::move(parsed);
  } catch (const json::exception&) {
    return ManifestDetails();
  }
  return details;
}

}  // namespace retort::cli

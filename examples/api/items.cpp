// The JSON API: a blueprint at /api whose handlers take typed query
// parameters and JSON bodies, and return JSON.
#include "items.hpp"

#include <algorithm>
#include <memory>
#include <tuple>

#include <retort/app.hpp>
#include <retort/make_response.hpp>
#include <retort/route.hpp>

#include "api_routes.hpp"

namespace items {

std::vector<Item> ItemStore::list(const std::vector<std::string>& tags, int page, int page_size) const {
  std::lock_guard lock(mutex_);
  std::vector<Item> matching;
  // Not `[id, item]`: Clang before 16 cannot capture a structured binding.
  for (const auto& entry : items_) {
    const Item& item = entry.second;
    const bool tagged = std::all_of(tags.begin(), tags.end(), [&](const std::string& tag) {
      return std::find(item.tags.begin(), item.tags.end(), tag) != item.tags.end();
    });
    if (tagged) matching.push_back(item);
  }
  const auto first = std::min(matching.size(), static_cast<std::size_t>((page - 1) * page_size));
  const auto last = std::min(matching.size(), first + static_cast<std::size_t>(page_size));
  return {matching.begin() + static_cast<std::ptrdiff_t>(first), matching.begin() + static_cast<std::ptrdiff_t>(last)};
}

}  // namespace items

namespace {

items::ItemStore& store_of(const retort::App& app) {
  return *app.extensions().get<std::shared_ptr<items::ItemStore>>("items");
}

}  // namespace

namespace RETORT_BLUEPRINT("/api") api {

// GET /api/items?page=2&tag=red&tag=new
RETORT_GET("/items")
nlohmann::json list_items(const retort::App& app, std::optional<int> page, std::vector<std::string> tag) {
  if (page && *page < 1) retort::abort(400, "page starts at 1");
  const int page_size = app.config().get<int>("PAGE_SIZE");
  std::vector<items::Item> found = store_of(app).list(tag, page.value_or(1), page_size);
  return {{"items", found}, {"page", page.value_or(1)}};
}

RETORT_GET("/items/<int:id>")
items::Item get_item(const retort::App& app, int id) { return store_of(app).get(id); }

// The body is a NewItem: 415 unless it is JSON, 400 unless it has that shape.
RETORT_POST("/items")
std::tuple<items::Item, int, retort::Headers> create_item(const retort::App& app, items::NewItem item) {
  if (item.name.empty()) retort::abort(422, "an item needs a name");
  items::Item created = store_of(app).add(item);
  return {created, 201, retort::Headers{{"Location", url_for::api::get_item(created.id)}}};
}

RETORT_DELETE("/items/<int:id>")
std::tuple<std::string, int> delete_item(const retort::App& app, int id) {
  store_of(app).remove(id);
  return {"", 204};
}

// GET /api/convert?amount=12.5&rate=1.1: required typed parameters.
RETORT_GET("/convert")
nlohmann::json convert(double amount, double rate) { return {{"result", amount * rate}}; }

}  // namespace api

// Parameters that are neither rule variables nor defaults are supplied from
// the request: query parameters by name (scalars, optionals, vectors), the
// JSON body (nlohmann::json or any other class type), the app. Valid: no
// diagnostics, outputs written.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <retort/app.hpp>
#include <retort/request.hpp>
#include <retort/route.hpp>
#include <retort/uuid.hpp>

struct Item {
  std::string name;
};

RETORT_GET("/search/<kind>")
nlohmann::json search(std::string_view kind, int page, std::optional<double> min_price, bool verbose,
                      std::vector<std::string> tag, std::optional<retort::Uuid> owner, const retort::App& app);

RETORT_POST("/items")
std::tuple<Item, int> create(const retort::Request& request, Item item);

RETORT_PUT("/items/<int:id>")
Item replace(int id, std::optional<nlohmann::json> patch);

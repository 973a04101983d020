// Golden case: every kind of route retortc supports.
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>
#include <retort/app.hpp>
#include <retort/request.hpp>
#include <retort/response.hpp>
#include <retort/route.hpp>
#include <retort/uuid.hpp>

#include "filter.hpp"

RETORT_GET("/")
std::string index_page();

RETORT_ROUTE("/post/<slug>/", GET, POST)
retort::Response post(const retort::Request& request, std::string_view slug);

RETORT_GET("/user/<int:id>")
nlohmann::json user(int id);

RETORT_GET("/user/<name>")
std::string user_by_name(const std::string& name);

RETORT_GET("/pages/a\"quote")
RETORT_GET("/pages/caf\xC3\xA9")
std::string pages();

namespace site {  // a plain namespace: qualifies the handler, not the endpoint
RETORT_DELETE("/cache/<int:key>")
std::string clear_cache(unsigned long long key);
}  // namespace site

namespace RETORT_BLUEPRINT("/admin") admin {
RETORT_GET("/")
std::string dashboard();

namespace RETORT_BLUEPRINT("/users") users {
RETORT_PUT("/<int:id>")
std::string update(const retort::Request& request, long id);
}  // namespace users
}  // namespace admin

// Converters with arguments, mixed segments, a path that takes the rest,
// and rule options.
RETORT_GET("/files/<path:p>/edit")
std::string edit_file(std::string_view p);

RETORT_GET("/v<int(fixed_digits=2):major>.<any(json, xml):format>")
std::string versioned(int major, std::string_view format);

RETORT_GET("/users/", defaults(page = 1))
RETORT_GET("/users/page/<int(min=1):page>")
std::string users(int page);

RETORT_GET("/item/<uuid:id>", strict_slashes(false))
std::string item(const retort::Uuid& id);

RETORT_GET("/price/<float(max=100.0):amount>")
std::string price(double amount);

// Parameters from the request: query parameters by name (required,
// optional, repeated), the JSON body as a type, the app; a tuple return.
RETORT_POST("/search")
std::tuple<std::string, int> search(const retort::App& app, int page, std::optional<std::string> sort,
                                    std::vector<long> id, Filter filter);

// routes_app's routes: every kind of rule `routes` and `routes match` must
// get right, for tests/cli/routes_vs_flask.py (which builds the same rules
// in Flask and compares). The handlers are never called there.
#include <optional>
#include <string>
#include <string_view>

#include <retort/request.hpp>
#include <retort/response.hpp>
#include <retort/route.hpp>
#include <retort/uuid.hpp>

#include "routes_app_routes.hpp"

RETORT_GET("/")
std::string index_page() { return "index"; }

// Registered before the rules that win over it: `--sort match` differs.
RETORT_GET("/user/<name>")
std::string user_by_name(std::string_view name) { return std::string(name); }

RETORT_GET("/user/<int:id>")
std::string user_by_id(int id) { return std::to_string(id); }

RETORT_GET("/user/me")
std::string me() { return "me"; }

// A rule wider than its column in bytes, not in code points.
RETORT_GET("/café/menü/<int:n>")
std::string menu(int n) { return std::to_string(n); }

// Flask's defaults idiom: /users/page/1 redirects to /users/.
RETORT_GET("/users/", defaults(page = 1))
RETORT_GET("/users/page/<int(min=1):page>")
std::string users(int page) { return std::to_string(page); }

RETORT_GET("/lax/", strict_slashes(false))
std::string lax() { return "lax"; }

RETORT_GET("/keep//x/<y>", merge_slashes(false))
std::string unmerged(std::string_view y) { return std::string(y); }

RETORT_GET("/a/<int:x>/b/")
std::string branch(int x) { return std::to_string(x); }

RETORT_ROUTE("/items/<uuid:id>", GET, PUT, PATCH, DELETE)
std::string item(const retort::Uuid& id) { return id.to_string(); }

// The handler answers OPTIONS itself: no automatic OPTIONS.
RETORT_ROUTE("/cors", GET, OPTIONS)
std::string cors() { return "cors"; }

RETORT_GET("/v<int(fixed_digits=2):major>.<any(json, xml):format>")
std::string versioned(int major, std::string_view format) { return std::to_string(major) + std::string(format); }

RETORT_GET("/files/<path:p>/edit")
std::string edit_file(std::string_view p) { return std::string(p); }

RETORT_GET("/raw/<path:rest>")
std::string raw(std::string_view rest) { return std::string(rest); }

RETORT_GET("/price/<float(signed=True):amount>")
std::string price(double amount) { return std::to_string(amount); }

RETORT_GET("/limited/<int(min=1, max=9):n>")
std::string limited(int n) { return std::to_string(n); }

// Stacked: registered bottom-up, as Flask's stacked decorators.
RETORT_GET("/alias-a")
RETORT_GET("/alias-b")
std::string alias() { return "alias"; }

namespace RETORT_BLUEPRINT("/shop") shop {

RETORT_GET("/")
std::string home() { return "shop"; }

namespace RETORT_BLUEPRINT("/cart") cart {

RETORT_POST("/<int:item>/")
std::string add(int item) { return std::to_string(item); }

RETORT_ROUTE("/checkout", POST, PUT)
std::string checkout() { return "checkout"; }

}  // namespace cart
}  // namespace shop

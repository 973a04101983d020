// Handlers for the runtime tests, one per behaviour under test. retortc
// compiles their annotations into test_routes.{hpp,cpp}.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <retort/request.hpp>
#include <retort/response.hpp>
#include <retort/route.hpp>
#include <retort/uuid.hpp>

#include "test_routes.hpp"

RETORT_GET("/")
std::string index_page() { return "index"; }

RETORT_GET("/user/<int:id>")
std::string user_by_id(int id) { return "user " + std::to_string(id); }

RETORT_GET("/user/<name>")
std::string user_by_name(std::string_view name) { return "name " + std::string(name); }

RETORT_GET("/user/me")
std::string me() { return "me"; }

RETORT_GET("/small/<int:value>")
std::string small(unsigned short value) { return "small " + std::to_string(value); }

RETORT_ROUTE("/items", GET, POST)
retort::Response items(const retort::Request& request) {
  retort::Response response{std::string(request.method_name()) + " items"};
  response.headers().set("X-Items", "yes");
  return response;
}

RETORT_DELETE("/items/<int:id>")
nlohmann::json delete_item(int id) { return {{"deleted", id}}; }

RETORT_GET("/query")
std::string query(const retort::Request& request) {
  std::string out;
  for (std::string_view tag : request.args().get_all("tag")) out += std::string(tag) + ";";
  return out + "page=" + std::string(request.args().get("page").value_or("none"));
}

RETORT_GET("/docs/")
std::string docs() { return "docs"; }

RETORT_GET("/echo/<text>")
std::string echo(std::string text) { return text; }

RETORT_GET("/boom")
std::string boom() { throw std::runtime_error("kaboom"); }

RETORT_GET("/links")
nlohmann::json links() {
  return {{"index", url_for::index_page()},
          {"user", url_for::user_by_id(42)},
          {"name", url_for::user_by_name("a b/c?d")},
          {"member", url_for::team::members::member("x y", 3)}};
}

namespace RETORT_BLUEPRINT("/team") team {

RETORT_GET("/")
std::string home() { return "team home"; }

namespace RETORT_BLUEPRINT("/members") members {

RETORT_GET("/<name>/<int:id>")
std::string member(std::string_view name, long long id) {
  return "member " + std::string(name) + " " + std::to_string(id);
}

}  // namespace members
}  // namespace team

// Type aliases of the user's own are not visible to generated code; retortc
// spells what they stand for.
using ItemId = long;
using Page = std::string;

RETORT_GET("/alias/<int:id>")
Page alias(const ItemId& id) { return "alias " + std::to_string(id); }

RETORT_GET("/byte/<int:value>")
std::string byte(std::uint8_t value) { return "byte " + std::to_string(value); }

RETORT_GET("/headers")
nlohmann::json headers(const retort::Request& request) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [name, value] : request.headers().items()) out.push_back({name, value});
  return out;
}

RETORT_GET("/json/<text>")
nlohmann::json json_text(std::string_view text) { return {{"text", text}}; }

// Every converter, with its arguments, and the rule options.

RETORT_GET("/float/<float(signed=True):x>")
std::string float_value(double x) { return "float " + std::to_string(x); }

RETORT_GET("/uuid/<uuid:id>")
std::string uuid_value(const retort::Uuid& id) { return "uuid " + id.to_string(); }

RETORT_GET("/color/<any(red, 'dark blue'):c>")
std::string color(std::string_view c) { return "color " + std::string(c); }

RETORT_GET("/files/<path:p>/edit")
std::string edit_file(std::string_view p) { return "edit " + std::string(p); }

RETORT_GET("/v<int(fixed_digits=2):major>.<minor>")
std::string version(int major, std::string_view minor) {
  return "version " + std::to_string(major) + " " + std::string(minor);
}

RETORT_GET("/limited/<int(min=1, max=9):n>")
std::string limited(long n) { return "limited " + std::to_string(n); }

RETORT_GET("/pages/", defaults(page = 1))
RETORT_GET("/pages/<int:page>")
std::string pages(int page) { return "page " + std::to_string(page); }

RETORT_GET("/lax/", strict_slashes(false))
std::string lax() { return "lax"; }

RETORT_GET("/maybe")
RETORT_GET("/maybe/<int:n>")
std::string maybe(std::optional<int> n) { return n ? "maybe " + std::to_string(*n) : std::string("maybe none"); }

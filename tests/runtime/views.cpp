// Handlers for the runtime tests, one per behaviour under test. retortc
// compiles their annotations into test_routes.{hpp,cpp}.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <retort/request.hpp>
#include <retort/response.hpp>
#include <retort/route.hpp>

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

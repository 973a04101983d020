// Handlers for handlers_test.cpp and hooks_test.cpp: every kind of
// parameter and return value retort supplies, and nested blueprints for
// hook and error-handler scoping.
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>
#include <retort/app.hpp>
#include <retort/form.hpp>
#include <retort/make_response.hpp>
#include <retort/request.hpp>
#include <retort/route.hpp>
#include <retort/uuid.hpp>

#include "handler_views.hpp"
#include "test_routes.hpp"

namespace shapes {
void to_json(nlohmann::json& j, const Point& p) { j = {{"x", p.x}, {"y", p.y}}; }
void from_json(const nlohmann::json& j, Point& p) {
  j.at("x").get_to(p.x);
  j.at("y").get_to(p.y);
}
}  // namespace shapes

RETORT_GET("/q/scalars")
nlohmann::json query_scalars(int page, std::uint8_t small, double ratio, bool verbose, std::string name,
                             std::string_view view, retort::Uuid id) {
  return {{"page", page}, {"small", small}, {"ratio", ratio}, {"verbose", verbose},
          {"name", name},  {"view", view},   {"id", id.to_string()}};
}

RETORT_GET("/q/optional")
nlohmann::json query_optional(std::optional<int> page, std::optional<std::string> sort) {
  return {{"page", page ? nlohmann::json(*page) : nlohmann::json()}, {"sort", sort ? nlohmann::json(*sort) : nlohmann::json()}};
}

RETORT_GET("/q/lists")
nlohmann::json query_lists(std::vector<std::string> tag, std::vector<int> n) { return {{"tag", tag}, {"n", n}}; }

RETORT_GET("/q/order")
std::string query_order(int first, int second) { return std::to_string(first + second); }

RETORT_POST("/body/json")
nlohmann::json body_json(nlohmann::json body) { return {{"got", body}}; }

RETORT_POST("/body/point")
shapes::Point body_point(shapes::Point p) { return {p.y, p.x}; }

RETORT_POST("/body/optional")
std::string body_optional(std::optional<shapes::Point> p) { return p ? "point" : "none"; }

RETORT_POST("/body/map")
nlohmann::json body_map(std::map<std::string, int> counts) {
  int total = 0;
  for (const auto& [name, n] : counts) total += n;
  return {{"total", total}};
}

RETORT_GET("/ret/tuple")
std::tuple<std::string, int> ret_tuple() { return {"created", 201}; }

RETORT_GET("/ret/tuple3")
std::tuple<nlohmann::json, int, retort::Headers> ret_tuple3() {
  return {nlohmann::json{{"ok", true}}, 202, retort::Headers{{"X-Extra", "1"}}};
}

RETORT_GET("/ret/pair")
std::pair<std::string, retort::Headers> ret_pair() { return {"with headers", retort::Headers{{"X-Extra", "2"}}}; }

RETORT_GET("/ret/point")
shapes::Point ret_point() { return {3, 4}; }

RETORT_GET("/ret/points")
std::vector<shapes::Point> ret_points() { return {{1, 2}, {3, 4}}; }

RETORT_GET("/ret/response")
retort::Response ret_response() { return retort::make_response(nlohmann::json{{"made", true}}, 203); }

RETORT_GET("/req/info")
nlohmann::json request_info(const retort::Request& request) {
  return {{"method", request.method_name()}, {"path", request.path()},   {"url", request.url()},
          {"host", request.host()},          {"remote", request.remote_addr()},
          {"agent", request.headers().get("user-agent").value_or("")}};
}

RETORT_GET("/cookies/set")
retort::Response cookies_set() {
  retort::Response response("set");
  response.set_cookie("session", "abc", {.http_only = true, .same_site = retort::SameSite::lax});
  response.set_cookie("theme", "dark", {.max_age = std::chrono::seconds(60), .secure = true});
  return response;
}

RETORT_GET("/cookies/read")
nlohmann::json cookies_read(const retort::Request& request) {
  nlohmann::json all = nlohmann::json::object();
  for (const auto& [name, value] : request.cookies()) all[name] = value;
  return all;
}

RETORT_GET("/cookies/delete")
retort::Response cookies_delete() {
  retort::Response response("deleted");
  response.delete_cookie("session");
  return response;
}

RETORT_POST("/form")
nlohmann::json form_echo(const retort::Request& request) {
  const retort::Form& form = request.form();
  nlohmann::json files = nlohmann::json::array();
  for (const retort::UploadedFile& file : form.files())
    files.push_back({{"field", file.name}, {"filename", file.filename}, {"type", file.content_type}, {"size", file.data.size()}});
  return {{"name", form.get("name").value_or("")}, {"tags", form.get_all("tag")}, {"files", files}};
}

RETORT_GET("/app/config")
std::string app_config(const retort::App& app) { return app.config().get<std::string>("GREETING"); }

RETORT_GET("/abort/<int:code>")
std::string abort_with(int code, std::optional<std::string> why) {
  retort::abort(code, why.value_or(""));
}

RETORT_GET("/throw/domain")
std::string throw_domain() { throw shapes::OutOfPaper("no paper"); }

RETORT_GET("/throw/logic")
std::string throw_logic() { throw std::logic_error("broken"); }

RETORT_GET("/g")
std::string read_g(const retort::Request& request) {
  const std::string* user = request.g().find<std::string>("user");
  return user ? *user : "anonymous";
}

namespace RETORT_BLUEPRINT("/shop") shop {

RETORT_GET("/")
std::string front() { return "shop"; }

RETORT_GET("/item/<int:id>")
std::string item(int id) {
  if (id == 0) retort::abort(404);
  if (id == 13) throw shapes::OutOfPaper("unlucky");
  return "item " + std::to_string(id);
}

namespace RETORT_BLUEPRINT("/admin") admin {

RETORT_GET("/")
std::string panel() { return "admin"; }

RETORT_GET("/fail")
std::string fail() { throw std::runtime_error("admin failed"); }

}  // namespace admin
}  // namespace shop

RETORT_GET("/tpl/<int:id>")
std::string template_page(const retort::App& app, int id, std::string name) {
  return app.render_template("page.html", {{"id", id}, {"name", name}});
}

RETORT_GET("/q/big")
std::string query_big(std::int64_t n, float f) { return std::to_string(n) + " " + std::to_string(f); }

RETORT_GET("/ret/two-cookies")
std::tuple<std::string, retort::Headers> ret_two_cookies() {
  return {"two", retort::Headers{{"Set-Cookie", "a=1; Path=/"}, {"Set-Cookie", "born=1970; Path=/"}}};
}

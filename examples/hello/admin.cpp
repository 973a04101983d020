// The admin blueprint: every route here is under /admin, and its endpoints
// are named admin.<function>, as a Flask blueprint's.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <retort/route.hpp>

#include "hello_routes.hpp"

namespace RETORT_BLUEPRINT("/admin") admin {

RETORT_GET("/")
std::string dashboard() {
  return "<h1>Admin</h1>\n<a href=\"" + url_for::home() + "\">home</a>\n";
}

RETORT_GET("/members/<name>")
nlohmann::json member(std::string_view name) {
  return {{"name", name}, {"url", url_for::admin::member(name)}};
}

}  // namespace admin

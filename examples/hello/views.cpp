// The site's public pages.
#include <string>

#include <nlohmann/json.hpp>
#include <retort/app.hpp>
#include <retort/request.hpp>
#include <retort/response.hpp>
#include <retort/route.hpp>

#include "hello_routes.hpp"

// templates/index.html, whose links and stylesheet come from url_for
// (static/style.css is served at /static/style.css).
RETORT_GET("/")
std::string home(const retort::App& app) {
  return app.render_template("index.html", {{"users", {{{"id", 7}}, {{"id", 42}}}}, {"admin", "ada lovelace"}});
}

RETORT_GET("/user/<int:id>")
std::string user(int id) {
  return "Hello, user " + std::to_string(id) + "!\n";
}

RETORT_POST("/echo")
retort::Response echo(const retort::Request& request) {
  retort::Response response{std::string(request.body()), 200, "text/plain; charset=utf-8"};
  return response;
}

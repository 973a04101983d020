// The site's public pages.
#include <string>

#include <retort/request.hpp>
#include <retort/response.hpp>
#include <retort/route.hpp>

#include "hello_routes.hpp"

RETORT_GET("/")
std::string home() {
  return "<!doctype html>\n<title>hello</title>\n<h1>Hello from retort</h1>\n<ul>\n"
         "<li><a href=\"" + url_for::user(7) + "\">user 7</a>\n"
         "<li><a href=\"" + url_for::admin::dashboard() + "\">admin</a>\n"
         "<li><a href=\"" + url_for::admin::member("ada lovelace") + "\">admin: ada lovelace</a>\n"
         "</ul>\n";
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

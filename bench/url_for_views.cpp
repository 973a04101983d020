// The rules the url_for benchmark builds: no variable, one, three.
// bench/url_for.py gives Flask the same three rules.
#include <string>
#include <string_view>

#include <retort/route.hpp>

#include "bench_routes.hpp"

RETORT_GET("/about")
std::string about() { return "about"; }

RETORT_GET("/user/<int:id>")
std::string user(int id) { return std::to_string(id); }

RETORT_GET("/repos/<owner>/<repo>/issues/<int:number>")
std::string issue(std::string_view owner, std::string_view repo, int number) {
  return std::string(owner) + "/" + std::string(repo) + "#" + std::to_string(number);
}

// Golden case: rule syntax errors point into the rule literal.
#include <string>

#include <retort/route.hpp>

RETORT_GET("/user/<integer:id>")
std::string unknown_converter(int id);

RETORT_GET("/files/<name")
std::string unclosed(std::string name);

RETORT_GET("/a/<x>/<x>")
std::string twice(std::string x);

RETORT_GET("no/slash")
std::string no_slash();

RETORT_ROUTE("/m", GET, FETCH)
std::string bad_method();

// A variable name used twice in one rule: the second one is the mistake.
#include <string>
#include <string_view>

#include <retort/route.hpp>

RETORT_GET("/compare/<name>/<name>")
std::string compare(std::string_view name);

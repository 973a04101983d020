// The same rule and method twice; another method on the same rule is fine.
#include <string>
#include <string_view>

#include <retort/route.hpp>

RETORT_GET("/user/<name>")
std::string show(std::string_view name);

RETORT_POST("/user/<name>")
std::string update(std::string_view name);

RETORT_GET("/user/<string:login>")
std::string profile(std::string_view login);

// Variable names are Python identifiers: no '-'. The whole name is underlined.
#include <string>
#include <string_view>

#include <retort/route.hpp>

RETORT_GET("/user/<user-id>")
std::string user(std::string_view user_id);

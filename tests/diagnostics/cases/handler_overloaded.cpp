// Overloads would share one endpoint name.
#include <string>
#include <string_view>

#include <retort/route.hpp>

RETORT_GET("/item/<int:id>")
std::string item(int id);

RETORT_GET("/item/<name>")
std::string item(std::string_view name);

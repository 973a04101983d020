// All is well: retortc prints nothing, exits 0 and writes its three files.
#include <string>
#include <string_view>

#include <retort/route.hpp>

RETORT_GET("/")
std::string index();

RETORT_GET("/user/<int:id>")
std::string user(int id);

RETORT_GET("/user/<name>")
std::string user_by_name(std::string_view name);

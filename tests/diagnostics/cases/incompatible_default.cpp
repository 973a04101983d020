// A default whose value the parameter's type cannot hold.
#include <string>

#include <retort/route.hpp>

RETORT_GET("/users/", defaults(page = "first"))
RETORT_GET("/users/page/<int:page>")
std::string users(int page);

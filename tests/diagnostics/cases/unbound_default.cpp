// A default value for a name the handler has no parameter for.
#include <string>

#include <retort/route.hpp>

RETORT_GET("/users/", defaults(page = 1))
std::string users();

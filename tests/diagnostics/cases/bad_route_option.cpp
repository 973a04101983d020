// Options after the methods: defaults(…), strict_slashes(…), merge_slashes(…).
#include <string>

#include <retort/route.hpp>

RETORT_GET("/users/", strict_slash(false))
std::string users();

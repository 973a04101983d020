// A rule must start with '/'.
#include <string>

#include <retort/route.hpp>

RETORT_GET("users/list")
std::string users();

// A placeholder with a converter but no variable name.
#include <string>

#include <retort/route.hpp>

RETORT_GET("/user/<int:>")
std::string user(int id);

// A rule variable the handler has no parameter for.
#include <string>

#include <retort/route.hpp>

RETORT_GET("/user/<int:id>")
std::string user(int user_id);

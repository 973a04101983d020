// An unknown converter, with Werkzeug's nearest name as a note.
#include <string>

#include <retort/route.hpp>

RETORT_GET("/user/<integer:id>")
std::string user(int id);

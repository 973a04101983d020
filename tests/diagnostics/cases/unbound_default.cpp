// A default value for a name the handler has no parameter for. The caret
// finds `page` as a whole word, not inside `per_page`.
#include <string>

#include <retort/route.hpp>

RETORT_GET("/users/", defaults(per_page = 20, page = 1))
std::string users(int per_page);

// A parameter that is neither a rule variable nor something retort supplies.
#include <string>
#include <vector>

#include <retort/route.hpp>

RETORT_GET("/search")
std::string search(std::vector<int>& terms);  // a non-const reference: nothing to bind

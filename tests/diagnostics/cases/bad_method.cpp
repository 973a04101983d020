// Methods are the standard HTTP ones, upper case.
#include <string>

#include <retort/route.hpp>

RETORT_ROUTE("/sync", GET, FETCH)
std::string sync();

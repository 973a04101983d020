// Converter arguments are bound as Python would bind them: no such keyword.
#include <string>

#include <retort/route.hpp>

RETORT_GET("/order/<int(digits=4):id>")
std::string order(int id);

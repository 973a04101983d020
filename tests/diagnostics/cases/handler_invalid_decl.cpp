// A signature that does not compile: Clang's own error, then retortc's.
#include <string>

#include <retort/route.hpp>

RETORT_GET("/broken")
std::string broken(UnknownType value);

// <path:…> gives text with slashes; an int cannot hold it.
#include <string>

#include <retort/route.hpp>

RETORT_GET("/files/<path:p>")
std::string file(int p);

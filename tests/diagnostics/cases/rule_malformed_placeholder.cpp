// A converter with no name before its ':'.
#include <string>
#include <string_view>

#include <retort/route.hpp>

RETORT_GET("/files/<:name>")
std::string file(std::string_view name);

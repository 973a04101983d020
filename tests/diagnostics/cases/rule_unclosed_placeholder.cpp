// '<' without its '>': the caret is on the '<'.
#include <string>
#include <string_view>

#include <retort/route.hpp>

RETORT_GET("/files/<name")
std::string file(std::string_view name);

// <int:…> gives an integer; a std::string_view cannot hold it.
#include <string>
#include <string_view>

#include <retort/route.hpp>

RETORT_GET("/page/<int:number>")
std::string page(std::string_view number);

// retortc-flags: -fcolor-diagnostics
// With -fcolor-diagnostics (the default is colour on a terminal only), diagnostics
// are coloured as Clang colours them.
#include <string>
#include <string_view>

#include <retort/route.hpp>

RETORT_GET("/user/<integer:id>")
std::string user(int id);

RETORT_GET("/a/<x>")
std::string a(std::string_view x);
RETORT_GET("/a/<any(b):y>")
std::string b(std::string_view y);

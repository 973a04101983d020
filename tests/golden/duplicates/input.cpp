// Golden case: clashes name both places.
#include <string>
#include <string_view>

#include <retort/route.hpp>

RETORT_GET("/")
std::string index();

namespace other {
RETORT_GET("/other")
std::string index();
}  // namespace other

RETORT_GET("/")
std::string home();

RETORT_POST("/")
std::string form();  // same rule, another method: fine

namespace RETORT_BLUEPRINT("/admin") admin {
RETORT_GET("/a")
std::string a();
}  // namespace admin

namespace RETORT_BLUEPRINT("/adm") admin {
RETORT_GET("/b")
std::string b();
}  // namespace admin

RETORT_GET("/overload/<int:id>")
std::string overloaded(int id);
RETORT_GET("/overload/<name>")
std::string overloaded(std::string_view name);

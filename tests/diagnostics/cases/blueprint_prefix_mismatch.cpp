// Two openings of one blueprint namespace must agree on its prefix.
#include <string>

#include <retort/route.hpp>

namespace RETORT_BLUEPRINT("/admin") admin {
RETORT_GET("/users")
std::string users();
}  // namespace admin

namespace RETORT_BLUEPRINT("/adm") admin {
RETORT_GET("/groups")
std::string groups();
}  // namespace admin

// Rules that another rule always answers first: warnings, and the outputs
// are written. `/posts/<int:id>` is fine: int is tried before string.
#include <string>
#include <string_view>

#include <retort/route.hpp>
#include <retort/uuid.hpp>

RETORT_GET("/posts/<slug>")
std::string post(std::string_view slug);

RETORT_GET("/posts/<uuid:id>")
std::string post_by_id(const retort::Uuid& id);

RETORT_GET("/posts/<int:id>")
std::string post_by_number(int id);

RETORT_GET("/posts/new")
std::string new_post();

RETORT_ROUTE("/posts/<any(new, drafts):page>", GET, POST)
std::string posts_page(std::string_view page);

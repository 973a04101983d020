// Handlers whose rules exercise URL building: every converter's to_url,
// rules chosen by method. (views.cpp has `pages`, the defaults idiom.)
#include <optional>
#include <string>
#include <string_view>

#include <retort/route.hpp>
#include <retort/uuid.hpp>

#include "test_routes.hpp"

RETORT_GET("/raw/<path:p>")
std::string raw_path(std::string_view p) { return std::string(p); }

RETORT_GET("/v<int(fixed_digits=3, signed=True):n>")
std::string fixed(long n) { return std::to_string(n); }

RETORT_GET("/number/<float:x>")
std::string number(double x) { return std::to_string(x); }

RETORT_GET("/lang/<any(en, de):lang>")
std::string lang(std::string_view lang) { return std::string(lang); }

RETORT_GET("/thing/<uuid:id>")
std::string thing(const retort::Uuid& id) { return id.to_string(); }

RETORT_POST("/submit")
std::string submit() { return "submitted"; }

// One endpoint, a rule per method: `.method` picks the rule.
RETORT_GET("/read/<int:id>")
RETORT_POST("/write/<int:id>")
std::string item_action(int id) { return std::to_string(id); }

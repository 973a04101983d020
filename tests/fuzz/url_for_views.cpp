// Handlers for the url_for round-trip fuzz target (url_for_fuzzer.cpp): one
// rule per converter and option whose build a match must undo. The target
// describes these rules in its kEndpoints table; a rule changed here
// without it fails the target's first run.
#include <string>
#include <string_view>

#include <retort/route.hpp>
#include <retort/uuid.hpp>

#include "url_for_fuzz_routes.hpp"

namespace url_for_fuzz {

RETORT_GET("/text/<name>")
std::string text(std::string_view name) { return std::string(name); }

RETORT_GET("/pair/<a>/<b>")
std::string pair(std::string_view a, std::string_view b) { return std::string(a) + std::string(b); }

RETORT_GET("/code/<string(length=3):code>")
std::string code(std::string_view code) { return std::string(code); }

RETORT_GET("/files/<path:p>/raw")
std::string file(std::string_view p) { return std::string(p); }

RETORT_GET("/int/<int:id>")
std::string integer(long id) { return std::to_string(id); }

RETORT_GET("/signed/<int(signed=True):n>")
std::string signed_integer(long n) { return std::to_string(n); }

RETORT_GET("/fixed/<int(fixed_digits=4):n>")
std::string fixed(long n) { return std::to_string(n); }

RETORT_GET("/float/<float(signed=True):x>")
std::string number(double x) { return std::to_string(x); }

RETORT_GET("/uuid/<uuid:u>")
std::string uuid(const retort::Uuid& u) { return u.to_string(); }

RETORT_GET("/lang/<any(en, de, fr):lang>")
std::string lang(std::string_view lang) { return std::string(lang); }

RETORT_GET("/v<int:major>.<int:minor>")
std::string version(long major, long minor) { return std::to_string(major) + "." + std::to_string(minor); }

RETORT_GET("/dir/<name>/")
std::string directory(std::string_view name) { return std::string(name); }

// Flask's defaults idiom: page 1 is /users/, the rest /users/page/<page>.
RETORT_GET("/users/", defaults(page = 1))
RETORT_GET("/users/page/<int:page>")
std::string users(long page) { return std::to_string(page); }

}  // namespace url_for_fuzz

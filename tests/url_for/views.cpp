// Handlers whose URLs the url_for tests build, one group per feature of
// Werkzeug's URL building. flask_expectations.py registers the same rules
// (read back from the manifest retortc writes) on a Flask app and records
// what Flask's url_for returns; url_for_test.cpp checks retort against it.
// The handlers are never called: only their annotations matter.
#include <optional>
#include <string>
#include <string_view>

#include <retort/route.hpp>
#include <retort/uuid.hpp>

// Every converter, with its arguments.
RETORT_GET("/text/<name>")
std::string text(std::string_view name) { return {}; }

RETORT_GET("/code/<string(length=3):code>")
std::string code(std::string_view code) { return {}; }

RETORT_GET("/word/<string(minlength=2, maxlength=5):word>")
std::string word(std::string word) { return {}; }

RETORT_GET("/int/<int:n>")
std::string integer(long long n) { return {}; }

RETORT_GET("/unsigned/<int:n>")
std::string unsigned_integer(unsigned long long n) { return {}; }

RETORT_GET("/digits/<int(fixed_digits=4):n>")
std::string digits(int n) { return {}; }

RETORT_GET("/signed/<int(signed=True, fixed_digits=3):n>")
std::string signed_digits(int n) { return {}; }

RETORT_GET("/float/<float:x>")
std::string floating(double x) { return {}; }

RETORT_GET("/signed-float/<float(signed=True):x>")
std::string signed_floating(double x) { return {}; }

RETORT_GET("/uuid/<uuid:id>")
std::string uuid(const retort::Uuid& id) { return {}; }

RETORT_GET("/path/<path:p>")
std::string path(std::string_view p) { return {}; }

RETORT_GET("/color/<any(red, 'dark blue', 'grün', 'a/b'):c>")
std::string color(std::string_view c) { return {}; }

// Several variables in one rule, in one segment, and a path in the middle.
RETORT_GET("/v<int(fixed_digits=2):major>.<minor>")
std::string version(int major, std::string_view minor) { return {}; }

RETORT_GET("/files/<path:p>/edit")
std::string edit(std::string_view p) { return {}; }

RETORT_GET("/repo/<owner>/<path:file>/blob/<int:line>")
std::string blob(std::string_view owner, std::string_view file, int line) { return {}; }

// Static rule text that Werkzeug percent-encodes when it builds.
RETORT_GET("/café/menü/<item>")
std::string menu(std::string_view item) { return {}; }

RETORT_GET("/a b/c+d/<x>")
std::string spaced(std::string_view x) { return {}; }

RETORT_GET("/r/!$&'()*+,;=:@~[]{}|^`\"%/<x>")
std::string reserved(std::string_view x) { return {}; }

RETORT_GET("/raw//x/<y>", merge_slashes(false))
std::string unmerged(std::string_view y) { return {}; }

RETORT_GET("/merged//x/<y>")
std::string merged(std::string_view y) { return {}; }

// A rule that starts with a variable: Flask strips the leading slashes of
// what it builds, so a value "/x" does not make "//x".
RETORT_GET("/<name>")
std::string top(std::string_view name) { return {}; }

RETORT_GET("/<path:rest>/raw")
std::string top_path(std::string_view rest) { return {}; }

// One endpoint, several rules: Werkzeug builds the first suitable rule in
// build order (more arguments first, then more defaults, then registration).
RETORT_GET("/pages/", defaults(page = 1))
RETORT_GET("/pages/<int:page>")
std::string pages(int page) { return {}; }

RETORT_GET("/feed/", defaults(fmt = "rss", ratio = 0.5))
RETORT_GET("/feed/<fmt>", defaults(ratio = 0.5))
RETORT_GET("/feed/<fmt>/<float:ratio>")
std::string feed(std::string_view fmt, double ratio) { return {}; }

RETORT_GET("/over/<int:n>", defaults(n = 5))
std::string over(int n) { return {}; }

RETORT_GET("/alt/b/<x>")
RETORT_GET("/alt/a/<x>")
std::string alt(std::string_view x) { return {}; }

// std::optional parameters: the rule that binds them is built only when
// they are given; otherwise a shorter rule, and unused values go to the query.
RETORT_GET("/maybe")
RETORT_GET("/maybe/<int:n>")
std::string maybe(std::optional<int> n) { return {}; }

RETORT_GET("/tag")
RETORT_GET("/tag/<tag>/<uuid:id>")
std::string tagged(std::optional<std::string_view> tag, std::optional<retort::Uuid> id) { return {}; }

RETORT_GET("/docs/")
RETORT_GET("/docs/<any(de, en):lang>/")
std::string docs(std::optional<std::string_view> lang) { return {}; }

RETORT_GET("/lang/<any(de, en):lang>/<int:page>")
std::string lang(std::string_view lang, std::optional<int> page) { return {}; }

// Rules that differ by method: _method picks one, GET is tried first.
RETORT_DELETE("/items/<int:id>/delete")
RETORT_ROUTE("/items/<int:id>/edit", POST, PUT)
RETORT_GET("/items/<int:id>")
std::string item(int id) { return {}; }

RETORT_POST("/tie/<int:a>/<int:b>")
RETORT_GET("/tie/<int:a>")
std::string tie(int a, std::optional<int> b) { return {}; }

// An endpoint annotated on two declarations, with another endpoint
// registered between them.
RETORT_GET("/split/one")
std::string split_one();

RETORT_POST("/split/two")
std::string split_two() { return {}; }

RETORT_POST("/split/one")
std::string split_one() { return {}; }

// Blueprints, nested, with a prefix that needs encoding.
namespace RETORT_BLUEPRINT("/admin") admin {

RETORT_GET("/")
std::string dashboard() { return {}; }

RETORT_GET("/users/<int:id>")
std::string user(long id) { return {}; }

namespace RETORT_BLUEPRINT("/séttings x") settings {

RETORT_GET("/<path:key>", strict_slashes(false))
std::string show(std::string_view key) { return {}; }

RETORT_ROUTE("/<path:key>", PUT, PATCH)
std::string update(std::string_view key) { return {}; }

}  // namespace settings
}  // namespace admin

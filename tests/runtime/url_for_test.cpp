// url_for, typed and by name. Every expected URL and message here was
// printed by Flask 3.1.3's url_for for the same rules (tests/url_for holds
// the generated, several-hundred-case comparison).
#include <atomic>
#include <cstdlib>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <retort/app.hpp>

#include "test_routes.hpp"

namespace {

// Counts allocations on this thread while armed: url_for may allocate its
// result and nothing else.
thread_local bool counting = false;
thread_local int allocations = 0;

template <class F>
int allocations_during(F&& f) {
  allocations = 0;
  counting = true;
  f();
  counting = false;
  return allocations;
}

}  // namespace

void* operator new(std::size_t size) {
  if (counting) ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
// Every form that frees what the forms above allocate, and the nothrow
// new (std::stable_sort's buffer) too: a form left out stays the library's
// (or ASan's) and would free with another allocator than it allocated.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  if (counting) ++allocations;
  return std::malloc(size == 0 ? 1 : size);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }

TEST_CASE("url_for picks the rule Werkzeug's build order picks", "[url_for]") {
  CHECK(url_for::pages() == "/pages/");
  CHECK(url_for::pages(1) == "/pages/");  // equals the default: the rule with it
  CHECK(url_for::pages(2) == "/pages/2");
  retort::App app;
  register_routes(app);
  CHECK(app.url_for("pages", {{"page", 1.0}}) == "/pages/");  // 1.0 == 1 in Python
  CHECK(app.url_for("pages", {{"page", "1"}}) == "/pages/1");  // "1" != 1
  CHECK(url_for::item_action(3) == "/read/3");  // GET rules first, as Werkzeug's default method
  CHECK(url_for::item_action(3, {.method = retort::Method::post}) == "/write/3");
}

TEST_CASE("each converter writes its value as its to_url does", "[url_for]") {
  CHECK(url_for::raw_path("/etc/x y") == "/raw//etc/x%20y");  // only the leading `/`s are stripped
  CHECK(url_for::fixed(-5) == "/v-05");                   // zfill counts the sign
  CHECK(url_for::number(1e20) == "/number/1e+20");
  CHECK(url_for::number(3) == "/number/3.0");
  CHECK(url_for::number(0.0001) == "/number/0.0001");
  CHECK(url_for::lang("de") == "/lang/de");
  CHECK_THROWS_WITH(url_for::lang(retort::AnyOf<"en", "de">::checked("fr")), "'fr' is not one of 'de', 'en'");
  CHECK(url_for::thing(*retort::Uuid::parse("0F14D0AB-9605-4A62-A9E4-5ED26688389B")) ==
        "/thing/0f14d0ab-9605-4a62-a9e4-5ed26688389b");
}

TEST_CASE("extra values, anchors and external URLs follow Flask", "[url_for]") {
  const std::vector<std::optional<std::string>> q{"1", std::nullopt, "x y+z"};
  CHECK(url_for::user_by_name("a b", {.query = {{"q", q}, {"flag", true}, {"n", std::nullopt}}, .anchor = "a b#%20"}) ==
        "/user/a%20b?q=1&q=x+y%2Bz&flag=True#a%20b#%20");
  retort::App app;
  app.set_server_name("example.com:8080");
  CHECK(url_for::user_by_name("x", {.external = app.url_origin(), .scheme = "ftp"}) == "http://example.com:8080/user/x");
  CHECK(url_for::user_by_name("x", {.external = app.url_origin(), .scheme = "https"}) ==
        "https://example.com:8080/user/x");
  CHECK_THROWS_AS(url_for::user_by_name("x", {.scheme = "https"}), std::invalid_argument);
  CHECK_THROWS_AS(retort::App().url_origin(), std::logic_error);
}

TEST_CASE("by name, a failed build says what Flask's BuildError says", "[url_for]") {
  retort::App app;
  register_routes(app);
  CHECK(app.url_for("user_by_name", {{"name", "ada"}, {"tab", 2}}) == "/user/ada?tab=2");
  CHECK_THROWS_WITH(app.url_for("user_by_nam", {{"name", "x"}}),
                    "Could not build url for endpoint 'user_by_nam' with values ['name']. Did you mean "
                    "'user_by_name' instead?");
  CHECK_THROWS_WITH(app.url_for("user_by_name"),
                    "Could not build url for endpoint 'user_by_name'. Did you forget to specify values ['name']?");
  CHECK_THROWS_WITH(app.url_for("submit", {}, {.method = retort::Method::get}),
                    "Could not build url for endpoint 'submit' ('GET'). Did you mean to use methods ['OPTIONS', "
                    "'POST']?");
  CHECK_THROWS_AS(app.url_for("lang", {{"lang", "fr"}}), std::invalid_argument);
}

TEST_CASE("building allocates the result string and nothing else", "[url_for]") {
  // Both URLs are longer than std::string's inline buffer: exactly one
  // allocation each (a bound too small would show as a second one).
  std::string url;
  CHECK(allocations_during([&] { url = url_for::team::members::member("a much longer member name", 12345); }) == 1);
  CHECK(url == "/team/members/a%20much%20longer%20member%20name/12345");
  const std::vector<std::string> tags{"alpha", "beta gamma", "delta"};
  CHECK(allocations_during([&] {
          url = url_for::number(2.5, {.query = {{"tag", tags}, {"page", 3}}, .anchor = "results and more"});
        }) == 1);
  CHECK(url == "/number/2.5?tag=alpha&tag=beta+gamma&tag=delta&page=3#results%20and%20more");
}

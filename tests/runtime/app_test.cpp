// App dispatch through the in-process test client.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <retort/app.hpp>
#include <retort/generated_support.hpp>
#include <retort/test_client.hpp>

#include "test_routes.hpp"

namespace {

struct Fixture {
  Fixture() {
    app.set_logger([this](std::string_view message) { log += std::string(message) + "\n"; });
    register_routes(app);
  }
  retort::App app;
  retort::TestClient client{app};
  std::string log;
};

TEST_CASE_METHOD(Fixture, "handlers answer with their return values", "[app]") {
  retort::Response r = client.get("/");
  CHECK(r.status() == 200);
  CHECK(r.body() == "index");
  CHECK(r.header("Content-Type") == "text/html; charset=utf-8");
}

TEST_CASE_METHOD(Fixture, "rules match in Werkzeug's order", "[app][order]") {
  CHECK(client.get("/user/me").body() == "me");             // static before converters
  CHECK(client.get("/user/12").body() == "user 12");        // int (50) before default (100)
  CHECK(client.get("/user/ada").body() == "name ada");
  CHECK(client.get("/user/a%20b").body() == "name a b");    // the path is decoded first
}

TEST_CASE_METHOD(Fixture, "an int too large for the handler's type is a 404", "[app]") {
  CHECK(client.get("/small/65535").body() == "small 65535");
  CHECK(client.get("/small/65536").status() == 404);
  CHECK(client.get("/user/99999999999999999999999").status() == 404);
}

TEST_CASE_METHOD(Fixture, "unknown paths are 404 with Werkzeug's page", "[app]") {
  retort::Response r = client.get("/nowhere");
  CHECK(r.status() == 404);
  CHECK(r.body().find("<title>404 Not Found</title>") != std::string::npos);
  CHECK(client.get("/user/").status() == 404);
  CHECK(client.get("/user/1/2").status() == 404);
}

TEST_CASE_METHOD(Fixture, "a path that matches with another method is a 405 with Allow", "[app]") {
  retort::Response r = client.request("PUT", "/items");
  CHECK(r.status() == 405);
  CHECK(r.header("Allow") == "GET, HEAD, OPTIONS, POST");
  retort::Response d = client.get("/items/3");
  CHECK(d.status() == 405);
  CHECK(d.header("Allow") == "DELETE, OPTIONS");
  CHECK(client.request("BREW", "/items").status() == 405);
}

TEST_CASE_METHOD(Fixture, "OPTIONS is answered with every method of the path, as Flask does", "[app]") {
  retort::Response r = client.request("OPTIONS", "/items");
  CHECK(r.status() == 200);
  CHECK(r.body().empty());
  CHECK(r.header("Allow") == "GET, HEAD, OPTIONS, POST");
  CHECK(client.request("OPTIONS", "/docs").status() == 308);  // redirects still redirect
}

TEST_CASE_METHOD(Fixture, "methods are upper-cased, as Werkzeug does", "[app]") {
  CHECK(client.request("get", "/").status() == 200);
  CHECK(client.request("post", "/items").body() == "POST items");
}

TEST_CASE_METHOD(Fixture, "doubled slashes redirect to the merged URL; leading ones are ignored", "[app]") {
  retort::Response r = client.get("/user//12?a=b");
  CHECK(r.status() == 308);
  CHECK(r.header("Location") == "http://localhost/user/12?a=b");
  CHECK(client.get("//user/12").status() == 200);
  CHECK(client.get("/docs//").header("Location") == "http://localhost/docs/");
  CHECK(client.request("PUT", "/items//").status() == 404);
}

TEST_CASE_METHOD(Fixture, "methods and handler-built responses", "[app]") {
  retort::Response post = client.post("/items");
  CHECK(post.status() == 200);
  CHECK(post.body() == "POST items");
  CHECK(post.header("X-Items") == "yes");
  retort::Response deleted = client.request("DELETE", "/items/7");
  CHECK(deleted.header("Content-Type") == "application/json");
  CHECK(nlohmann::json::parse(deleted.body()) == nlohmann::json{{"deleted", 7}});
}

TEST_CASE_METHOD(Fixture, "HEAD is answered by the GET handler without a body", "[app]") {
  retort::Response r = client.request("HEAD", "/");
  CHECK(r.status() == 200);
  CHECK(r.body().empty());
}

TEST_CASE_METHOD(Fixture, "a branch rule redirects the slash-less URL with 308", "[app]") {
  retort::Response r = client.get("/docs?x=1");
  CHECK(r.status() == 308);
  CHECK(r.header("Location") == "http://localhost/docs/?x=1");
  CHECK(client.get("/docs/").body() == "docs");
  CHECK(client.get("/team").header("Location") == "http://localhost/team/");
}

TEST_CASE_METHOD(Fixture, "query arguments keep order and repeats", "[app]") {
  CHECK(client.get("/query?tag=a&tag=b+c&page=2").body() == "a;b c;page=2");
  CHECK(client.get("/query").body() == "page=none");
}

TEST_CASE_METHOD(Fixture, "string parameters receive the decoded segment", "[app]") {
  CHECK(client.get("/echo/caf%C3%A9").body() == "caf\xC3\xA9");
  CHECK(client.get("/echo/100%25").body() == "100%");
  // Invalid UTF-8 becomes U+FFFD, as Werkzeug decodes it.
  CHECK(client.get("/echo/a%FFb%E2%82").body() == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
}

// Expected values from Python: bytes.decode("utf-8", "replace"), which is
// how Werkzeug decodes a path; each maximal invalid subpart is one U+FFFD.
TEST_CASE_METHOD(Fixture, "invalid UTF-8 is replaced as Python replaces it", "[app]") {
  const std::string r = "\xEF\xBF\xBD";
  const std::pair<const char*, std::string> cases[] = {
      {"%FF", r},
      {"%E2%82", r},
      {"%F0%80%80", r + r + r},
      {"%ED%A0%80", r + r + r},  // a surrogate
      {"%C0%AF", r + r},         // an overlong `/`
      {"%61%E2%82%AC%62", "a\xE2\x82\xAC" "b"},
      {"%F4%90%80%80", r + r + r + r},
      {"%E2%82%61", r + "a"},
      {"%F0%9F%98", r},
      {"%E0%80%AF", r + r + r},
  };
  for (const auto& [escaped, decoded] : cases) {
    INFO(escaped);
    CHECK(client.get(std::string("/echo/") + escaped).body() == decoded);
  }
}

TEST_CASE_METHOD(Fixture, "a malformed escape is a 400 and an overlong target a 414, never a crash", "[app]") {
  CHECK(client.get("/echo/100%").status() == 400);
  CHECK(client.get("/echo/%zz").status() == 400);
  CHECK(client.get("/echo/" + std::string(retort::Request::kMaxTargetLength, 'a')).status() == 414);
  CHECK(client.get("/").status() == 200);
}

TEST_CASE_METHOD(Fixture, "a throwing handler is a 500 and is logged; the app keeps serving", "[app]") {
  retort::Response r = client.get("/boom");
  CHECK(r.status() == 500);
  CHECK(r.body().find("Internal Server Error") != std::string::npos);
  CHECK(log.find("GET /boom: unhandled exception: kaboom") != std::string::npos);
  CHECK(client.get("/").status() == 200);
}

TEST_CASE_METHOD(Fixture, "handlers may use their own type aliases and small integers", "[app]") {
  CHECK(client.get("/alias/5").body() == "alias 5");
  CHECK(url_for::alias(5) == "/alias/5");
  CHECK(client.get("/byte/255").body() == "byte 255");
  CHECK(client.get("/byte/256").status() == 404);
}

TEST_CASE_METHOD(Fixture, "JSON escapes non-ASCII as Flask does and survives invalid UTF-8", "[app]") {
  CHECK(client.get("/json/caf%C3%A9").body() == "{\"text\":\"caf\\u00e9\"}\n");
  retort::Response invalid = client.get("/json/%FF");
  CHECK(invalid.status() == 200);
  CHECK(invalid.body() == "{\"text\":\"\\ufffd\"}\n");
}

TEST_CASE_METHOD(Fixture, "blueprints nest prefixes and endpoint names", "[app][blueprint]") {
  CHECK(client.get("/team/").body() == "team home");
  CHECK(client.get("/team/members/ada/3").body() == "member ada 3");
  std::vector<std::string> endpoints;
  for (const auto& route : app.routes()) endpoints.emplace_back(route.endpoint);
  CHECK(std::find(endpoints.begin(), endpoints.end(), "team.members.member") != endpoints.end());
}

TEST_CASE("url_for builds each endpoint's path, encoded as Werkzeug does", "[url_for]") {
  CHECK(url_for::index_page() == "/");
  CHECK(url_for::user_by_id(42) == "/user/42");
  CHECK(url_for::user_by_name("a b/c?d") == "/user/a%20b/c%3Fd");  // `/` stays, as in Werkzeug
  CHECK(url_for::team::home() == "/team/");
  CHECK(url_for::team::members::member("x y", -3) == "/team/members/x%20y/-3");
  CHECK(url_for::echo("caf\xC3\xA9 & co") == "/echo/caf%C3%A9%20&%20co");
}

TEST_CASE_METHOD(Fixture, "handlers can call url_for", "[url_for]") {
  nlohmann::json links = nlohmann::json::parse(client.get("/links").body());
  CHECK(links["member"] == "/team/members/x%20y/3");
}

TEST_CASE_METHOD(Fixture, "converters reach handlers typed", "[app][converters]") {
  CHECK(client.get("/float/-1.5").body() == "float -1.500000");
  CHECK(client.get("/float/1").status() == 404);  // `\\d+\\.\\d+` needs both parts
  CHECK(client.get("/uuid/0F14D0AB-9605-4A62-A9E4-5ED26688389B").body() ==
        "uuid 0f14d0ab-9605-4a62-a9e4-5ed26688389b");
  CHECK(client.get("/color/dark%20blue").body() == "color dark blue");
  CHECK(client.get("/color/green").status() == 404);
  CHECK(client.get("/files/a/b/edit").body() == "edit a/b");
  CHECK(client.get("/v01.x.y").body() == "version 1 x.y");
  CHECK(client.get("/v1.x").status() == 404);  // fixed_digits=2
  CHECK(client.get("/limited/9").body() == "limited 9");
  CHECK(client.get("/limited/10").status() == 404);
  CHECK(client.get("/limited/\xD9\xA3").body() == "limited 3");  // Arabic-Indic digit, as Python's \\d
}

TEST_CASE_METHOD(Fixture, "rule options: defaults with their canonical redirect, strict_slashes", "[app][options]") {
  CHECK(client.get("/pages/").body() == "page 1");
  CHECK(client.get("/pages/2").body() == "page 2");
  retort::Response canonical = client.get("/pages/1?x=y");
  CHECK(canonical.status() == 308);
  CHECK(canonical.header("Location") == "http://localhost/pages/?x=y");
  CHECK(client.get("/lax").body() == "lax");
  CHECK(client.get("/maybe").body() == "maybe none");
  CHECK(client.get("/maybe/4").body() == "maybe 4");
}

TEST_CASE("two apps in one process share nothing", "[app]") {
  retort::App with_routes;
  register_routes(with_routes);
  retort::App empty;
  CHECK(retort::TestClient(with_routes).get("/").status() == 200);
  CHECK(retort::TestClient(empty).get("/").status() == 404);
  CHECK(empty.routes().empty());
}

TEST_CASE("the generated matcher works without an App and reports why", "[match]") {
  using Kind = retort::Match::Kind;
  retort::Match m = test_routes::match(retort::Method::get, "/user/12");
  REQUIRE(m.kind == Kind::found);
  CHECK(m.arg_count == 1);
  CHECK(m.args[0].integer == 12);
  retort::Match docs = test_routes::match(retort::Method::get, "/docs");
  CHECK(docs.kind == Kind::redirect);
  CHECK(docs.redirect == retort::Match::Redirect::add_slash);
  CHECK(test_routes::match(retort::Method::get, "/nope").kind == Kind::not_found);
  retort::Match put = test_routes::match(retort::Method::put, "/items");
  CHECK(put.kind == Kind::method_not_allowed);
  CHECK(put.allowed == retort::MethodSet{retort::Method::get, retort::Method::head, retort::Method::options,
                                         retort::Method::post});
}

}  // namespace

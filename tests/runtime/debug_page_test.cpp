// The debug page (runtime/src/debug_page.hpp) through the test client: when
// App shows it (development intent and DEBUG only), what it shows, what it
// hides, and which error handlers still win.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>
#include <retort/app.hpp>
#include <retort/http_error.hpp>
#include <retort/test_client.hpp>

#include "test_routes.hpp"

namespace {

struct DatabaseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Fixture {
  explicit Fixture(retort::Intent intent = retort::Intent::development) : app(intent) {
    app.set_logger([this](std::string_view message) { log += std::string(message) + "\n"; });
    register_routes(app);
  }
  bool has(const retort::Response& r, std::string_view text) const { return r.body().find(text) != std::string::npos; }

  retort::App app;
  retort::TestClient client{app};
  std::string log;
};

const retort::Headers kHeaders{{"Host", "localhost"},
                               {"User-Agent", "<script>alert(1)</script>"},
                               {"Cookie", "session=abc123; theme=dark"},
                               {"Authorization", "Bearer SECRETTOKEN"},
                               {"X-Api-Key", "k3y-value"},
                               {"Accept-Language", "en"}};

// The plain 500 the same app gives without the debug page.
bool is_plain_500(const retort::Response& r) {
  return r.status() == 500 && r.body().find("<h1>Internal Server Error</h1>") != std::string::npos &&
         r.body().find("debug page") == std::string::npos;
}

}  // namespace

TEST_CASE("development with DEBUG: the debug page, escaped, credentials hidden", "[debug_page]") {
  Fixture f;
  const retort::Response r = f.client.get("/boom?x=1&token=t0ps3cret&api%5Fkey=q-s3cr3t", kHeaders);
  INFO(r.body());
  CHECK(r.status() == 500);
  CHECK(r.header("Content-Type") == "text/html; charset=utf-8");
  CHECK(r.header("Cache-Control") == "no-store");
  CHECK(f.has(r, "<title>std::runtime_error: kaboom // retort debug page</title>"));
  CHECK(f.has(r, "<h1>std::runtime_error</h1>\n<p class=what>kaboom</p>"));
  CHECK(f.has(r, "<tr><th>Request<td>GET /boom?x=1&amp;token=(hidden)&amp;api%5Fkey=(hidden)\n"));
  CHECK(f.has(r, "<tr><th>URL<td>http://localhost/boom?x=1&amp;token=(hidden)&amp;api%5Fkey=(hidden)\n"));
  CHECK(f.has(r, "<tr><th>Endpoint<td>boom\n"));
  CHECK(f.has(r, "<tr><th>Rule<td>/boom\n"));
  CHECK(f.has(r, "<tr><th>User-Agent<td>&lt;script&gt;alert(1)&lt;/script&gt;\n"));
  CHECK(f.has(r, "<tr><th>Cookie<td>session=(hidden); theme=(hidden)\n"));
  CHECK(f.has(r, "<tr><th>Authorization<td>Bearer (hidden)\n"));
  CHECK(f.has(r, "<tr><th>X-Api-Key<td>(hidden)\n"));
  CHECK(f.has(r, "<tr><th>Accept-Language<td>en\n"));
  for (std::string_view secret : {"<script>", "abc123", "dark", "SECRETTOKEN", "k3y-value", "t0ps3cret", "q-s3cr3t"}) {
    INFO(secret);
    CHECK_FALSE(f.has(r, secret));
  }
  CHECK(f.log.find("GET /boom: unhandled exception: kaboom") != std::string::npos);  // logged as ever
  CHECK(f.client.get("/").status() == 200);
}

TEST_CASE("the debug page as JSON when the client prefers it", "[debug_page]") {
  Fixture f;
  retort::Headers headers = kHeaders;
  headers.add("Accept", "application/json");
  const retort::Response r = f.client.get("/boom", headers);
  CHECK(r.status() == 500);
  CHECK(r.header("Content-Type") == "application/json");
  const nlohmann::json body = nlohmann::json::parse(r.body());
  CHECK(body["code"] == 500);
  CHECK(body["name"] == "Internal Server Error");
  CHECK(body["debug"]["exception"] == nlohmann::json::array({{{"type", "std::runtime_error"}, {"what", "kaboom"}}}));
  CHECK(body["debug"]["endpoint"] == "boom");
  CHECK(body["debug"]["rule"] == "/boom");
  CHECK(body["debug"]["request"]["method"] == "GET");
  CHECK(body["debug"]["request"]["target"] == "/boom");
  CHECK(body["debug"]["request"]["headers"][2] ==
        nlohmann::json::array({"Cookie", "session=(hidden); theme=(hidden)"}));
  CHECK(r.body().find("SECRETTOKEN") == std::string::npos);
}

TEST_CASE("never for the testing or production intent, nor without DEBUG", "[debug_page]") {
  for (retort::Intent intent : {retort::Intent::production, retort::Intent::testing}) {
    Fixture f(intent);
    f.app.config().set("DEBUG", true);
    INFO(retort::to_string(intent));
    CHECK(is_plain_500(f.client.get("/boom", kHeaders)));
    retort::Headers json = kHeaders;
    json.add("Accept", "application/json");
    CHECK(nlohmann::json::parse(f.client.get("/boom", json).body()).count("debug") == 0);
  }
  Fixture f;
  f.app.config().set("DEBUG", false);
  CHECK(is_plain_500(f.client.get("/boom")));
  f.app.config().set("DEBUG", "on");  // read as the config reads booleans
  CHECK_FALSE(is_plain_500(f.client.get("/boom")));
}

TEST_CASE("error handlers: an exception's still wins, the 500 handler is bypassed", "[debug_page]") {
  Fixture f;
  f.app.error_handler(500, [](const retort::Request&, const retort::HttpError&) {
    return retort::Response("app 500", 500);
  });
  CHECK(f.has(f.client.get("/boom"), "<h1>std::runtime_error</h1>"));  // as Flask's debugger
  f.app.error_handler<std::runtime_error>([](const retort::Request&, const std::runtime_error& e) {
    return retort::Response(std::string("handled: ") + e.what(), 503);
  });
  const retort::Response r = f.client.get("/boom");
  CHECK(r.status() == 503);
  CHECK(r.body() == "handled: kaboom");
  // HTTP errors keep their own pages.
  CHECK(f.client.get("/nowhere").status() == 404);
  CHECK(f.has(f.client.get("/nowhere"), "<h1>Not Found</h1>"));

  Fixture production(retort::Intent::production);
  production.app.error_handler(500, [](const retort::Request&, const retort::HttpError&) {
    return retort::Response("app 500", 500);
  });
  CHECK(production.client.get("/boom").body() == "app 500");
}

TEST_CASE("the page names nested exceptions, other thrown types, and where no route matched", "[debug_page]") {
  Fixture f;
  f.app.before_request([](const retort::Request& request) -> std::optional<retort::Response> {
    if (request.path() == "/user/7") {
      try {
        throw DatabaseError("connection <refused>");
      } catch (...) {
        std::throw_with_nested(std::runtime_error("cannot load user 7"));
      }
    }
    if (request.path() == "/user/8") throw 42;
    if (request.path() == "/nowhere") throw std::logic_error("hook failed");
    return std::nullopt;
  });
  retort::Response r = f.client.get("/user/7");
  INFO(r.body());
  CHECK(f.has(r, "<p class=what>cannot load user 7</p>"));
  CHECK(f.has(r, "<p>nested in it: <b>(anonymous namespace)::DatabaseError</b>: connection &lt;refused&gt;</p>"));
  CHECK(f.has(r, "<tr><th>Endpoint<td>user_by_id\n"));
  CHECK(f.has(r, "<tr><th>Rule<td>/user/&lt;int:id&gt;\n"));

  r = f.client.get("/user/8");
  CHECK(f.has(r, "<h1>int</h1>\n<p class=what></p>"));

  r = f.client.get("/nowhere");
  CHECK(f.has(r, "<h1>std::logic_error</h1>"));
  CHECK(f.has(r, "<tr><th>Endpoint<td>(no route matched)\n"));
  CHECK_FALSE(f.has(r, "<th>Rule"));
}

TEST_CASE("an error handler that throws gets the debug page too, naming what it handled", "[debug_page]") {
  Fixture f;
  f.app.error_handler(404, [](const retort::Request&, const retort::HttpError&) -> retort::Response {
    throw std::runtime_error("handler broke");
  });
  const retort::Response r = f.client.get("/nowhere");
  CHECK(r.status() == 500);
  CHECK(f.has(r, "<h1>std::runtime_error</h1>\n<p class=what>handler broke</p>"));
  CHECK(f.has(r, "<p>An error handler threw this while it handled <b>retort::HttpError</b>: 404 Not Found</p>"));
  CHECK(f.log.find("error handler threw: handler broke") != std::string::npos);
}

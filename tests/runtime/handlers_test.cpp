// Handler parameters and return values through the test client: query
// parameters, JSON bodies, forms, cookies, tuples (docs/handlers.md).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <retort/app.hpp>
#include <retort/test_client.hpp>

#include "test_routes.hpp"

namespace {

using nlohmann::json;

struct Fixture {
  Fixture() {
    app.set_logger([this](std::string_view message) { log += std::string(message) + "\n"; });
    app.config().set("GREETING", "hello from config");
    register_routes(app);
  }
  json get_json(std::string_view target) {
    retort::Response r = client.get(target);
    INFO(target << " -> " << r.status() << " " << r.body());
    REQUIRE(r.header("Content-Type") == "application/json");
    return json::parse(r.body());
  }
  // The description of the default JSON error page.
  std::string error_of(const retort::Response& r) { return json::parse(r.body()).at("description"); }

  retort::App app{retort::Intent::testing};
  retort::TestClient client{app};
  retort::Headers wants_json{{"Accept", "application/json"}};
  std::string log;
};

constexpr std::string_view kUuid = "a8098c1a-f86e-11da-bd1a-00112444be1e";

TEST_CASE_METHOD(Fixture, "typed query parameters are converted by name", "[handlers][query]") {
  json j = get_json("/q/scalars?page=3&small=255&ratio=-1.5e1&verbose=&name=a+b&view=%C3%A9&id=" + std::string(kUuid));
  CHECK(j == json{{"page", 3}, {"small", 255}, {"ratio", -15.0}, {"verbose", true}, {"name", "a b"},
                  {"view", "\u00e9"}, {"id", kUuid}});
  CHECK(get_json("/q/scalars?page=-3&small=0&ratio=2&verbose=OFF&name=&view=v&id=" + std::string(kUuid))["verbose"] == false);
}

TEST_CASE_METHOD(Fixture, "a missing or malformed query parameter is a 400 naming it", "[handlers][query]") {
  const std::string rest = "&small=1&ratio=1&verbose=1&name=n&view=v&id=" + std::string(kUuid);
  auto status_and_error = [&](const std::string& target) {
    retort::Response r = client.get(target, wants_json);
    return std::to_string(r.status()) + " " + error_of(r);
  };
  CHECK(status_and_error("/q/scalars?x=1" + rest) == "400 The query parameter 'page' is required.");
  CHECK(status_and_error("/q/scalars?page=two" + rest) == "400 The query parameter 'page' must be an integer, not 'two'.");
  CHECK(status_and_error("/q/scalars?page=1.0" + rest) == "400 The query parameter 'page' must be an integer, not '1.0'.");
  CHECK(status_and_error("/q/scalars?page=99999999999999999999" + rest) ==
        "400 The query parameter 'page' must be an integer from -2147483648 to 2147483647, not '99999999999999999999'.");
  CHECK(status_and_error("/q/scalars?page=1&small=256&ratio=1&verbose=1&name=n&view=v&id=" + std::string(kUuid)) ==
        "400 The query parameter 'small' must be an integer from 0 to 255, not '256'.");
  CHECK(status_and_error("/q/scalars?page=1&small=-1&ratio=1&verbose=1&name=n&view=v&id=" + std::string(kUuid)) ==
        "400 The query parameter 'small' must be a non-negative integer, not '-1'.");
  CHECK(status_and_error("/q/scalars?page=1&small=1&ratio=nan&verbose=1&name=n&view=v&id=" + std::string(kUuid)) ==
        "400 The query parameter 'ratio' must be a number, not 'nan'.");
  CHECK(status_and_error("/q/scalars?page=1&small=1&ratio=1&verbose=maybe&name=n&view=v&id=" + std::string(kUuid)) ==
        "400 The query parameter 'verbose' must be true or false, not 'maybe'.");
  CHECK(status_and_error("/q/scalars?page=1&small=1&ratio=1&verbose=1&name=n&view=v&id=nope") ==
        "400 The query parameter 'id' must be a UUID, not 'nope'.");
  CHECK(status_and_error("/q/big?n=99999999999999999999&f=1") ==
        "400 The query parameter 'n' must be an integer from -9223372036854775808 to 9223372036854775807, not "
        "'99999999999999999999'.");
  CHECK(status_and_error("/q/big?n=%2B-5&f=1") == "400 The query parameter 'n' must be an integer, not '+-5'.");
  CHECK(status_and_error("/q/big?n=1&f=1e39") == "400 The query parameter 'f' must be a number, not '1e39'.");
  CHECK(client.get("/q/big?n=%2B5&f=-2.5").body() == "5 -2.500000");
  // Parameters are read in order: the first wrong one is reported.
  CHECK(status_and_error("/q/order?first=x&second=y") == "400 The query parameter 'first' must be an integer, not 'x'.");
  CHECK(client.get("/q/order?first=1&second=2").body() == "3");
}

TEST_CASE_METHOD(Fixture, "optional and repeated query parameters", "[handlers][query]") {
  CHECK(get_json("/q/optional") == json{{"page", nullptr}, {"sort", nullptr}});
  CHECK(get_json("/q/optional?page=2&sort=name") == json{{"page", 2}, {"sort", "name"}});
  CHECK(client.get("/q/optional?page=x").status() == 400);
  CHECK(get_json("/q/lists") == json{{"tag", json::array()}, {"n", json::array()}});
  CHECK(get_json("/q/lists?tag=b&n=1&tag=a&tag=b&n=2") == json{{"tag", {"b", "a", "b"}}, {"n", {1, 2}}});
  CHECK(client.get("/q/lists?n=1&n=x").status() == 400);
}

TEST_CASE_METHOD(Fixture, "JSON bodies are parsed and converted, with 415 and 400 for bad ones", "[handlers][json]") {
  CHECK(json::parse(client.post_json("/body/json", {{"a", {1, 2}}}).body()) == json{{"got", {{"a", {1, 2}}}}});
  CHECK(json::parse(client.post_json("/body/point", {{"x", 1}, {"y", 2}}).body()) == json{{"x", 2}, {"y", 1}});
  CHECK(json::parse(client.post_json("/body/map", {{"a", 1}, {"b", 5}}).body()) == json{{"total", 6}});
  // application/*+json is JSON too (Werkzeug's is_json).
  CHECK(client.post("/body/json", "[1]", {{"Content-Type", "application/vnd.api+json"}}).status() == 200);

  retort::Response no_type = client.post("/body/json", "{}", wants_json);
  CHECK(no_type.status() == 415);
  CHECK(error_of(no_type) ==
        "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.");
  retort::Response broken = client.post("/body/json", "{\"a\":", {{"Content-Type", "application/json"}, {"Accept", "application/json"}});
  CHECK(broken.status() == 400);
  CHECK(error_of(broken).starts_with("Failed to decode JSON object: "));
  retort::Response shape = client.post_json("/body/point", {{"x", "one"}, {"y", 2}}, wants_json);
  CHECK(shape.status() == 400);
  CHECK(error_of(shape).starts_with("The JSON body does not have the expected shape: "));
  CHECK(client.post_json("/body/point", {{"x", 1}}).status() == 400);  // y missing

  // Nesting is bounded: copying a deeper value would exhaust the stack.
  retort::Response deep = client.post("/body/json", std::string(100000, '[') + std::string(100000, ']'),
                                      {{"Content-Type", "application/json"}, {"Accept", "application/json"}});
  CHECK(deep.status() == 400);
  CHECK(error_of(deep) == "The JSON body is nested deeper than 512 levels.");
  CHECK(client.post("/body/json", std::string(500, '[') + std::string(500, ']'), {{"Content-Type", "application/json"}})
            .status() == 200);
  // The reason, without nlohmann's tag or an echo of the body.
  CHECK(error_of(broken) == "Failed to decode JSON object: parse error at line 1, column 6: syntax error while "
                            "parsing value - unexpected end of input; expected '[', '{', or a literal");
  CHECK(client.post("/body/optional").body() == "none");
  CHECK(client.post_json("/body/optional", {{"x", 1}, {"y", 2}}).body() == "point");
}

TEST_CASE_METHOD(Fixture, "return values become responses as in Flask", "[handlers][return]") {
  retort::Response tuple = client.get("/ret/tuple");
  CHECK(tuple.status() == 201);
  CHECK(tuple.body() == "created");
  CHECK(tuple.header("Content-Type") == "text/html; charset=utf-8");
  retort::Response tuple3 = client.get("/ret/tuple3");
  CHECK(tuple3.status() == 202);
  CHECK(tuple3.body() == "{\"ok\":true}\n");
  CHECK(tuple3.header("X-Extra") == "1");
  retort::Response pair = client.get("/ret/pair");
  CHECK(pair.status() == 200);
  CHECK(pair.header("X-Extra") == "2");
  CHECK(get_json("/ret/point") == json{{"x", 3}, {"y", 4}});
  CHECK(get_json("/ret/points") == json{{{"x", 1}, {"y", 2}}, {{"x", 3}, {"y", 4}}});
  retort::Response made = client.get("/ret/response");
  CHECK(made.status() == 203);
  CHECK(made.body() == "{\"made\":true}\n");
}

TEST_CASE_METHOD(Fixture, "the request tells method, path, URL, host, headers and the remote address", "[handlers][request]") {
  json j = json::parse(client.get("/req/info", {{"Host", "example.com:8080"}, {"USER-AGENT", "tests"}}).body());
  CHECK(j == json{{"method", "GET"}, {"path", "/req/info"}, {"url", "http://example.com:8080/req/info"},
                  {"host", "example.com:8080"}, {"remote", "127.0.0.1"}, {"agent", "tests"}});
}

TEST_CASE_METHOD(Fixture, "cookies: set with flags, read back, deleted", "[handlers][cookies]") {
  retort::Response set = client.get("/cookies/set");
  std::vector<std::string> headers;
  for (const auto& [name, value] : set.headers().items())
    if (name == "Set-Cookie") headers.push_back(value);
  REQUIRE(headers.size() == 2);
  CHECK(headers[0] == "session=abc; HttpOnly; Path=/; SameSite=Lax");
  CHECK(headers[1].starts_with("theme=dark; Expires="));
  CHECK(headers[1].ends_with("; Max-Age=60; Secure; Path=/"));
  // The client keeps them and sends them back, as Flask's does.
  CHECK(json::parse(client.get("/cookies/read").body()) == json{{"session", "abc"}, {"theme", "dark"}});
  client.get("/cookies/delete");
  CHECK(json::parse(client.get("/cookies/read").body()) == json{{"theme", "dark"}});
  // A tuple's headers keep a repeated name; the jar reads attributes, not text.
  retort::Response two = client.get("/ret/two-cookies");
  std::size_t set_cookies = 0;
  for (const auto& [name, value] : two.headers().items()) set_cookies += name == "Set-Cookie";
  CHECK(set_cookies == 2);
  CHECK(json::parse(client.get("/cookies/read").body()) == json{{"theme", "dark"}, {"a", "1"}, {"born", "1970"}});
  // Several Cookie headers and quoted values.
  client.clear_cookies();
  CHECK(json::parse(client.get("/cookies/read", {{"Cookie", "a=1; b=\"x y\""}, {"Cookie", "c=3"}}).body()) ==
        json{{"a", "1"}, {"b", "x y"}, {"c", "3"}});
}

TEST_CASE_METHOD(Fixture, "forms: urlencoded and multipart with files", "[handlers][form]") {
  CHECK(json::parse(client.post_form("/form", {{"name", "ada l"}, {"tag", "a"}, {"tag", "b&c"}}).body()) ==
        json{{"name", "ada l"}, {"tags", {"a", "b&c"}}, {"files", json::array()}});
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nada\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"notes.txt\"\r\n"
      "Content-Type: text/plain\r\n\r\nline 1\r\nline 2\r\n"
      "--XyZ--\r\n";
  json j = json::parse(client.post("/form", body, {{"Content-Type", "multipart/form-data; boundary=XyZ"}}).body());
  CHECK(j == json{{"name", "ada"}, {"tags", json::array()},
                  {"files", {{{"field", "upload"}, {"filename", "notes.txt"}, {"type", "text/plain"}, {"size", 14}}}}});
  retort::Response bad = client.post("/form", "--XyZ\r\nno end", {{"Content-Type", "multipart/form-data; boundary=XyZ"}});
  CHECK(bad.status() == 400);
}

TEST_CASE_METHOD(Fixture, "handlers can take the app", "[handlers][app]") {
  CHECK(client.get("/app/config").body() == "hello from config");
}

TEST_CASE_METHOD(Fixture, "abort and default error pages, HTML or JSON as the client asks", "[handlers][errors]") {
  retort::Response html = client.get("/abort/403");
  CHECK(html.status() == 403);
  CHECK(html.body() ==
        "<!doctype html>\n<html lang=en>\n<title>403 Forbidden</title>\n<h1>Forbidden</h1>\n<p>You don&#39;t have the "
        "permission to access the requested resource. It is either read-protected or not readable by the "
        "server.</p>\n");
  retort::Response with_why = client.get("/abort/409?why=teapot", wants_json);
  CHECK(with_why.status() == 409);
  CHECK(json::parse(with_why.body()) == json{{"code", 409}, {"name", "Conflict"}, {"description", "teapot"}});
  // The description is escaped, as Werkzeug's: abort(400, text) may quote the request.
  CHECK(client.get("/abort/409?why=%3Cscript%3E").body().find("<p>&lt;script&gt;</p>") != std::string::npos);
  // Browsers send both; HTML wins when it is preferred or equal.
  CHECK(client.get("/abort/404", {{"Accept", "text/html,application/json;q=0.9"}}).header("Content-Type") ==
        "text/html; charset=utf-8");
  CHECK(client.get("/nowhere", wants_json).header("Content-Type") == "application/json");
  retort::Response boom = client.get("/throw/logic");
  CHECK(boom.status() == 500);
  CHECK(log.find("unhandled exception: broken") != std::string::npos);
}

TEST_CASE_METHOD(Fixture, "MAX_CONTENT_LENGTH refuses longer bodies with 413", "[handlers][limits]") {
  app.config().set("MAX_CONTENT_LENGTH", 10);
  CHECK(client.post_json("/body/json", {1, 2}).status() == 200);
  CHECK(client.post_json("/body/json", {1, 2, 3, 4, 5, 6}).status() == 413);
}

TEST_CASE_METHOD(Fixture, "templates render from the app's folder, escaped, with url_for", "[handlers][templates]") {
  app.config().set("TEMPLATES_FOLDER", "app_templates");  // tests/runtime/app_templates: the app's root is this folder
  CHECK(client.get("/tpl/7?name=%3CAda%3E").body() ==
        "<link rel=\"stylesheet\" href=\"/static/app.css\">\n"
        "<a href=\"/user/7\">&lt;Ada&gt;</a>\n"
        "<a href=\"/pages/2?sort=name#top\">page 2</a>\n");
}

TEST_CASE_METHOD(Fixture, "url_for in templates: repeated names are a list, _external and _anchor are options",
                 "[handlers][templates]") {
  app.config().set("TEMPLATES_FOLDER", "app_templates");
  app.set_server_name("example.com", "https");
  CHECK(app.render_template("links.html", {{"second", "b c"}}) ==
        "<a href=\"https://example.com/q/lists?tag=a&amp;tag=b+c#end\">tags</a>\n");
}

TEST_CASE_METHOD(Fixture, "the app serves its static folder under STATIC_URL_PATH", "[handlers][static]") {
  // tests/runtime/static: the app's root is this file's folder.
  retort::Response file = client.get("/static/hello.txt");
  REQUIRE(file.status() == 200);
  CHECK(file.header("Content-Type") == "text/plain; charset=utf-8");
  const std::string etag(file.header("ETag"));
  CHECK(!etag.empty());
  CHECK(client.get("/static/hello.txt", {{"If-None-Match", etag}}).status() == 304);
  CHECK(client.get("/static/hello.txt", {{"Range", "bytes=0-4"}}).status() == 206);
  CHECK(client.get("/static/nested/deep/page.html").status() == 200);
  CHECK(client.get("/static/missing.txt").status() == 404);
  CHECK(client.get("/static/..%2f..%2fCMakeLists.txt").status() == 404);
  CHECK(client.get("/static/%2e%2e/views.cpp").status() == 404);
  retort::Response post = client.post("/static/hello.txt");
  CHECK(post.status() == 405);
  CHECK(post.header("Allow") == "GET, HEAD, OPTIONS");
  CHECK(app.url_for("static", {{"filename", "img/logo v2.png"}}) == "/static/img/logo%20v2.png");
  app.config().set("STATIC_URL_PATH", "/assets");
  CHECK(client.get("/assets/hello.txt").status() == 200);
  CHECK(client.get("/static/hello.txt").status() == 404);
  CHECK(app.url_for("static", {{"filename", "a.css"}}, {.anchor = "x"}) == "/assets/a.css#x");
}

}  // namespace

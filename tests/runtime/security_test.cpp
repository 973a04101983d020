// Security checks (issue #9), over the wire where it matters: a real
// retort::Server on loopback, raw request bytes, and what comes back.
// Expected values were printed by Flask 3.1.3 / Werkzeug 3.1.8 unless a
// comment says why retort answers otherwise. docs/reliability.md lists
// what is checked here.
#include <catch2/catch.hpp>
#include <retort/app.hpp>
#include <retort/cookies.hpp>
#include <retort/server.hpp>

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "loopback_client.hpp"
#include "test_routes.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using loopback::Connection;

// A server for `app` on a free loopback port, stopped on destruction.
struct Served {
  explicit Served(retort::App& app) : server(app, {.host = "127.0.0.1", .port = 0, .threads = 1}) {
    server.start();
  }
  std::uint16_t port() const { return server.port(); }
  // One request on a new connection; its response, or "" when none came.
  std::string fetch(const std::string& request) const { return loopback::fetch(port(), request).value_or(""); }
  retort::Server server;
};

std::string status_line(const std::string& response) { return response.substr(0, response.find("\r\n")); }
std::string body_of(const std::string& response) {
  const std::size_t end = response.find("\r\n\r\n");
  return end == std::string::npos ? std::string() : response.substr(end + 4);
}
// Every value of header `name` in the response head, in order.
std::vector<std::string> header_values(const std::string& response, std::string_view name) {
  std::vector<std::string> values;
  const std::string head = response.substr(0, response.find("\r\n\r\n") + 2);
  for (std::size_t at = head.find("\r\n"); at != std::string::npos && at + 2 < head.size();) {
    const std::size_t end = head.find("\r\n", at + 2);
    const std::string line = head.substr(at + 2, end - at - 2);
    const std::size_t colon = line.find(": ");
    if (colon != std::string::npos && retort::iequals(line.substr(0, colon), name))
      values.push_back(line.substr(colon + 2));
    at = end;
  }
  return values;
}
std::string location_of(const std::string& response) {
  const auto values = header_values(response, "Location");
  return values.empty() ? std::string("(no Location)") : values.front();
}

// A Location that stays on the origin Host named, or on this one when
// relative: never scheme-relative (`//x`, `/\x`), never with userinfo.
bool stays_on(const std::string& location, const std::string& origin) {
  if (location.starts_with("/")) return location.size() == 1 || (location[1] != '/' && location[1] != '\\');
  return location.starts_with(origin + "/") && location.find('@') == std::string::npos;
}

// `before`, a NUL byte, then `after`.
std::string nul(std::string_view before, std::string_view after) {
  return std::string(before) + '\0' + std::string(after);
}

std::string get(std::string_view target, std::string_view host = "t") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: " + std::string(host) + "\r\n\r\n";
}

// Every test's folder is named after this file.
struct TempDir : test_support::TempDir {
  TempDir() : test_support::TempDir("retort-security-") {}
};

}  // namespace

// ---------------------------------------------------------------------------
// 1. Static files

TEST_CASE("static: request targets that leave the folder are 404 over the wire", "[security][static]") {
  // root/app is the app's root, root/app/static its static folder; every
  // target below names a file that exists outside it, holding SECRET.
  TempDir dir;
  dir.write("app/static/hello.txt", "hello");
  dir.write("app/static/sub/page.txt", "page");
  dir.write("app/secret.txt", "SECRET app");
  dir.write("etc/passwd", "SECRET passwd");
  const fs::path static_dir = dir.path / "app" / "static";
  fs::create_symlink("../secret.txt", static_dir / "link.txt");
  fs::create_symlink(dir.path / "app" / "secret.txt", static_dir / "absolute-link.txt");
  fs::create_symlink("..", static_dir / "up");
  retort::App app(retort::Intent::production, dir.path / "app");
  app.set_logger([](std::string_view) {});
  app.config().set("STATIC_FOLDER", "static");
  Served served(app);

  // The folder is served: the 404s below come from the checks.
  REQUIRE(body_of(served.fetch(get("/static/hello.txt"))) == "hello");
  REQUIRE(body_of(served.fetch(get("/static/sub/../hello.txt"))) == "hello");  // inside: safe_join allows it

  for (const char* target : {
           "/static/../secret.txt",
           "/static/%2e%2e/secret.txt",
           "/static/%2E%2E/secret.txt",
           "/static/%2e%2e%2fsecret.txt",
           "/static/..%2fsecret.txt",
           "/static/..%2f..%2fetc/passwd",
           "/static/sub/..%2f..%2f..%2fetc/passwd",
           "/static/..%5csecret.txt",
           "/static/..\\secret.txt",
           "/static/%2fetc%2fpasswd",
           "/static/%2f%2fetc%2fpasswd",
           "/static/%c0%ae%c0%ae/secret.txt",      // overlong UTF-8 for `.`: not a dot to us
           "/static/%c0%ae%c0%ae%c0%afsecret.txt",  // ... and `/`
           "/static/link.txt",                      // symlinks out of the folder
           "/static/absolute-link.txt",
           "/static/up/secret.txt",
           "http://t/static/%2e%2e/secret.txt",
       }) {
    INFO("target: " << target);
    const std::string response = served.fetch(get(target));
    CHECK(status_line(response) == "HTTP/1.1 404 Not Found");
    CHECK(response.find("SECRET") == std::string::npos);
  }
  // An absolute path: `/etc/passwd` exists on this machine. Flask answers
  // `//` with a 308 to /static/etc/passwd (merge_slashes, still inside the
  // folder); retort's static route does not merge, and the name is absolute.
  for (const char* target : {"/static//etc/passwd", "/static/%2fetc/passwd", "/static//" }) {
    INFO("target: " << target);
    const std::string response = served.fetch(get(target));
    CHECK(status_line(response) == "HTTP/1.1 404 Not Found");
    CHECK(response.find("root:") == std::string::npos);
  }
  // A NUL would end the name at `hello.txt` in the kernel.
  CHECK(status_line(served.fetch(get("/static/hello.txt%00.png"))) == "HTTP/1.1 404 Not Found");
  CHECK(status_line(served.fetch(get("/static/hello.txt%00"))) == "HTTP/1.1 404 Not Found");
  // Raw control bytes in the target never reach the app: the parser refuses them.
  CHECK(status_line(served.fetch(get(nul("/static/hello.txt", ".png")))) == "HTTP/1.1 400 Bad Request");
}

// ---------------------------------------------------------------------------
// 2. url_for, redirect() and the routing redirects

TEST_CASE("url_for: hostile values are percent-encoded and stay a path", "[security][url_for]") {
  struct Case {
    std::string value, user, raw;  // url_for::user_by_name(value), url_for::raw_path(value)
  };
  const std::vector<Case> cases = {
      {"\r\n", "/user/%0D%0A", "/raw/%0D%0A"},
      {"\n", "/user/%0A", "/raw/%0A"},
      {"a\r\nSet-Cookie: x=y", "/user/a%0D%0ASet-Cookie:%20x=y", "/raw/a%0D%0ASet-Cookie:%20x=y"},
      {"//evil.example", "/user///evil.example", "/raw///evil.example"},
      {"http://evil", "/user/http://evil", "/raw/http://evil"},
      {"/\\evil", "/user//%5Cevil", "/raw//%5Cevil"},
      {"%0d%0a", "/user/%250d%250a", "/raw/%250d%250a"},
      {"a?b#c", "/user/a%3Fb%23c", "/raw/a%3Fb%23c"},
  };
  retort::App app;
  register_routes(app);
  for (const Case& c : cases) {
    INFO("value: " << c.value);
    CHECK(url_for::user_by_name(c.value) == c.user);
    CHECK(url_for::raw_path(c.value) == c.raw);
    CHECK(app.url_for("user_by_name", {{"name", c.value}}) == c.user);
    CHECK(app.url_for("raw_path", {{"p", c.value}}) == c.raw);
  }
  // Query values and anchors: Werkzeug's url_encode and url_quote.
  CHECK(url_for::user_by_name("x", {.query = {{"next", "\r\n//evil"}}, .anchor = "\r\n//evil"}) ==
        "/user/x?next=%0D%0A//evil#%0D%0A//evil");
  CHECK(app.url_for("user_by_name", {{"name", "x"}, {"next", "/\\evil\n"}}, {.anchor = "a\rb"}) ==
        "/user/x?next=/%5Cevil%0A#a%0Db");
  // A rule that starts with a variable (static_url_path ""): Werkzeug
  // builds `/` + path.lstrip("/"), so a value cannot make the URL `//host`.
  TempDir dir;
  dir.write("static/x", "x");
  retort::App root_static(retort::Intent::production, dir.path);
  root_static.config().set("STATIC_FOLDER", "static");
  root_static.config().set("STATIC_URL_PATH", "");
  CHECK(root_static.url_for("static", {{"filename", "//evil.example"}}) == "/evil.example");
  CHECK(root_static.url_for("static", {{"filename", "\r\n//evil"}}) == "/%0D%0A//evil");
  CHECK(root_static.url_for("static", {{"filename", "/\\evil"}}) == "/%5Cevil");
}

TEST_CASE("redirect(): CR/LF throws, the Location is sent as a URI", "[security][redirect]") {
  CHECK_THROWS_AS(retort::redirect("/a\r\nSet-Cookie: x=y"), std::invalid_argument);
  CHECK_THROWS_AS(retort::redirect("/a\nb"), std::invalid_argument);
  CHECK_THROWS_AS(retort::redirect("/a\rb"), std::invalid_argument);
  // Werkzeug's iri_to_uri on the way out.
  CHECK(retort::redirect("/\\evil.example").header("Location") == "/%5Cevil.example");
  CHECK(retort::redirect("/\xc3\xa9 \xc3\xbc").header("Location") == "/%C3%A9%20%C3%BC");
  CHECK(retort::redirect("/a b<\">").header("Location") == "/a%20b%3C%22%3E");
  CHECK(retort::redirect(std::string("/a\0b", 4)).header("Location") == "/a%00b");
  CHECK(retort::redirect("/a%0d%0a?q=1&r=/x#f").header("Location") == "/a%0d%0a?q=1&r=/x#f");  // escapes kept
  // Where it points is the handler's choice, as in Werkzeug.
  CHECK(retort::redirect("//evil.example").header("Location") == "//evil.example");

  // Over the wire: `/go?to=…` redirects to a value from the request.
  retort::App app;
  app.set_logger([](std::string_view) {});
  app.before_request([](const retort::Request& request) -> std::optional<retort::Response> {
    if (request.path() != "/go") return std::nullopt;
    return retort::redirect(request.args().get("to").value_or("/"));
  });
  Served served(app);
  for (const char* to : {"/a%0D%0ASet-Cookie:%20evil=1", "/a%0ASet-Cookie:%20evil=1", "%0D%0ASet-Cookie:%20evil=1"}) {
    INFO("to=" << to);
    const std::string response = served.fetch(get(std::string("/go?to=") + to));
    CHECK(status_line(response) == "HTTP/1.1 500 Internal Server Error");
    CHECK(header_values(response, "Set-Cookie").empty());
    CHECK(header_values(response, "Location").empty());
    CHECK(response.find("evil") == std::string::npos);
  }
  const std::string backslash = served.fetch(get("/go?to=/%5Cevil.example"));
  CHECK(status_line(backslash) == "HTTP/1.1 302 Found");
  CHECK(header_values(backslash, "Location") == std::vector<std::string>{"/%5Cevil.example"});
}

TEST_CASE("routing redirects: Location stays on the Host, or is a path when Host is not a host",
          "[security][redirect]") {
  retort::App app;
  app.set_logger([](std::string_view) {});
  register_routes(app);
  Served served(app);
  // Valid hosts: the Location names exactly that origin (as Werkzeug's).
  for (const std::string host : {"t", "evil.example", "t:8080", "[::1]:8080", "10.0.0.1", "a-b.c"}) {
    INFO("Host: " << host);
    const std::string response = served.fetch(get("/docs", host));
    CHECK(status_line(response) == "HTTP/1.1 308 Permanent Redirect");
    CHECK(location_of(response) == "http://" + host + "/docs/");
  }
  // Werkzeug 3.1.8's get_host treats these as no host at all (its Location
  // is then `http:///docs/`, which a browser reads as http://docs/); retort
  // answers with the path alone, on whatever origin the client used.
  for (const std::string host : {"host@evil.example", "host/path", "host?x", "host#x", "host\\evil.example", "a b",
                                 "", "t:", "t:abc", "h_st", "h%2fx", "\xc3\xa9.example", "[::1", "[]:80",
                                 "evil.example/..", "t:80@evil.example"}) {
    INFO("Host: " << host);
    const std::string response = served.fetch(get("/docs?x=1", host));
    CHECK(status_line(response) == "HTTP/1.1 308 Permanent Redirect");
    CHECK(location_of(response) == "/docs/?x=1");
  }
  // The absolute-form target's authority becomes the Host, and is checked too.
  CHECK(location_of(served.fetch(get("http://t@evil.example/docs", "t"))) == "/docs/");
  CHECK(location_of(served.fetch(get("http://good.example/docs", "t"))) == "http://good.example/docs/");
  // Control bytes and CR/LF in a Host never get that far.
  CHECK(status_line(served.fetch(get("/docs", std::string("ho\x01st")))) == "HTTP/1.1 400 Bad Request");
  CHECK(status_line(served.fetch(get("/docs", nul("ho", "st")))) == "HTTP/1.1 400 Bad Request");
  CHECK(status_line(served.fetch("GET /docs HTTP/1.1\r\nHost: t\rSet-Cookie: a=b\r\n\r\n")) ==
        "HTTP/1.1 400 Bad Request");
  // A long host is still that host; past the header limit it is a 431.
  const std::string long_host(3000, 'a');
  CHECK(location_of(served.fetch(get("/docs", long_host))) == "http://" + long_host + "/docs/");
  CHECK(status_line(served.fetch(get("/docs", std::string(20000, 'a')))) ==
        "HTTP/1.1 431 Request Header Fields Too Large");

  // Merging slashes never yields a scheme-relative Location, with or
  // without a Host (HTTP/1.0 without one gets a path alone).
  for (const char* target : {"//docs", "///docs", "//docs//", "/%2F/docs", "//%2Fdocs", "//user//7", "//docs?next=//evil"}) {
    INFO("target: " << target);
    const std::string with_host = served.fetch(get(target, "t"));
    CHECK(status_line(with_host) == "HTTP/1.1 308 Permanent Redirect");
    CHECK(stays_on(location_of(with_host), "http://t"));
    const std::string without = served.fetch("GET " + std::string(target) + " HTTP/1.0\r\n\r\n");
    CHECK(status_line(without) == "HTTP/1.1 308 Permanent Redirect");
    CHECK(stays_on(location_of(without), "http://t"));
    CHECK(location_of(without).starts_with("/"));
  }
  CHECK(location_of(served.fetch("GET //docs HTTP/1.0\r\n\r\n")) == "/docs/");
  CHECK(location_of(served.fetch("GET //user//7 HTTP/1.0\r\n\r\n")) == "/user/7");
  // Paths that merge to no route stay 404s; they never redirect off-site.
  CHECK(status_line(served.fetch(get("//evil.example//x"))) == "HTTP/1.1 404 Not Found");
  CHECK(status_line(served.fetch(get("//evil.example/"))) == "HTTP/1.1 404 Not Found");
  // The query is kept, with bytes a URI cannot hold percent-encoded.
  CHECK(location_of(served.fetch(get("/docs?y=\xc3\xa9\"<>\\|&z=%0d%0a"))) ==
        "http://t/docs/?y=%C3%A9%22%3C%3E%5C%7C&z=%0d%0a");
}

// ---------------------------------------------------------------------------
// 3. Cookies

TEST_CASE("Set-Cookie carries exactly the flags given, and values cannot add any", "[security][cookies]") {
  const auto expires = std::chrono::sys_days{std::chrono::year{2030} / 1 / 2} + 3h + 4min + 5s;
  retort::App app;
  app.set_logger([](std::string_view) {});
  app.before_request([&](const retort::Request& request) -> std::optional<retort::Response> {
    retort::Response response("ok");
    const std::string_view value = request.args().get("v").value_or("v");
    const std::string_view path = request.path();
    if (path == "/all")
      response.set_cookie("n", value, {.max_age = 3600s, .expires = expires, .path = "/app", .domain = "example.com",
                                       .secure = true, .http_only = true, .same_site = retort::SameSite::strict});
    else if (path == "/plain") response.set_cookie("n", value);
    else if (path == "/lax") response.set_cookie("n", value, {.same_site = retort::SameSite::lax});
    else if (path == "/none") response.set_cookie("n", value, {.secure = true, .same_site = retort::SameSite::none});
    else if (path == "/partitioned") response.set_cookie("n", value, {.partitioned = true});
    else if (path == "/path") response.set_cookie("n", "v", {.path = std::string(value)});
    else if (path == "/name") response.set_cookie(value, "v");
    else return std::nullopt;
    return response;
  });
  Served served(app);
  auto set_cookie = [&](const std::string& target) {
    const std::string response = served.fetch(get(target));
    INFO(response);
    return header_values(response, "Set-Cookie");
  };
  using List = std::vector<std::string>;
  CHECK(set_cookie("/all") == List{"n=v; Domain=example.com; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Max-Age=3600; "
                                   "Secure; HttpOnly; Path=/app; SameSite=Strict"});
  CHECK(set_cookie("/plain") == List{"n=v; Path=/"});  // no flag unless asked
  CHECK(set_cookie("/lax") == List{"n=v; Path=/; SameSite=Lax"});
  CHECK(set_cookie("/none") == List{"n=v; Secure; Path=/; SameSite=None"});
  CHECK(set_cookie("/partitioned") == List{"n=v; Secure; Path=/; Partitioned"});  // Partitioned implies Secure

  // Values from the request are quoted and escaped as dump_cookie does.
  CHECK(set_cookie("/plain?v=v%3B%20Secure") == List{"n=\"v\\073 Secure\"; Path=/"});
  CHECK(set_cookie("/plain?v=v%3B%20Domain%3Devil.example%3B%20HttpOnly") ==
        List{"n=\"v\\073 Domain=evil.example\\073 HttpOnly\"; Path=/"});
  CHECK(set_cookie("/plain?v=a%0D%0ASet-Cookie:%20evil=1") == List{"n=\"a\\015\\012Set-Cookie: evil=1\"; Path=/"});
  CHECK(set_cookie("/plain?v=a%2Cb%20c") == List{"n=\"a\\054b c\"; Path=/"});
  CHECK(set_cookie("/plain?v=%C3%A9") == List{"n=\"\\303\\251\"; Path=/"});
  CHECK(set_cookie("/plain?v=%22x%22%5C") == List{"n=\"\\\"x\\\"\\\\\"; Path=/"});
  CHECK(set_cookie("/all?v=x%3B%20SameSite%3DNone") ==
        List{"n=\"x\\073 SameSite=None\"; Domain=example.com; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Max-Age=3600; "
             "Secure; HttpOnly; Path=/app; SameSite=Strict"});
  // A path is percent-encoded.
  CHECK(set_cookie("/path?v=/a%3B%20Domain%3Devil%0D%0A") == List{"n=v; Path=/a%3B%20Domain=evil%0D%0A"});
  // A CR or LF in the name throws: a 500 without any Set-Cookie.
  for (const char* target : {"/name?v=a%0D%0ASet-Cookie:%20evil", "/name?v=a%0Aevil:%201"}) {
    INFO(target);
    const std::string response = served.fetch(get(target));
    CHECK(status_line(response) == "HTTP/1.1 500 Internal Server Error");
    CHECK(header_values(response, "Set-Cookie").empty());
    CHECK(response.find("evil") == std::string::npos);
  }
}

// ---------------------------------------------------------------------------
// 4. The debug page

TEST_CASE("no debug page over the wire for production or testing, even with DEBUG forced", "[security][debug_page]") {
  auto boom = [](retort::Intent intent, bool from_environment) {
    retort::App app(intent);
    app.set_logger([](std::string_view) {});
    if (from_environment) {
      const char* environment[] = {"RETORT_DEBUG=true", nullptr};
      app.config().load_environment("RETORT_", environment);
    } else {
      app.config().set("DEBUG", true);
    }
    REQUIRE(app.config().get<bool>("DEBUG"));
    register_routes(app);
    Served served(app);
    return std::pair{served.fetch(get("/boom")),
                     served.fetch("GET /boom HTTP/1.1\r\nHost: t\r\nAccept: application/json\r\n\r\n")};
  };
  // The control: the same request shows the page in development.
  const auto [development, development_json] = boom(retort::Intent::development, true);
  REQUIRE(status_line(development) == "HTTP/1.1 500 Internal Server Error");
  REQUIRE(development.find("kaboom") != std::string::npos);
  REQUIRE(development_json.find("kaboom") != std::string::npos);

  for (retort::Intent intent : {retort::Intent::production, retort::Intent::testing}) {
    for (bool from_environment : {false, true}) {
      INFO(retort::to_string(intent) << (from_environment ? " RETORT_DEBUG=true" : " DEBUG set in code"));
      const auto [html, json] = boom(intent, from_environment);
      CHECK(status_line(html) == "HTTP/1.1 500 Internal Server Error");
      CHECK(body_of(html).find("<h1>Internal Server Error</h1>") != std::string::npos);
      CHECK(status_line(json) == "HTTP/1.1 500 Internal Server Error");
      CHECK(header_values(json, "Content-Type") == std::vector<std::string>{"application/json"});
      for (const std::string& response : {html, json}) {
        for (std::string_view leak : {"kaboom", "runtime_error", "debug", "/boom", "Host"}) {
          INFO(leak);
          CHECK(body_of(response).find(leak) == std::string::npos);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------
// 5. Request bodies and framing

TEST_CASE("bodies over MAX_CONTENT_LENGTH are refused before they are sent", "[security][server]") {
  retort::App app;
  app.set_logger([](std::string_view) {});
  app.set_max_content_length(1000);
  register_routes(app);
  Served served(app);
  auto refused = [](Connection& c) {
    // Only the head was sent: a 413 that arrives now (read_response waits
    // five seconds at most) was sent without waiting for the body.
    const std::string response = c.read_response();
    CHECK(status_line(response) == "HTTP/1.1 413 Request Entity Too Large");
    CHECK(header_values(response, "Connection") == std::vector<std::string>{"close"});
    CHECK(c.closed_by_server());
    return response;
  };
  SECTION("a huge Content-Length") {
    Connection c(served.port());
    c.send_text("POST /items HTTP/1.1\r\nHost: t\r\nContent-Length: 10000000000\r\n\r\n");
    refused(c);
  }
  SECTION("a Content-Length that overflows 64 bits") {
    Connection c(served.port());
    c.send_text("POST /items HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999999999999999\r\n\r\n");
    refused(c);
  }
  SECTION("one byte over") {
    Connection c(served.port());
    c.send_text("POST /items HTTP/1.1\r\nHost: t\r\nContent-Length: 1001\r\n\r\n");
    refused(c);
  }
  SECTION("the limit itself is accepted") {
    Connection c(served.port());
    c.send_text("POST /items HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n" + std::string(1000, 'x'));
    CHECK(status_line(c.read_response()) == "HTTP/1.1 200 OK");
  }
  SECTION("Expect: 100-continue gets the 413 and no 100 Continue") {
    Connection c(served.port());
    c.send_text("POST /items HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 1001\r\n\r\n");
    CHECK_FALSE(refused(c).starts_with("HTTP/1.1 100"));
  }
  SECTION("a chunk that passes the limit: 413 at its size line, before its data") {
    Connection c(served.port());
    c.send_text("POST /items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n" + std::string(1000, 'x') +
                "\r\n1\r\n");
    refused(c);
  }
  SECTION("one huge chunk") {
    Connection c(served.port());
    c.send_text("POST /items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n");
    refused(c);
  }
  SECTION("many small chunks") {
    Connection c(served.port());
    std::string chunks;
    for (int i = 0; i < 1000; ++i) chunks += "1\r\nx\r\n";
    c.send_text("POST /items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n");
    CHECK(c.read_head() == "HTTP/1.1 100 Continue\r\n\r\n");  // chunked: the size is not known yet
    c.send_text(chunks + "1\r\n");
    refused(c);
  }
}

TEST_CASE("framing that could smuggle a request is a 400 and a closed connection", "[security][server]") {
  retort::App app;
  app.set_logger([](std::string_view) {});
  register_routes(app);
  Served served(app);
  // Each is followed by a request that must not be answered.
  const std::string smuggled = "GET /user/7 HTTP/1.1\r\nHost: t\r\n\r\n";
  for (const std::string& head : {
           std::string("POST /items HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 40\r\n\r\n"),
           std::string("POST /items HTTP/1.1\r\nHost: t\r\nContent-Length: 5, 40\r\n\r\n"),
           std::string("POST /items HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"),
           std::string("POST /items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"),
           std::string("POST /items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, identity\r\n\r\n"),
           std::string("POST /items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding : chunked\r\n\r\n"),
           std::string("POST /items HTTP/1.1\r\nHost: t\r\nContent-Length: +5\r\n\r\n"),
           std::string("POST /items HTTP/1.1\r\nHost: t\r\nContent-Length: 0x5\r\n\r\n"),
           std::string("POST /items HTTP/1.1\r\nHost: t\r\n Content-Length: 5\r\n\r\n"),
           std::string("GET /user/7 HTTP/1.1\r\nHost: t\r\nHost: evil.example\r\n\r\n"),
           nul("GET /user/", " HTTP/1.1\r\nHost: t\r\n\r\n"),
           nul("GET /user/7", " HTTP/1.1\r\nHost: t\r\n\r\n"),
           nul("GET /user/7 HTTP/1.1", "\r\nHost: t\r\n\r\n"),
           nul("GET /user/7 HTTP/1.1\r\nHost: t\r\nX-A: a", "b\r\n\r\n"),
           nul("GET /user/7 HTTP/1.1\r\nHost: t\r\nX-", "A: b\r\n\r\n"),
           nul("GET /user/7 HTTP/1.1\r\nHost: t", "\r\n\r\n"),
       }) {
    INFO(head);
    Connection c(served.port());
    c.send_text(head + smuggled);
    const std::string response = c.read_response();
    CHECK(status_line(response) == "HTTP/1.1 400 Bad Request");
    CHECK(header_values(response, "Connection") == std::vector<std::string>{"close"});
    CHECK(c.closed_by_server());  // and nothing more: the smuggled request got no answer
  }
  // The same value twice is one length (RFC 9112 6.3), and is answered.
  Connection c(served.port());
  c.send_text("POST /items HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello");
  CHECK(c.read_response().ends_with("POST items"));
}

// `./app routes`: the listing, --json and `routes match`, called as the
// dispatcher calls them, on the routes of views.cpp (compiled by retortc)
// and the static folder next to this file (tests/runtime/static).
// tests/cli/routes_vs_flask.py compares the real binaries with Flask.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <retort/app.hpp>
#include <retort/generated_support.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/nearest_rules.hpp"
#include "cli/route_details.hpp"
#include "test_routes.hpp"

namespace {

using retort::cli::Arguments;
using retort::cli::UsageError;

struct Run {
  int status = 0;
  std::string out;
  std::string err;
};

Run run(const retort::App& app, std::vector<std::string_view> words, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  retort::cli::Io io{in, out, err};
  const Arguments args = Arguments::parse(retort::cli::kRoutesSpec, words);
  Run result;
  result.status = retort::cli::routes_command(app, args, io);
  result.out = out.str();
  result.err = err.str();
  return result;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The rows' first column, without the header and the dashes.
std::vector<std::string> endpoints_of(const std::string& listing) {
  std::vector<std::string> endpoints;
  const std::vector<std::string> lines = lines_of(listing);
  for (std::size_t i = 2; i < lines.size(); ++i) endpoints.push_back(lines[i].substr(0, lines[i].find(' ')));
  return endpoints;
}

std::size_t position(const std::vector<std::string>& items, std::string_view item) {
  return static_cast<std::size_t>(std::find(items.begin(), items.end(), item) - items.begin());
}

struct Fixture {
  Fixture() { register_routes(app); }
  retort::App app;  // root: this folder, so its static/ is the static route
};

nlohmann::json match_json(const retort::App& app, std::string_view method, std::string_view target) {
  const Run r = run(app, {"match", "--json", method, target});
  REQUIRE(lines_of(r.out).size() == 1);
  return nlohmann::json::parse(r.out);
}

TEST_CASE_METHOD(Fixture, "routes prints Flask's table: padded columns, a dash row, HEAD and OPTIONS hidden",
                 "[cli][routes]") {
  const Run r = run(app, {});
  CHECK(r.status == 0);
  const std::vector<std::string> lines = lines_of(r.out);
  REQUIRE(lines.size() == app.routes().size() + 3);  // header, dashes, the routes and static
  const std::size_t rule_column = lines[0].find("Rule");
  CHECK(lines[0].starts_with("Endpoint"));
  CHECK(lines[0].find("Methods") != std::string::npos);
  CHECK(lines[1].find_first_not_of("- ") == std::string::npos);
  for (const std::string& line : lines) CHECK(line.size() == lines[1].size());  // Flask 3.1 pads the last column too
  CHECK(r.out.find("HEAD") == std::string::npos);
  CHECK(r.out.find("OPTIONS") == std::string::npos);
  // Sorted by endpoint, the default; `static` is Flask's static route.
  const std::vector<std::string> endpoints = endpoints_of(r.out);
  CHECK(std::is_sorted(endpoints.begin(), endpoints.end()));
  const std::string static_line = lines[2 + position(endpoints, "static")];
  CHECK(static_line.substr(rule_column).starts_with("/static/<path:filename>"));
  CHECK(lines[2 + position(endpoints, "delete_item")].find(" DELETE ") != std::string::npos);

  const Run all = run(app, {"--all-methods"});
  const std::vector<std::string> all_lines = lines_of(all.out);
  CHECK(all_lines[2 + position(endpoints, "user_by_id")].find(" GET, HEAD, OPTIONS ") != std::string::npos);
  CHECK(all.out.find("DELETE, OPTIONS") != std::string::npos);
}

TEST_CASE_METHOD(Fixture, "--sort sorts stably on a column; match is the order the matcher tries the rules",
                 "[cli][routes]") {
  // Methods: ties keep Flask's order, the static route first, then
  // registration order.
  const std::vector<std::string> by_methods = endpoints_of(run(app, {"--sort", "methods"}).out);
  CHECK(by_methods.front() == "delete_item");  // "DELETE" < "GET"
  CHECK(by_methods[1] == "static");
  CHECK(by_methods[2] == "index_page");

  const std::vector<std::string> lines = lines_of(run(app, {"--sort=rule"}).out);
  std::vector<std::string> rules;
  for (std::size_t i = 2; i < lines.size(); ++i) rules.push_back(lines[i].substr(lines[0].find("Rule")));
  CHECK(std::is_sorted(rules.begin(), rules.end()));

  // Registered /user/<int:id>, /user/<name>, /user/me: the static segment
  // is tried first, then int (weight 50) before the default converter.
  const std::vector<std::string> by_match = endpoints_of(run(app, {"--sort", "match"}).out);
  CHECK(position(by_match, "me") < position(by_match, "user_by_id"));
  CHECK(position(by_match, "user_by_id") < position(by_match, "user_by_name"));
  CHECK(by_match.back() == "static");  // tried only when no route matched
  CHECK(by_match.front() == "index_page");

  CHECK_THROWS_AS(run(app, {"--sort", "domain"}), UsageError);
}

TEST_CASE_METHOD(Fixture, "an endpoint's rules are listed together, in build order, as Werkzeug's url_map has them",
                 "[cli][routes]") {
  // Registered bottom-up: /pages/<int:page>, then /pages/ (defaults page = 1),
  // which Werkzeug builds first. Sorting by endpoint keeps that order.
  const std::string listing = run(app, {"--sort", "endpoint"}).out;
  const std::size_t with_default = listing.find(" /pages/ ");
  const std::size_t with_variable = listing.find(" /pages/<int:page> ");
  REQUIRE(with_default != std::string::npos);
  REQUIRE(with_variable != std::string::npos);
  CHECK(with_default < with_variable);
  // The matcher tries the rule that ends at `maybe` before the state's
  // children, whatever their build order.
  const std::string by_match = run(app, {"--sort", "match"}).out;
  CHECK(by_match.find(" /maybe ") < by_match.find(" /maybe/<int:n> "));
  CHECK(listing.find(" /maybe/<int:n> ") < listing.find(" /maybe "));  // build order: more arguments first
}

TEST_CASE_METHOD(Fixture, "--json prints the embedded manifest, with the static route", "[cli][routes]") {
  const Run r = run(app, {"--json"});
  CHECK(r.status == 0);
  nlohmann::json printed = nlohmann::json::parse(r.out);
  REQUIRE(printed.contains("static_route"));
  CHECK(printed["static_route"]["rule"] == "/static/<path:filename>");
  CHECK(std::filesystem::equivalent(printed["static_route"]["folder"].get<std::string>(), RETORT_TEST_STATIC_DIR));
  printed.erase("static_route");
  CHECK(printed == nlohmann::json::parse(app.route_manifest()));
  CHECK(printed["routes"].size() == app.routes().size());
  CHECK(printed["match_order"].size() == app.routes().size());

  CHECK_THROWS_AS(run(app, {"--json", "--sort", "rule"}), UsageError);
}

TEST_CASE("an app without routes says so, as Flask does", "[cli][routes]") {
  const std::filesystem::path empty = std::filesystem::temp_directory_path() / "retort_cli_routes_empty";
  std::filesystem::create_directories(empty);
  const retort::App app(retort::Intent::development, empty);  // no static/ there
  CHECK(run(app, {}).out == "No routes were registered.\n");
  CHECK(nlohmann::json::parse(run(app, {"--json"}).out) == nlohmann::json{{"routes", nlohmann::json::array()}});
  CHECK(match_json(app, "GET", "/")["nearest"].empty());
}

TEST_CASE_METHOD(Fixture, "routes match names the endpoint, the rule, where it is and the typed arguments",
                 "[cli][routes][match]") {
  const Run r = run(app, {"match", "GET", "/user/7"});
  CHECK(r.status == 0);
  CHECK(r.out ==
        "GET /user/7\n"
        "  200 OK -> user_by_id\n"
        "  rule       /user/<int:id> (runtime/views.cpp:20)\n"
        "  methods    GET, HEAD, OPTIONS\n"
        "  handler    user_by_id (runtime/views.cpp:21)\n"
        "  arguments  id = 7 (int converter: an integer)\n");

  CHECK(match_json(app, "GET", "/user/7") ==
        nlohmann::json{{"method", "GET"}, {"path", "/user/7"}, {"status", 200}, {"endpoint", "user_by_id"},
                       {"rule", "/user/<int:id>"}, {"source", "runtime/views.cpp:21"}, {"arguments", {{"id", 7}}}});
  // Typed: float, uuid (lower case, as Python's str), any, path; the path
  // percent-decoded once, as the server does, and the query left out.
  CHECK(match_json(app, "GET", "/float/-2.5")["arguments"]["x"] == -2.5);
  CHECK(match_json(app, "GET", "/thing/6BA7B810-9DAD-11D1-80B4-00C04FD430C8")["arguments"]["id"] ==
        "6ba7b810-9dad-11d1-80b4-00c04fd430c8");
  CHECK(match_json(app, "GET", "/color/dark%20blue")["arguments"]["c"] == "dark blue");
  CHECK(match_json(app, "GET", "/files/a/b%2Fc/edit?x=1")["arguments"]["p"] == "a/b/c");
  CHECK(match_json(app, "get", "/user/%E2%9C%93")["arguments"]["name"] == "\u2713");
  CHECK(match_json(app, "get", "/user/%E2%9C%93")["method"] == "GET");
  CHECK(match_json(app, "HEAD", "/user/me")["endpoint"] == "me");
  CHECK(match_json(app, "GET", "/team/members/ada/7")["arguments"] == nlohmann::json{{"name", "ada"}, {"id", 7}});
  // A rule's defaults are arguments too, as in Werkzeug's match.
  const nlohmann::json pages = match_json(app, "GET", "/pages/");
  CHECK(pages["arguments"] == nlohmann::json{{"page", 1}});
  CHECK(run(app, {"match", "GET", "/pages/"}).out.find("page = 1 (the rule's default)") != std::string::npos);
  // OPTIONS is answered by retort with every method the path takes.
  const nlohmann::json options = match_json(app, "OPTIONS", "/items");
  CHECK(options["automatic_options"] == true);
  CHECK(options["allowed"] == nlohmann::json{"GET", "HEAD", "OPTIONS", "POST"});
}

TEST_CASE_METHOD(Fixture, "routes match explains each kind of redirect, query kept", "[cli][routes][match]") {
  nlohmann::json slash = match_json(app, "GET", "/docs?x=1&y=%20");
  CHECK(slash["status"] == 308);
  CHECK(slash["location"] == "/docs/?x=1&y=%20");
  CHECK(slash["reason"] == "add_slash");
  CHECK(slash["endpoint"] == "docs");
  CHECK(slash["rule"] == "/docs/");

  nlohmann::json merged = match_json(app, "GET", "/user//7");
  CHECK(merged["location"] == "/user/7");
  CHECK(merged["reason"] == "merge_slashes");
  CHECK(merged["endpoint"] == "user_by_id");

  nlohmann::json canonical = match_json(app, "GET", "/pages/1?a=b");
  CHECK(canonical["location"] == "/pages/?a=b");
  CHECK(canonical["reason"] == "canonical");
  CHECK(canonical["rule"] == "/pages/");
  CHECK(canonical["matched"] ==
        nlohmann::json{{"endpoint", "pages"}, {"rule", "/pages/<int:page>"}, {"arguments", {{"page", 1}}}});
  CHECK(match_json(app, "GET", "/pages/2")["status"] == 200);

  const Run text = run(app, {"match", "GET", "/docs"});
  CHECK(text.status == 0);
  CHECK(text.out.find("308 Permanent Redirect -> /docs/\n") != std::string::npos);
  CHECK(text.out.find("strict_slashes") != std::string::npos);
  CHECK(text.out.find("  rule       /docs/ -> docs (runtime/views.cpp:") != std::string::npos);
  CHECK(run(app, {"match", "GET", "/pages/1"}).out.find("redirect_defaults") != std::string::npos);
}

TEST_CASE_METHOD(Fixture, "routes match: 405 with the Allow methods, exit status 1", "[cli][routes][match]") {
  const nlohmann::json j = match_json(app, "GET", "/items/3");
  CHECK(j["status"] == 405);
  CHECK(j["allowed"] == nlohmann::json{"DELETE", "OPTIONS"});
  CHECK(j["rules"] == nlohmann::json::array({{{"endpoint", "delete_item"}, {"rule", "/items/<int:id>"}}}));
  const Run r = run(app, {"match", "PUT", "/items"});
  CHECK(r.status == 1);
  CHECK(r.out.find("405 Method Not Allowed") != std::string::npos);
  CHECK(r.out.find("allowed    GET, HEAD, OPTIONS, POST (the Allow header)") != std::string::npos);
  // A method retort does not know is allowed by no rule.
  CHECK(match_json(app, "BREW", "/items")["status"] == 405);
}

TEST_CASE_METHOD(Fixture, "routes match: 404 with the nearest rules", "[cli][routes][match]") {
  const nlohmann::json j = match_json(app, "GET", "/usr/7");
  CHECK(j["status"] == 404);
  REQUIRE(j["nearest"].size() == 3);
  CHECK(j["nearest"][0] == nlohmann::json{{"endpoint", "user_by_id"}, {"rule", "/user/<int:id>"}});
  CHECK(j["nearest"][1]["rule"] == "/user/<name>");  // the same distance: registration order
  CHECK(match_json(app, "GET", "/team/member/ada/7")["nearest"][0]["rule"] == "/team/members/<name>/<int:id>");
  // A converter that refuses its value is a 404 too (Werkzeug's ValidationError).
  CHECK(match_json(app, "GET", "/limited/10")["nearest"][0]["rule"] == "/limited/<int(min=1, max=9):n>");

  const Run r = run(app, {"match", "GET", "/usr/7"});
  CHECK(r.status == 1);
  CHECK(r.out.find("404 Not Found: no rule matches the path\n  nearest    /user/<int:id> -> user_by_id") !=
        std::string::npos);
}

TEST_CASE_METHOD(Fixture, "routes match: static files only when no rule matched, as the runtime serves them",
                 "[cli][routes][match]") {
  const nlohmann::json file = match_json(app, "GET", "/static/caf%C3%A9%20menu.txt");
  CHECK(file["status"] == 200);
  CHECK(file["endpoint"] == "static");
  CHECK(file["arguments"]["filename"] == "caf\u00e9 menu.txt");
  CHECK(std::filesystem::equivalent(file["file"].get<std::string>(),
                                    std::filesystem::path(RETORT_TEST_STATIC_DIR) / "caf\u00e9 menu.txt"));
  CHECK(run(app, {"match", "GET", "/static/app.css"}).out.find("(text/css; charset=utf-8)") != std::string::npos);

  const nlohmann::json missing = match_json(app, "GET", "/static/missing.css");
  CHECK(missing["status"] == 404);
  CHECK(missing["endpoint"] == "static");
  CHECK(missing["problem"] == "no file the static route may serve");
  CHECK(match_json(app, "GET", "/static/../views.cpp")["status"] == 404);  // never outside the folder
  CHECK(match_json(app, "GET", "/static/nested")["status"] == 404);        // a folder is no file

  const nlohmann::json post = match_json(app, "POST", "/static/hello.txt");
  CHECK(post["status"] == 405);
  CHECK(post["allowed"] == nlohmann::json{"GET", "HEAD", "OPTIONS"});
  CHECK(match_json(app, "OPTIONS", "/static/hello.txt")["allowed"] == nlohmann::json{"GET", "HEAD", "OPTIONS"});
  CHECK(match_json(app, "GET", "/static/")["status"] == 404);  // no file name: not the static route
}

TEST_CASE_METHOD(Fixture, "routes match: a target the server refuses before routing", "[cli][routes][match]") {
  const nlohmann::json bad = match_json(app, "GET", "/user/%zz");
  CHECK(bad["status"] == 400);
  CHECK(bad.contains("problem"));
  CHECK(match_json(app, "GET", "/" + std::string(9000, 'a'))["status"] == 414);
  CHECK(run(app, {"match", "GET", "/a%2"}).status == 1);
}

TEST_CASE_METHOD(Fixture, "routes match - answers each line with one JSON object, malformed lines too",
                 "[cli][routes][match]") {
  const Run r = run(app, {"match", "-"},
                    "GET /user/7\n"
                    "POST /user/7\r\n"
                    "\n"
                    "GET\n"
                    "  GET \t /docs?x=1  \n"
                    "GET /a b\n"
                    "GET /nowhere");
  CHECK(r.status == 1);  // a malformed line
  const std::vector<std::string> lines = lines_of(r.out);
  REQUIRE(lines.size() == 7);
  std::vector<nlohmann::json> answers;
  for (const std::string& line : lines) answers.push_back(nlohmann::json::parse(line));
  CHECK(answers[0]["arguments"]["id"] == 7);
  CHECK(answers[1]["status"] == 405);
  CHECK(answers[2] == nlohmann::json{{"line", 3}, {"input", ""}, {"error", "expected 'METHOD PATH'"}});
  CHECK(answers[3]["line"] == 4);
  CHECK(answers[4]["location"] == "/docs/?x=1");
  CHECK(answers[5]["error"] == "expected 'METHOD PATH'");
  CHECK(answers[6]["status"] == 404);
  CHECK(lines[0].starts_with(R"({"method":"GET","path":"/user/7","status":200,)"));  // compact, in this order

  CHECK(run(app, {"match", "-"}, "GET /\nGET /nowhere\n").status == 0);  // answers are data, not failures
  const Run odd = run(app, {"match", "-"}, "GET /\xff\n");
  CHECK(nlohmann::json::parse(odd.out)["status"] == 404);  // invalid UTF-8 in, valid JSON out
}

TEST_CASE_METHOD(Fixture, "routes: usage mistakes are UsageErrors", "[cli][routes]") {
  CHECK_THROWS_AS(run(app, {"match", "GET"}), UsageError);
  CHECK_THROWS_AS(run(app, {"match", "GET", "/", "/"}), UsageError);
  CHECK_THROWS_AS(run(app, {"list"}), UsageError);
  CHECK_THROWS_AS(run(app, {"match", "--sort", "rule", "GET", "/"}), UsageError);
  CHECK_THROWS_AS(run(app, {"--color"}), UsageError);
}

TEST_CASE("without a manifest, routes lists the runtime's table, grouped by endpoint", "[cli][routes]") {
  using retort::Method;
  static constexpr retort::detail::RouteEntry kEntries[] = {
      {"b", "/b/<int:n>", {Method::get, Method::head, Method::options}, true, nullptr},
      {"a", "/a", {Method::post, Method::options}, true, nullptr},
      {"b", "/b", {Method::get, Method::head, Method::options}, true, nullptr},
  };
  const retort::detail::RouteTable table{
      kEntries,
      [](Method method, std::string_view path) noexcept {
        retort::Match m;
        if (path == "/b/7") {
          m.kind = method == Method::get ? retort::Match::Kind::found : retort::Match::Kind::method_not_allowed;
          m.allowed = kEntries[0].methods;
          m.arg_count = 1;
          m.args[0].text = path.substr(3);
          m.args[0].integer = 7;
        }
        return m;
      },
      [](const retort::Match&) { return std::string(); }, nullptr, {}};
  const std::filesystem::path empty = std::filesystem::temp_directory_path() / "retort_cli_routes_empty";
  std::filesystem::create_directories(empty);
  retort::App app(retort::Intent::development, empty);
  app.set_routes(table);
  CHECK(run(app, {}).out ==
        "Endpoint  Methods  Rule      \n"
        "--------  -------  ----------\n"
        "a         POST     /a        \n"
        "b         GET      /b/<int:n>\n"
        "b         GET      /b        \n");
  // No match order without the manifest: any other order under that name
  // would mislead, so --sort match refuses.
  CHECK_THROWS_WITH(run(app, {"--sort", "match"}), Catch::Contains("does not give the match order"));
  // Arguments without their names and types: numbered, as text.
  CHECK(match_json(app, "GET", "/b/7")["arguments"] == nlohmann::json{{"#1", "7"}});
  CHECK(!match_json(app, "GET", "/b/7").contains("source"));
  CHECK(run(app, {"match", "GET", "/b/7"}).out.find("  arguments  #1 = \"7\" (text)\n") != std::string::npos);
}

TEST_CASE("nearest rules: the longest accepted prefix, then the edit distance, then the order given",
          "[cli][routes]") {
  const std::vector<std::string_view> rules = {"/", "/user/<int:id>", "/admin/", "/admin/members/<name>",
                                               "/static/<path:filename>", "/whoami"};
  using retort::cli::nearest_rules;
  CHECK(nearest_rules("/admin/member/ada", rules, 2) == std::vector<std::size_t>{3, 2});
  CHECK(nearest_rules("/usr/7", rules, 1) == std::vector<std::size_t>{1});
  CHECK(nearest_rules("/static", rules, 1) == std::vector<std::size_t>{4});
  CHECK(nearest_rules("/whoam", rules, 1) == std::vector<std::size_t>{5});
  CHECK(nearest_rules("//admin/x", rules, 1) == std::vector<std::size_t>{2});  // leading slashes do not count
  CHECK(nearest_rules("/anything", rules, 10).size() == rules.size());
  // A segment's shape: literal text in place, variables of their converter's kind.
  const std::vector<std::string_view> shaped = {"/v<int:major>.<minor>", "/<name>", "/x<uuid:id>y"};
  CHECK(nearest_rules("/usr", shaped, 1) == std::vector<std::size_t>{1});
  CHECK(nearest_rules("/v2.x/more", shaped, 1) == std::vector<std::size_t>{0});
  CHECK(nearest_rules("/vx.x/more", shaped, 1) == std::vector<std::size_t>{1});
  CHECK(nearest_rules("/xABCy/more", std::vector<std::string_view>{shaped[0], shaped[2]}, 1) ==
        std::vector<std::size_t>{1});
  CHECK(nearest_rules("/xAGy", std::vector<std::string_view>{shaped[2], shaped[1]}, 1) ==
        std::vector<std::size_t>{1});  // G is no hex digit
  CHECK(nearest_rules("/" + std::string(5000, 'a'), shaped, 3).size() == 3);
  CHECK(nearest_rules("/anything", {}, 3).empty());
}

TEST_CASE("a manifest that does not describe the table is not used", "[cli][routes]") {
  using retort::cli::read_manifest;
  CHECK(read_manifest("", 3).routes.empty());
  CHECK(read_manifest("{not json", 3).routes.empty());
  CHECK(read_manifest(R"({"routes": []})", 3).routes.empty());
  const std::string one =
      R"({"routes": [{"rule_source": {"file": "v.cpp", "line": 2, "column": 5}, "source": {"file": "v.cpp", "line": 3,
          "column": 1}, "handler": {"namespaces": ["a"], "function": "f"}, "variables": [{"name": "id",
          "converter": "int", "value": "integer"}], "defaults": {}}], "match_order": [0, 0]})";
  const retort::cli::ManifestDetails details = read_manifest(one, 1);
  REQUIRE(details.routes.size() == 1);
  CHECK(details.routes[0].handler == "a::f");
  CHECK(details.routes[0].variables[0].converter == "int");
  CHECK(details.match_order.empty());    // not a permutation: --sort match refuses to guess
  CHECK(details.url_map_order.empty());  // no build orders: registration order, by endpoint
}

}  // namespace

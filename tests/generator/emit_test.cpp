// Emit stage: templates, the data they render, names, and the manifest seam.
#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "check/build_route_table.hpp"
#include "decl_builder.hpp"
#include "emit/depfile.hpp"
#include "emit/emit_context.hpp"
#include "emit/names.hpp"
#include "emit/render_outputs.hpp"
#include "emit/templates.hpp"
#include "model/manifest_json.hpp"

namespace retortc {
namespace {

using namespace retortc::testing;
using kainjow::mustache::data;

// One route of each kind the matcher writes differently: static, int,
// a branch rule in a blueprint, any(), a path converter that takes the rest
// (a suffixed final part, non-strict), and Flask's defaults idiom.
RouteTable sample_table() {
  DiagnosticSink sink;
  std::vector<RouteDecl> decls = {
      decl("home", "/", {}, 1),
      decl("user", "/user/<int:id>", {int_param("id")}, 5),
      in_blueprint(decl("member", "/members/<name>/", {request_param(), string_view_param("name")}, 9), "admin",
                   "/admin"),
      decl("color", "/color/<any(red, blue):c>", {string_view_param("c")}, 13),
      decl("files", "/files/<path:p>/", {string_view_param("p")}, 17, {"GET", "strict_slashes(false)"}),
      decl("users", "/users/", {int_param("page")}, 21, {"GET", "defaults(page = 1)"}),
      decl("users", "/users/page/<int:page>", {int_param("page")}, 22),
  };
  RouteTable table = build_route_table("hello", {"views.cpp"}, decls, sink);
  for (const Diagnostic& d : sink.diagnostics()) INFO(d.message);
  REQUIRE_FALSE(sink.has_errors());
  return table;
}

// The state function whose comment is `path`.
const data& state(const data& context, std::string_view path) {
  for (const data& s : context.get("states")->list_value())
    if (s.get("path")->string_value() == path) return s;
  FAIL("no state " << path);
  throw;
}

std::string lines_of(const data& s) {
  std::string out;
  for (const data& line : s.get("lines")->list_value()) out += line.string_value() + "\n";
  return out;
}

struct TemplateTag {
  char kind;  // 0 for a variable, else '#', '^' or '/'
  std::string name;
};

std::vector<TemplateTag> template_tags(std::string_view text) {
  std::vector<TemplateTag> tags;
  std::regex tag(R"(\{\{([#^/]?)\s*([A-Za-z_][A-Za-z_0-9]*|\.)\s*\}\})");
  std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), tag); it != std::sregex_iterator(); ++it) {
    std::string kind = (*it)[1];
    tags.push_back({kind.empty() ? '\0' : kind[0], (*it)[2]});
  }
  return tags;
}

TEST_CASE("every embedded template parses", "[emit]") {
  REQUIRE(embedded_templates().size() == 2);
  for (const EmbeddedTemplate& t : embedded_templates()) {
    INFO(t.name);
    kainjow::mustache::mustache tmpl{std::string(t.text)};
    CHECK(tmpl.is_valid());
  }
}

// kainjow renders a missing key as nothing, and looks a key up in the
// enclosing scopes too, which would silently produce broken C++. So every
// key must be in the data of the innermost list section that uses it, for
// every item of that list (or at the top level outside lists).
void check_keys(const std::vector<TemplateTag>& tags, std::size_t& at, const data& scope, const std::string& where) {
  while (at < tags.size()) {
    const TemplateTag tag = tags[at++];
    if (tag.kind == '/') return;
    if (tag.name == ".") continue;  // the item itself, in a list of strings
    INFO(where << ": {{" << (tag.kind ? std::string(1, tag.kind) : "") << tag.name << "}}");
    const data* value = scope.get(tag.name);
    REQUIRE(value != nullptr);
    if (tag.kind == 0) continue;
    if (value->is_non_empty_list()) {
      std::size_t end = at;
      for (const data& item : value->list_value()) {
        std::size_t inner = at;
        check_keys(tags, inner, item.is_object() ? item : scope, where + "." + tag.name);
        end = inner;
      }
      at = end;
    } else {
      check_keys(tags, at, scope, where);  // a boolean section: same scope
    }
  }
}

TEST_CASE("the emit context provides every key the templates use, in the right scope", "[emit]") {
  data context = make_emit_context(sample_table(), "0.0.0", "{}");
  for (const EmbeddedTemplate& t : embedded_templates()) {
    std::vector<TemplateTag> tags = template_tags(t.text);
    std::size_t at = 0;
    check_keys(tags, at, context, std::string(t.name));
    CHECK(at == tags.size());
  }
}

// The renderer moves standalone tags to the next line; kainjow would drop a
// blank line that received one, so templates keep blank lines elsewhere.
TEST_CASE("no template has a blank line right after a section tag", "[emit]") {
  std::regex tag_line(R"(^[ \t]*\{\{[#^/!][^}]*\}\}[ \t]*$)");
  for (const EmbeddedTemplate& t : embedded_templates()) {
    std::string previous;
    std::size_t number = 0;
    std::string text(t.text);
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line); previous = line) {
      ++number;
      INFO(t.name << ":" << number);
      CHECK_FALSE((std::regex_match(previous, tag_line) && line.find_first_not_of(" \t") == std::string::npos));
    }
  }
}

TEST_CASE("rendered code keeps one entry per line, each after its comment", "[emit]") {
  std::vector<OutputFile> files = render_outputs(sample_table(), "0.0.0", OutputSet::all);
  const std::string& source = files[1].content;
  const std::string opening = "kRoutes = { {\n";
  std::size_t table = source.find(opening);
  REQUIRE(table != std::string::npos);
  table += opening.size();
  std::istringstream lines(source.substr(table, source.find("} };", table) - table));
  std::vector<std::string> got;
  for (std::string line; std::getline(lines, line);) got.push_back(line.substr(0, 8));
  CHECK(got == std::vector<std::string>{"    // G", "    {\"ho", "    // G", "    {\"us", "    // G", "    {\"ad",
                                        "    // G", "    {\"co", "    // G", "    {\"fi", "    // G", "    {\"us",
                                        "    // G", "    {\"us"});
  CHECK(source.find("\n\n\n") == std::string::npos);  // no runs of blank lines
}

TEST_CASE("the generated matcher writes out Werkzeug's state machine", "[emit]") {
  data context = make_emit_context(sample_table(), "0.0.0", "{}");
  const auto& routes = context.get("routes")->list_value();
  REQUIRE(routes.size() == 7);
  // Routes stay in registration order; the states decide the match order.
  CHECK(routes[0].get("endpoint")->string_value() == "home");
  CHECK(routes[1].get("methods")->string_value() ==
        "{retort::Method::get, retort::Method::head, retort::Method::options}");
  CHECK(routes[1].get("comment")->string_value() == "GET /user/<int:id> -> user (views.cpp:6)");
  CHECK(routes[2].get("call_arguments")->string_value() == "request, match.args[0].text");

  const std::string root = lines_of(state(context, "(root)"));
  // Static segments: a switch on the length, then one memcmp each.
  CHECK(root.find("switch (segment.text.size()) {") != std::string::npos);
  CHECK(root.find("if (std::memcmp(segment.text.data(), \"user\", 4) == 0) {") != std::string::npos);
  CHECK(root.find("segment.text == ") == std::string::npos);

  // A whole segment of the default converter needs no pattern: any
  // non-empty segment, captured in place.
  const std::string members = lines_of(state(context, "/admin/members"));
  CHECK(members.find("if (!segment.text.empty()) {  // <name>") != std::string::npos);
  CHECK(members.find("s.capture(segment.text)") != std::string::npos);
  CHECK(members.find("rd::Str{") == std::string::npos);

  const std::string user = lines_of(state(context, "/user"));
  CHECK(user.find("rd::match_pieces(segment.text, 0, value, rd::Int{false})") != std::string::npos);

  // A branch rule requested without its slash stops the search (308).
  const std::string member = lines_of(state(context, "/admin/members/<name>"));
  CHECK(member.find("return rd::Outcome::slash_required;  // /admin/members/<name>/ wants its `/`") !=
        std::string::npos);

  const std::string color = lines_of(state(context, "/color"));
  CHECK(color.find("rd::AnyOf{kAnyItems0}") != std::string::npos);
  CHECK(context.get("any_items")->list_value()[0].get("items")->string_value() == "\"red\", \"blue\"");

  // `/files/<path:p>/` takes the rest of the path with an optional slash,
  // and, not strict, matches without it.
  const std::string files = lines_of(state(context, "/files"));
  CHECK(files.find("rd::match_pieces(s.rest(at), 0, value, rd::Path{}, rd::OptionalSlash{&slash})") !=
        std::string::npos);
  CHECK(files.find("slash ? s.end_segment() : rd::Search::kEnd") != std::string::npos);
  const std::string after = lines_of(state(context, "/files/<path:p>/"));
  CHECK(after.find("return s.found(4);") != std::string::npos);

  // The int rule converts its text; `/users/page/1` redirects to `/users/`.
  const auto& converts = context.get("convert_cases")->list_value();
  CHECK(converts[0].get("steps")->string_value() == "rd::to_integer<int>(s.captured(0), {}, m.args[0])");
  const auto& canonical = context.get("canonical_cases")->list_value();
  REQUIRE(canonical.size() == 1);
  CHECK(canonical[0].get("index")->string_value() == "6");
  CHECK(canonical[0].get("checks")->list_value()[0].string_value() ==
        "if (kRoutes[5].methods.contains(method) && m.args[0].integer == 1) return 0;  // /users/");
  const auto& builder = context.get("canonical_builders")->list_value()[0];
  CHECK(builder.get("steps")->list_value()[0].string_value() == "append_encoded(\"/users/\")");
}

TEST_CASE("url_for functions are typed by converter and share one table", "[emit]") {
  data context = make_emit_context(sample_table(), "0.0.0", "{}");
  const auto& groups = context.get("url_for_groups")->list_value();
  REQUIRE(groups.size() == 2);  // url_for and url_for::admin
  CHECK(groups[0].get("namespace")->string_value() == "url_for");
  CHECK(groups[1].get("namespace")->string_value() == "url_for::admin");
  const data& member = groups[1].get("functions")->list_value().front();
  CHECK(member.get("declared_parameters")->string_value() ==
        "std::string_view name, const retort::UrlOptions& retort_options = {}");
  CHECK(member.get("values")->string_value() == "{{\"name\", name}}");

  auto function = [&](const std::string& name) -> const data& {
    for (const data& f : groups[0].get("functions")->list_value())
      if (f.get("function")->string_value() == name) return f;
    FAIL("no url_for function " << name);
    throw;
  };
  // An `any` variable takes a compile-time checked retort::AnyOf.
  CHECK(function("color").get("declared_parameters")->string_value() ==
        "retort::AnyOf<\"red\", \"blue\"> c, const retort::UrlOptions& retort_options = {}");
  CHECK(function("color").get("values")->string_value() == "{{\"c\", c.value()}}");
  // `/users/` (defaults page = 1) and `/users/page/<int:page>`: page is
  // optional, and the rule with the default comes first in build order.
  const data& users = function("users");
  CHECK(users.get("declared_parameters")->string_value() ==
        "std::optional<int> page = std::nullopt, const retort::UrlOptions& retort_options = {}");
  const auto& comments = users.get("comments")->list_value();
  REQUIRE(comments.size() == 2);
  CHECK(comments[0].string_value() == "GET /users/ defaults(page = 1) -> users (views.cpp:22)");
  CHECK(comments[1].string_value() == "GET /users/page/<int:page> -> users (views.cpp:23)");

  // The data: static text encoded now, variables by index and converter.
  std::string map;
  for (const data& line : context.get("url_map")->list_value()) map += line.string_value() + "\n";
  CHECK(map.find("constexpr rd::UrlStep kUrlSteps2[] = {{\"/admin/members/\", rd::UrlStep::kText, {}}, "
                 "{{}, 0, {rd::UrlConverter::Kind::text, 0, {}}}, {\"/\", rd::UrlStep::kText, {}}};") !=
        std::string::npos);
  CHECK(map.find("constexpr rd::UrlDefault kUrlDefaults5[] = {{0, std::int64_t{1}}};") != std::string::npos);
  CHECK(map.find("constexpr std::string_view kUrlAny0[] = {\"red\", \"blue\"};") != std::string::npos);
  CHECK(map.find("constexpr rd::UrlRuleRef kUrlRegistration[] = {{3, 0}, {4, 0}, {0, 0}, {1, 0}, {2, 0}, {5, 0}, {5, 1}};") !=
        std::string::npos);
}

TEST_CASE("route comments stay on one line whatever the rule holds", "[emit]") {
  DiagnosticSink sink;
  std::vector<RouteDecl> decls = {decl("odd", "/a\nb")};
  RouteTable table = build_route_table("t", {"views.cpp"}, decls, sink);
  REQUIRE(table.routes.size() == 1);
  CHECK(route_comment(table.routes[0]) == "GET /a\\x0Ab -> odd (views.cpp:2)");
}

TEST_CASE("names are valid C++", "[emit]") {
  CHECK(cpp_identifier("my-app") == "my_app");
  CHECK(cpp_identifier("2fa") == "_2fa");
  CHECK(routes_namespace("my-app") == "my_app_routes");
  CHECK(cpp_string_literal("a\"b\\c") == R"("a\"b\\c")");
  CHECK(cpp_string_literal("\xc3\xbc") == R"("\303\274")");
  CHECK(method_enumerator("DELETE") == "retort::Method::delete_");
}

TEST_CASE("raw string literals take a delimiter the text does not close", "[emit]") {
  CHECK(cpp_raw_string_literal("{\"a\": \"b\"}") == "R\"json({\"a\": \"b\"})json\"");
  CHECK(cpp_raw_string_literal("a)json\"b") == "R\"json1(a)json\"b)json1\"");
  CHECK(cpp_raw_string_literal(")json\" )json1\"") == "R\"json2()json\" )json1\")json2\"");
  CHECK(cpp_raw_string_literal(")json x)json1") == "R\"json()json x)json1)json\"");  // no quote: no closing
}

TEST_CASE("the generated table embeds the manifest it was written with", "[emit][manifest]") {
  std::vector<OutputFile> files = render_outputs(sample_table(), "0.0.0", OutputSet::all);
  REQUIRE(files.size() == 3);
  const std::string& source = files[1].content;
  // The same JSON as the .json file, a line per value, not indented.
  const std::string embedded = nlohmann::json::parse(files[2].content).dump(0);
  CHECK(source.find("constexpr char kManifestText[] = R\"json(" + embedded + ")json\";\n") != std::string::npos);
  CHECK(source.find("constexpr std::string_view kManifest{kManifestText, sizeof kManifestText - 1};") !=
        std::string::npos);
  CHECK(source.find("rd::RouteTable{kRoutes, &match, &canonical_path, &kUrlMap, kManifest}") != std::string::npos);
  // --manifest-only writes the same manifest.
  std::vector<OutputFile> only = render_outputs(sample_table(), "0.0.0", OutputSet::manifest_only);
  REQUIRE(only.size() == 1);
  CHECK(only[0].content == files[2].content);
}

TEST_CASE("the manifest lists the routes in registration order and the order the matcher tries them",
          "[manifest]") {
  nlohmann::json manifest = manifest_to_json(sample_table(), "0.0.0");
  std::vector<std::string> rules;
  for (const nlohmann::json& route : manifest.at("routes")) rules.push_back(route.at("rule"));
  CHECK(rules == std::vector<std::string>{"/", "/user/<int:id>", "/admin/members/<name>/", "/color/<any(red, blue):c>",
                                          "/files/<path:p>/", "/users/", "/users/page/<int:page>"});
  // Here the two agree: no segment has both a static and a dynamic branch
  // (state_machine_test has the cases where they differ).
  CHECK(manifest.at("match_order") == nlohmann::json::array({0, 1, 2, 3, 4, 5, 6}));
}

TEST_CASE("a table read back from its manifest renders the same code", "[emit][manifest]") {
  RouteTable table = sample_table();
  nlohmann::json manifest = manifest_to_json(table, "0.0.0");
  std::string error;
  std::optional<RouteTable> back = manifest_from_json(manifest, error);
  INFO(error);
  REQUIRE(back);
  CHECK(error.empty());
  CHECK(manifest_to_json(*back, "0.0.0") == manifest);
  std::vector<OutputFile> a = render_outputs(table, "0.0.0", OutputSet::all);
  std::vector<OutputFile> b = render_outputs(*back, "0.0.0", OutputSet::all);
  REQUIRE(a.size() == 3);
  CHECK(a[0].name == "hello_routes.hpp");  // the order retort_add_routes lists as OUTPUT
  CHECK(a[2].name == "hello_routes.json");
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO(a[i].name);
    CHECK(a[i].content == b[i].content);
  }
}

TEST_CASE("manifest_from_json rejects what is not a manifest", "[manifest]") {
  std::string error;
  CHECK_FALSE(manifest_from_json(nlohmann::json{{"name", "x"}}, error));
  CHECK_FALSE(error.empty());
}

}  // namespace
}  // namespace retortc

namespace retortc {
namespace {

TEST_CASE("depfiles name every output and escape paths for make", "[emit]") {
  CHECK(make_depfile({"out/a.hpp", "out/a.cpp"}, {"src/my views.cpp", "inc/$x#.hpp"}) ==
        "out/a.hpp out/a.cpp: \\\n  src/my\\ views.cpp \\\n  inc/$$x\\#.hpp\n");
}

}  // namespace
}  // namespace retortc

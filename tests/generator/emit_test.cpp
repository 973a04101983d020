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

RouteTable sample_table() {
  DiagnosticSink sink;
  std::vector<RouteDecl> decls = {
      decl("home", "/", {}, 1),
      decl("user", "/user/<int:id>", {int_param("id")}, 5),
      in_blueprint(decl("member", "/members/<name>/", {request_param(), string_view_param("name")}, 9), "admin",
                   "/admin"),
  };
  RouteTable table = build_route_table("hello", {"views.cpp"}, decls, sink);
  REQUIRE_FALSE(sink.has_errors());
  return table;
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
  data context = make_emit_context(sample_table(), "0.0.0");
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
  CHECK(got == std::vector<std::string>{"    // G", "    {\"ho", "    // G", "    {\"ad", "    // G", "    {\"us"});
  CHECK(source.find("\n\n\n") == std::string::npos);  // no runs of blank lines
}

TEST_CASE("the generated matcher tests each segment by its kind", "[emit]") {
  data context = make_emit_context(sample_table(), "0.0.0");
  const auto& routes = context.get("routes")->list_value();
  REQUIRE(routes.size() == 3);
  // Werkzeug's order: "/" , "/admin/members/<name>/", "/user/<int:id>" (static first).
  CHECK(routes[0].get("condition")->string_value() == "segment.size() == 1 && segment[0] == \"\"");
  CHECK(routes[1].get("condition")->string_value() ==
        "segment.size() == 4 && segment[0] == \"admin\" && segment[1] == \"members\" && "
        "!segment[2].empty() && segment[3] == \"\"");
  CHECK(routes[1].get("is_branch")->is_true());
  CHECK(routes[1].get("slash_condition")->string_value() ==
        "segment.size() == 3 && segment[0] == \"admin\" && segment[1] == \"members\" && !segment[2].empty()");
  CHECK(routes[1].get("call_arguments")->string_value() == "request, match.args[0].text");
  CHECK(routes[2].get("condition")->string_value() ==
        "segment.size() == 2 && segment[0] == \"user\" && retort::detail::is_digits(segment[1])");
  CHECK(routes[2].get("found_arguments")->string_value() == ", retort::detail::int_argument<int>(segment[1])");
  CHECK(routes[2].get("methods")->string_value() == "{retort::Method::get, retort::Method::head}");
  CHECK(routes[2].get("comment")->string_value() == "GET /user/<int:id> -> user (views.cpp:6)");
}

TEST_CASE("url_for functions pre-encode static text and type their parameters", "[emit]") {
  data context = make_emit_context(sample_table(), "0.0.0");
  const auto& groups = context.get("url_for_groups")->list_value();
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].get("namespace")->string_value() == "url_for");
  CHECK(groups[1].get("namespace")->string_value() == "url_for::admin");
  const data& member = groups[1].get("functions")->list_value().front();
  CHECK(member.get("parameters")->string_value() == "std::string_view name");
  const auto& steps = member.get("steps")->list_value();
  REQUIRE(steps.size() == 3);
  CHECK(steps[0].string_value() == "append_encoded(\"/admin/members/\")");
  CHECK(steps[1].string_value() == "append_text(name)");
  CHECK(steps[2].string_value() == "append_encoded(\"/\")");
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

TEST_CASE("a table read back from its manifest renders the same code", "[emit][manifest]") {
  RouteTable table = sample_table();
  nlohmann::json manifest = manifest_to_json(table, "0.0.0");
  std::string error;
  std::optional<RouteTable> back = manifest_from_json(manifest, error);
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

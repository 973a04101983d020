// Reachability: part inclusion (order/part_inclusion.hpp) and the
// ambiguous/unreachable rule check built on it. tests/diagnostics/
// reachability_check.py confirms the verdicts against Werkzeug itself.
#include <catch2/catch.hpp>

#include "check/build_route_table.hpp"
#include "decl_builder.hpp"
#include "order/match_parts.hpp"
#include "order/part_inclusion.hpp"
#include "parse/rule_parser.hpp"

namespace retortc {
namespace {

using namespace retortc::testing;

Rule parse(std::string_view text) {
  DiagnosticSink sink;
  std::optional<Rule> rule = parse_rule(text, [](std::size_t) { return SourceLoc{}; }, sink);
  REQUIRE(rule);
  return *rule;
}

// Does the last part of `outer` accept everything the last part of `inner` does?
bool last_includes(std::string_view outer, std::string_view inner) {
  const Rule a = parse(outer);
  const Rule b = parse(inner);
  return part_includes(compile_parts(a).back(), compile_parts(b).back());
}

TEST_CASE("part inclusion: converters into converters", "[reachability]") {
  CHECK(last_includes("/<x>", "/<any(a,b):x>"));
  CHECK(last_includes("/<x>", "/<uuid:x>"));
  CHECK(last_includes("/<x>", "/<int:x>"));
  CHECK(last_includes("/<x>", "/<float:x>"));
  CHECK(last_includes("/<x>", "/<string(length=3):x>"));
  CHECK_FALSE(last_includes("/<string(length=3):x>", "/<x>"));
  CHECK_FALSE(last_includes("/<string(maxlength=4):x>", "/<int:x>"));  // 12345 is too long
  CHECK(last_includes("/<string(maxlength=8):x>", "/<any(abc,defgh):x>"));
  CHECK_FALSE(last_includes("/<string(maxlength=4):x>", "/<any(abc,defgh):x>"));
  CHECK(last_includes("/<string(length=3):x>", "/<string(minlength=3,maxlength=3):x>"));
  CHECK(last_includes("/<int(signed=True):x>", "/<int:x>"));
  CHECK_FALSE(last_includes("/<int:x>", "/<int(signed=True):x>"));
  CHECK(last_includes("/<int:x>", "/<any(\"1\", \"20\"):x>"));
  CHECK_FALSE(last_includes("/<int:x>", "/<any(\"1\", a):x>"));
  CHECK(last_includes("/<float:x>", "/<any(\"1.5\"):x>"));
  CHECK(last_includes("/<any(a,b,c):x>", "/<any(c,a):x>"));
  CHECK_FALSE(last_includes("/<any(a,b):x>", "/<any(a,d):x>"));
  CHECK_FALSE(last_includes("/<int:x>", "/<x>"));
  CHECK_FALSE(last_includes("/<uuid:x>", "/<x>"));
}

TEST_CASE("part inclusion: static text, mixed parts and path", "[reachability]") {
  CHECK(last_includes("/<x>", "/new"));
  CHECK(last_includes("/<int:x>", "/2024"));
  CHECK_FALSE(last_includes("/<int:x>", "/new"));
  CHECK(last_includes("/new", "/<any(new):x>"));
  CHECK_FALSE(last_includes("/new", "/<any(new,old):x>"));
  CHECK(last_includes("/<x>", "/v<int:n>"));             // by length: any segment
  CHECK(last_includes("/<x>", "/<a>-<b>"));
  CHECK_FALSE(last_includes("/<string(maxlength=2):x>", "/v<int:n>"));
  CHECK(last_includes("/v<x>", "/v<int:n>"));            // piece by piece
  CHECK(last_includes("/<a>.json", "/<int:a>.json"));
  CHECK_FALSE(last_includes("/<a>.json", "/<int:a>.xml"));
  CHECK(last_includes("/<path:p>", "/<path:q>"));
  CHECK(last_includes("/<path:p>.html", "/<int:q>.html"));
  // `.` does not match a newline, `[^/]` does: a segment of a string
  // placeholder may hold one that a path placeholder refuses.
  CHECK_FALSE(last_includes("/<path:p>", "/<x>"));
}

RouteTable build(std::vector<RouteDecl> decls, DiagnosticSink& sink) {
  return build_route_table("app", {"views.cpp"}, decls, sink);
}

RouteDecl text_route(std::string function, std::string rule, unsigned line,
                     std::vector<std::string> methods = {"GET"}) {
  std::vector<ParamDecl> params;
  const Rule parsed = parse(rule);
  for (const RulePart* v : parsed.variables()) params.push_back(string_view_param(v->text));
  return decl(std::move(function), std::move(rule), std::move(params), line, std::move(methods));
}

TEST_CASE("a rule another always answers first is a warning at it, with a note", "[reachability]") {
  DiagnosticSink sink;
  RouteTable table = build({text_route("page", "/n/<x>", 1), text_route("choice", "/n/<any(a,b):y>", 5)}, sink);
  REQUIRE_FALSE(sink.has_errors());
  REQUIRE(sink.warning_count() == 1);
  const Diagnostic& d = sink.diagnostics()[0];
  CHECK(d.kind == DiagnosticKind::unreachable_rule);
  CHECK(d.message ==
        "rule '/n/<any(a,b):y>' is never reached for GET: '/n/<x>' matches every URL it matches and is tried first");
  CHECK(d.loc.line == 5);
  CHECK(d.length == std::string("/n/<any(a,b):y>").size());
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].loc.line == 1);
  CHECK(d.notes[0].message == "'/n/<x>' is declared here; it weighs the same and is declared first");
  CHECK(table.routes.size() == 2);  // a warning keeps the route
}

TEST_CASE("declared the other way round, both rules are reachable", "[reachability]") {
  DiagnosticSink sink;
  build({text_route("choice", "/n/<any(a,b):y>", 1), text_route("page", "/n/<x>", 5)}, sink);
  CHECK(sink.diagnostics().empty());
}

TEST_CASE("static text and lighter parts win whatever the order", "[reachability]") {
  DiagnosticSink sink;
  build({text_route("any_new", "/p/<any(new):x>", 1), text_route("new_post", "/p/new", 5)}, sink);
  REQUIRE(sink.warning_count() == 1);
  CHECK(sink.diagnostics()[0].loc.line == 1);
  CHECK(sink.diagnostics()[0].notes[0].message ==
        "'/p/new' is declared here; static text 'new' is tried before placeholders");

  DiagnosticSink lighter;
  RouteDecl number = decl("number", "/q/<int(signed=True):n>", {int_param("n")}, 5);
  RouteDecl digits = decl("digits", "/q/<any(\"1\", \"2\"):d>", {string_view_param("d")}, 1);
  build({digits, number}, lighter);
  REQUIRE(lighter.warning_count() == 1);
  CHECK(lighter.diagnostics()[0].notes[0].message ==
        "'/q/<int(signed=True):n>' is declared here; '<int(signed=True):n>' is tried before "
        "'<any(\"1\", \"2\"):d>' (it weighs less)");
}

TEST_CASE("only the methods both rules take are shadowed", "[reachability]") {
  DiagnosticSink partly;
  build({text_route("page", "/n/<x>", 1, {"GET"}), text_route("choice", "/n/<any(a,b):y>", 5, {"GET", "POST"})},
        partly);
  REQUIRE(partly.warning_count() == 1);
  CHECK(partly.diagnostics()[0].message.starts_with("rule '/n/<any(a,b):y>' is never reached for GET:"));

  DiagnosticSink apart;
  build({text_route("page", "/n/<x>", 1, {"GET"}), text_route("choice", "/n/<any(a,b):y>", 5, {"POST"})}, apart);
  CHECK(apart.diagnostics().empty());
}

TEST_CASE("the same URLs at the same weight: an error, order alone decides", "[reachability]") {
  DiagnosticSink sink;
  RouteTable table = build({text_route("a", "/m/<any(a,b):x>", 1), text_route("b", "/m/<any(b,a):y>", 5)}, sink);
  REQUIRE(sink.error_count() == 1);
  CHECK(sink.warning_count() == 0);
  const Diagnostic& d = sink.diagnostics()[0];
  CHECK(d.kind == DiagnosticKind::ambiguous_rule);
  CHECK(d.message == "rule '/m/<any(b,a):y>' matches exactly the URLs of '/m/<any(a,b):x>' for GET; only "
                     "declaration order decides which one answers");
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].loc.line == 1);
}

TEST_CASE("the same URLs needs the same strict_slashes", "[reachability]") {
  // A non-strict leaf also answers `/m/a/`: the later strict rule is dead,
  // but the two do not match exactly the same URLs.
  DiagnosticSink sink;
  RouteDecl loose = text_route("a", "/m/<any(a,b):x>", 1);
  loose.options += ", strict_slashes(false)";
  build({loose, text_route("b", "/m/<any(b,a):y>", 5)}, sink);
  CHECK(sink.error_count() == 0);
  REQUIRE(sink.warning_count() == 1);
  CHECK(sink.diagnostics()[0].kind == DiagnosticKind::unreachable_rule);
}

TEST_CASE("rules the matcher tells apart are not reported", "[reachability]") {
  DiagnosticSink sink;
  build({text_route("a", "/r/<a>/<b>", 1), text_route("b", "/r/<any(x,y):a>/edit", 5),
         text_route("c", "/s/<a>", 9), decl("d", "/s/<int:n>", {int_param("n")}, 13),
         text_route("e", "/t/<a>/edit", 17), text_route("f", "/t/<path:p>/view", 21),
         text_route("g", "/u/<path:p>", 25), text_route("h", "/u/<x>", 29)},
        sink);
  // Only `/r/<any(x,y):a>/edit` is dead: `/r/<a>/<b>` takes every URL it has.
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].loc.line == 5);
}

TEST_CASE("a branch rule's trailing slash is not a segment", "[reachability]") {
  // `/ab` reaches the branch rule (a redirect, or itself when non-strict),
  // never the placeholder that could match an empty segment.
  CHECK_FALSE(last_includes("/<n>/<string(minlength=0):y>", "/<string(length=2):k>/"));
  CHECK_FALSE(last_includes("/<n>/<any(\"\"):y>", "/<n>/"));
  CHECK(last_includes("/<x>/", "/<any(a):y>/"));
}

TEST_CASE("any() matches the empty segment, as Werkzeug's `(?:)` does", "[reachability]") {
  CHECK_FALSE(last_includes("/x/new", "/x/<any:y>"));
  CHECK_FALSE(last_includes("/x/<x>", "/x/<any():y>"));
  CHECK(last_includes("/x/<string(minlength=0):x>", "/x/<any:y>"));
}

TEST_CASE("a non-strict leaf is reachable through its slash", "[reachability]") {
  DiagnosticSink sink;
  RouteDecl loose = text_route("loose", "/n/<any(a,b):y>", 5);
  loose.options += ", strict_slashes(false)";
  build({text_route("page", "/n/<x>", 1), loose}, sink);
  CHECK(sink.diagnostics().empty());  // `/n/a/` reaches it, not `/n/<x>`
}

}  // namespace
}  // namespace retortc

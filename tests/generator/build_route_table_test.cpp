#include "check/build_route_table.hpp"

#include <catch2/catch.hpp>

#include "decl_builder.hpp"

namespace retortc {
namespace {

using namespace retortc::testing;

RouteTable build(std::vector<RouteDecl> decls, DiagnosticSink& sink) {
  return build_route_table("app", {"views.cpp"}, decls, sink);
}

TEST_CASE("build_route_table binds variables to parameters by name", "[check]") {
  DiagnosticSink sink;
  RouteTable table = build({decl("show", "/u/<name>/<int:id>", {request_param(), int_param("id"),
                                                               string_view_param("name")})},
                           sink);
  REQUIRE_FALSE(sink.has_errors());
  REQUIRE(table.routes.size() == 1);
  const Route& route = table.routes[0];
  CHECK(route.endpoint == "show");
  CHECK(route.methods == std::vector<std::string>{"GET", "HEAD", "OPTIONS"});
  CHECK(route.automatic_options);
  REQUIRE(route.variables.size() == 2);
  CHECK(route.variables[0].name == "name");
  CHECK(route.variables[1].name == "id");
  // Handler order: request, id (variable 1), name (variable 0).
  REQUIRE(route.arguments.size() == 3);
  CHECK(route.arguments[0].source == HandlerArgument::Source::request);
  CHECK(route.arguments[1].index == 1);
  CHECK(route.arguments[2].index == 0);
}

TEST_CASE("a rule variable without a parameter points into the literal", "[check]") {
  DiagnosticSink sink;
  build({decl("show", "/u/<int:id>")}, sink);
  REQUIRE(sink.error_count() == 1);
  const Diagnostic& d = sink.diagnostics()[0];
  CHECK(d.kind == DiagnosticKind::unbound_variable);
  CHECK(d.loc.column == 13 + 8);  // the `id` of `/u/<int:id>`
  CHECK(d.length == 2);
}

TEST_CASE("parameters must be supplied and of a fitting type", "[check]") {
  DiagnosticSink sink;
  build({decl("a", "/a/<int:id>", {string_view_param("id")}), decl("b", "/b", {unsupported_param("page")}, 5)}, sink);
  REQUIRE(sink.error_count() == 2);
  CHECK(sink.diagnostics()[0].kind == DiagnosticKind::incompatible_parameter);
  CHECK(sink.diagnostics()[0].message ==
        "parameter 'id' of type 'std::string_view' cannot hold the value of converter 'int'");
  CHECK(sink.diagnostics()[1].kind == DiagnosticKind::unsupplied_parameter);
}

TEST_CASE("parameters no rule binds come from the query, the body or the app", "[check]") {
  DiagnosticSink sink;
  ParamDecl tags;
  tags.name = "tag";
  tags.cpp_type = "std::vector<std::string>";
  tags.value_type = "std::string";
  tags.kind = ParamKind::list;
  tags.element_kind = ParamKind::string;
  ParamDecl app;
  app.name = "app";
  app.cpp_type = "const retort::App&";
  app.kind = ParamKind::app;
  RouteTable table =
      build({decl("a", "/a/<int:id>", {int_param("id"), int_param("page"), tags, json_body_param("item"), app})}, sink);
  REQUIRE(sink.error_count() == 0);
  const std::vector<HandlerArgument>& args = table.routes[0].arguments;
  REQUIRE(args.size() == 5);
  CHECK(args[0].source == HandlerArgument::Source::url_variable);
  CHECK(args[1].source == HandlerArgument::Source::query);
  CHECK(args[2].source == HandlerArgument::Source::query);
  CHECK(args[3].source == HandlerArgument::Source::json_body);
  CHECK(args[4].source == HandlerArgument::Source::app);
}

TEST_CASE("an unnamed parameter cannot be a query parameter", "[check]") {
  DiagnosticSink sink;
  build({decl("a", "/a", {int_param("")})}, sink);
  REQUIRE(sink.error_count() == 1);
  CHECK(sink.diagnostics()[0].kind == DiagnosticKind::unsupplied_parameter);
}

TEST_CASE("a handler has one JSON body and a const App", "[check]") {
  DiagnosticSink sink;
  ParamDecl app;
  app.name = "app";
  app.cpp_type = "retort::App&";
  app.kind = ParamKind::unsupported;
  app.loc = {"views.cpp", 3, 70};
  build({decl("a", "/a", {json_body_param("item"), json_body_param("owner", "Owner"), app})}, sink);
  REQUIRE(sink.error_count() == 2);
  CHECK(sink.diagnostics()[0].kind == DiagnosticKind::second_json_body);
  REQUIRE(sink.diagnostics()[0].notes.size() == 1);
  CHECK(sink.diagnostics()[0].notes[0].message == "'item' is the JSON body");
  CHECK(sink.diagnostics()[1].kind == DiagnosticKind::mutable_app);
}

TEST_CASE("a misnamed parameter that would be a query parameter gets the rename note", "[check]") {
  DiagnosticSink sink;
  build({decl("a", "/u/<int:id>", {int_param("user_id")})}, sink);
  REQUIRE(sink.error_count() == 1);
  CHECK(sink.diagnostics()[0].kind == DiagnosticKind::unbound_variable);
  REQUIRE(sink.diagnostics()[0].notes.size() == 1);
  CHECK(sink.diagnostics()[0].notes[0].kind == DiagnosticKind::rename_parameter);
}

TEST_CASE("unsupported return types are errors", "[check]") {
  DiagnosticSink sink;
  RouteDecl d = decl("a", "/a");
  d.return_type = "int";
  d.return_kind = ReturnKind::unsupported;
  build({d}, sink);
  REQUIRE(sink.error_count() == 1);
  CHECK(sink.diagnostics()[0].kind == DiagnosticKind::unsupported_return);
}

TEST_CASE("duplicate endpoints and rules get a note at the first one", "[check]") {
  DiagnosticSink sink;
  RouteDecl first = decl("index", "/", {}, 1);
  RouteDecl other_ns = decl("index", "/other", {}, 10);
  other_ns.namespaces = {"site"};
  RouteDecl same_rule = decl("again", "/", {}, 20);
  build({first, other_ns, same_rule}, sink);
  REQUIRE(sink.error_count() == 2);
  CHECK(sink.diagnostics()[0].kind == DiagnosticKind::duplicate_endpoint);
  REQUIRE(sink.diagnostics()[0].notes.size() == 1);
  CHECK(sink.diagnostics()[0].notes[0].loc.line == 2);
  CHECK(sink.diagnostics()[1].kind == DiagnosticKind::duplicate_rule);
  CHECK(sink.diagnostics()[1].message == "rule '/' is already routed for GET");
}

TEST_CASE("one function may carry several rules", "[check]") {
  DiagnosticSink sink;
  RouteTable table = build({decl("page", "/a", {}, 1), decl("page", "/b", {}, 1)}, sink);
  CHECK_FALSE(sink.has_errors());
  CHECK(table.routes.size() == 2);
}

TEST_CASE("the same rule with different methods is not a duplicate", "[check]") {
  DiagnosticSink sink;
  build({decl("read", "/x", {}, 1, {"GET"}), decl("write", "/x", {}, 5, {"POST"})}, sink);
  CHECK_FALSE(sink.has_errors());
}

TEST_CASE("unknown methods are errors", "[check]") {
  DiagnosticSink sink;
  build({decl("a", "/a", {}, 1, {"GTE"})}, sink);
  REQUIRE(sink.error_count() == 1);
  CHECK(sink.diagnostics()[0].message == "unknown HTTP method 'GTE'");
}

TEST_CASE("blueprints prefix rules and name endpoints as Flask does", "[check]") {
  DiagnosticSink sink;
  RouteDecl d = in_blueprint(in_blueprint(decl("show", "/users/<int:id>", {int_param("id")}), "admin", "/admin/"),
                             "people", "people");
  RouteTable table = build({d, in_blueprint(decl("index", "/", {}, 9), "admin", "/admin")}, sink);
  REQUIRE_FALSE(sink.has_errors());
  REQUIRE(table.routes.size() == 2);
  CHECK(table.routes[1].rule.text == "/admin/");
  CHECK(table.routes[1].endpoint == "admin.index");
  CHECK(table.routes[0].rule.text == "/admin/people/users/<int:id>");
  CHECK(table.routes[0].endpoint == "admin.people.show");
  CHECK(table.routes[0].blueprint == "admin.people");
}

TEST_CASE("join_url_prefix follows Flask's url_prefix joining", "[check]") {
  CHECK(join_url_prefix("/admin", "/users") == "/admin/users");
  CHECK(join_url_prefix("/admin/", "users") == "/admin/users");
  CHECK(join_url_prefix("/admin", "/") == "/admin/");
  CHECK(join_url_prefix("/", "/x") == "/x");
}

TEST_CASE("two openings of a blueprint must agree on its prefix", "[check]") {
  DiagnosticSink sink;
  RouteDecl a = in_blueprint(decl("a", "/a", {}, 1), "admin", "/admin");
  RouteDecl b = in_blueprint(decl("b", "/b", {}, 9), "admin", "/adm");
  b.blueprints[0].loc.line = 8;
  build({a, b}, sink);
  REQUIRE(sink.error_count() == 1);
  CHECK(sink.diagnostics()[0].kind == DiagnosticKind::blueprint_prefix_mismatch);
}

TEST_CASE("routes stay in registration order: Flask's add_url_rule order breaks ties", "[check]") {
  DiagnosticSink sink;
  RouteTable table = build({decl("by_name", "/u/<name>", {string_view_param("name")}, 1),
                            decl("me", "/u/me", {}, 9)},
                           sink);
  REQUIRE_FALSE(sink.has_errors());
  CHECK(table.routes[0].endpoint == "by_name");
  CHECK(table.routes[1].endpoint == "me");
}

TEST_CASE("route options: defaults, strict_slashes, merge_slashes, explicit OPTIONS", "[check]") {
  DiagnosticSink sink;
  RouteTable table = build({decl("users", "/users/", {int_param("page")}, 1,
                                 {"GET", "POST", "defaults(page = 1)", "strict_slashes(false)", "merge_slashes(false)"}),
                            decl("opt", "/o", {}, 5, {"OPTIONS"})},
                           sink);
  REQUIRE_FALSE(sink.has_errors());
  const Route& users = table.routes[0];
  REQUIRE(users.defaults.size() == 1);
  CHECK(users.defaults[0].name == "page");
  CHECK(users.defaults[0].value.integer == 1);
  CHECK_FALSE(users.strict_slashes);
  CHECK_FALSE(users.merge_slashes);
  CHECK(users.arguments[0].source == HandlerArgument::Source::default_value);
  CHECK_FALSE(table.routes[1].automatic_options);
  CHECK(table.routes[1].methods == std::vector<std::string>{"OPTIONS"});
}

TEST_CASE("bad options, unbound defaults and mistyped defaults are errors", "[check]") {
  DiagnosticSink bad;
  build({decl("a", "/a", {}, 1, {"GET", "strict_slashes(maybe)"})}, bad);
  REQUIRE(bad.error_count() == 1);
  CHECK(bad.diagnostics()[0].kind == DiagnosticKind::bad_route_option);

  DiagnosticSink unbound;
  build({decl("a", "/a", {}, 1, {"GET", "defaults(page = 1)"})}, unbound);
  REQUIRE(unbound.error_count() == 1);
  CHECK(unbound.diagnostics()[0].kind == DiagnosticKind::unbound_default);

  DiagnosticSink mistyped;
  build({decl("a", "/a", {int_param("page")}, 1, {"GET", "defaults(page = \"x\")"})}, mistyped);
  REQUIRE(mistyped.error_count() == 1);
  CHECK(mistyped.diagnostics()[0].kind == DiagnosticKind::incompatible_default);
}

TEST_CASE("an optional parameter is absent from the rules of its handler without it", "[check]") {
  ParamDecl id = int_param("id");
  id.optional = true;
  DiagnosticSink sink;
  RouteTable table = build({decl("page", "/a", {id}, 1), decl("page", "/a/<int:id>", {id}, 1)}, sink);
  REQUIRE_FALSE(sink.has_errors());
  CHECK(table.routes[0].arguments[0].source == HandlerArgument::Source::absent);
  CHECK(table.routes[1].arguments[0].source == HandlerArgument::Source::url_variable);

  DiagnosticSink alone;  // not a variable of any rule: an optional query parameter
  RouteTable query = build({decl("page", "/a", {id}, 1)}, alone);
  CHECK(alone.error_count() == 0);
  CHECK(query.routes[0].arguments[0].source == HandlerArgument::Source::query);
}

}  // namespace
}  // namespace retortc

// Hooks and error handlers, app-wide and per blueprint, in Flask's order
// (docs/blueprints.md).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <retort/app.hpp>
#include <retort/make_response.hpp>
#include <retort/test_client.hpp>

#include "handler_views.hpp"
#include "test_routes.hpp"

namespace {

struct Fixture {
  using Hooks = retort::Hooks;

  Fixture() {
    app.set_logger([this](std::string_view message) { log += std::string(message) + "\n"; });
    register_routes(app);
  }
  // Records hook calls: `trace` lists them in order.
  Hooks::BeforeRequest before(std::string name, bool answer = false) {
    return [this, name, answer](const retort::Request&) -> std::optional<retort::Response> {
      trace += "before:" + name + " ";
      if (answer) return retort::Response("answered by " + name, 200);
      return std::nullopt;
    };
  }
  Hooks::AfterRequest after(std::string name) {
    return [this, name](const retort::Request&, retort::Response& response) {
      trace += "after:" + name + " ";
      response.headers().add("X-After", name);
    };
  }
  Hooks::Teardown teardown(std::string name) {
    return [this, name](const retort::Request&, std::exception_ptr error) {
      trace += "teardown:" + name + (error ? "(error) " : " ");
    };
  }
  retort::App app;
  retort::TestClient client{app};
  std::string trace, log;
};

TEST_CASE_METHOD(Fixture, "hooks run app first in, then blueprints out, in Flask's order", "[hooks]") {
  app.before_request(before("app1")).before_request(before("app2"));
  app.after_request(after("app1")).after_request(after("app2"));
  app.teardown_request(teardown("app"));
  app.blueprint("shop").before_request(before("shop")).after_request(after("shop")).teardown_request(teardown("shop"));
  app.blueprint("shop.admin").before_request(before("admin")).after_request(after("admin")).teardown_request(teardown("admin"));

  CHECK(client.get("/shop/admin/").body() == "admin");
  CHECK(trace ==
        "before:app1 before:app2 before:shop before:admin "
        "after:admin after:shop after:app2 after:app1 "
        "teardown:admin teardown:shop teardown:app ");

  trace.clear();
  CHECK(client.get("/shop/").body() == "shop");  // not in shop.admin
  CHECK(trace == "before:app1 before:app2 before:shop after:shop after:app2 after:app1 teardown:shop teardown:app ");

  trace.clear();
  CHECK(client.get("/").body() == "index");  // no blueprint
  CHECK(trace == "before:app1 before:app2 after:app2 after:app1 teardown:app ");

  trace.clear();
  CHECK(client.get("/shop/nothing/here").status() == 404);  // no route: app hooks only
  CHECK(trace == "before:app1 before:app2 after:app2 after:app1 teardown:app ");
}

TEST_CASE_METHOD(Fixture, "a before_request response ends the request; after hooks still see it", "[hooks]") {
  app.before_request(before("app"));
  app.blueprint("shop").before_request(before("shop", true)).before_request(before("never"));
  app.after_request(after("app"));
  retort::Response r = client.get("/shop/item/3");
  CHECK(r.body() == "answered by shop");
  CHECK(r.header("X-After") == "app");
  CHECK(trace == "before:app before:shop after:app ");
}

TEST_CASE_METHOD(Fixture, "after_request hooks can change any response, error pages included", "[hooks]") {
  app.after_request([](const retort::Request&, retort::Response& response) {
    response.headers().set("X-Status", std::to_string(response.status()));
  });
  CHECK(client.get("/").header("X-Status") == "200");
  CHECK(client.get("/nowhere").header("X-Status") == "404");
  CHECK(client.get("/throw/logic").header("X-Status") == "500");
}

TEST_CASE_METHOD(Fixture, "teardown runs after exceptions and sees them; the g store reaches the handler", "[hooks]") {
  app.before_request([](const retort::Request& request) -> std::optional<retort::Response> {
    if (auto user = request.headers().get("X-User")) request.g().set("user", std::string(*user));
    return std::nullopt;
  });
  app.teardown_request(teardown("app"));
  CHECK(client.get("/g", {{"X-User", "ada"}}).body() == "ada");
  CHECK(client.get("/g").body() == "anonymous");
  CHECK(trace == "teardown:app teardown:app ");
  trace.clear();
  CHECK(client.get("/throw/logic").status() == 500);
  CHECK(trace == "teardown:app(error) ");
  // A throwing teardown hook is logged, not fatal.
  app.teardown_request([](const retort::Request&, std::exception_ptr) { throw std::runtime_error("teardown broke"); });
  CHECK(client.get("/").status() == 200);
  CHECK(log.find("teardown hook threw: teardown broke") != std::string::npos);
}

TEST_CASE_METHOD(Fixture, "error handlers by status, app-wide", "[errors]") {
  app.error_handler(404, [](const retort::Request& request, const retort::HttpError& e) {
    return retort::Response("custom 404 for " + std::string(request.path()) + ": " + std::to_string(e.status()), 404);
  });
  CHECK(client.get("/nowhere").body() == "custom 404 for /nowhere: 404");  // no route
  CHECK(client.get("/shop/item/0").body() == "custom 404 for /shop/item/0: 404");  // abort(404)
  CHECK(client.get("/abort/403").status() == 403);  // other statuses keep the default page
  // 405 keeps its Allow header on the default page.
  retort::Response r = client.request("POST", "/");
  CHECK(r.status() == 405);
  CHECK(r.header("Allow") == "GET, HEAD, OPTIONS");
}

TEST_CASE_METHOD(Fixture, "error handlers by exception type: the most derived wins", "[errors]") {
  app.error_handler<std::exception>([](const retort::Request&, const std::exception& e) {
    return retort::Response(std::string("exception: ") + e.what(), 500);
  });
  app.error_handler<shapes::OutOfPaper>([](const retort::Request&, const shapes::OutOfPaper& e) {
    return retort::Response(std::string("out of paper: ") + e.what(), 503);
  });
  app.error_handler<shapes::PaperError>([](const retort::Request&, const shapes::PaperError& e) {
    return retort::Response(std::string("paper: ") + e.what(), 500);
  });
  retort::Response r = client.get("/throw/domain");
  CHECK(r.status() == 503);
  CHECK(r.body() == "out of paper: no paper");
  CHECK(client.get("/throw/logic").body() == "exception: broken");
  CHECK(log.empty());  // handled: nothing logged
}

TEST_CASE_METHOD(Fixture, "HTTP errors are not runtime errors, but are exceptions, as in Flask", "[errors]") {
  app.error_handler<std::runtime_error>([](const retort::Request&, const std::runtime_error&) {
    return retort::Response("runtime error", 500);
  });
  CHECK(client.get("/nowhere").status() == 404);
  CHECK(client.get("/throw/domain").body() == "runtime error");
  app.error_handler<std::exception>([](const retort::Request&, const std::exception& e) {
    return retort::Response(std::string("exception ") + e.what(), 500);
  });
  CHECK(client.get("/nowhere").body() == "exception 404 Not Found");
}

TEST_CASE_METHOD(Fixture, "blueprint error handlers apply to the blueprint's routes, innermost first", "[errors]") {
  app.error_handler(500, [](const retort::Request&, const retort::HttpError&) { return retort::Response("app 500", 500); });
  app.blueprint("shop").error_handler(404, [](const retort::Request&, const retort::HttpError&) {
    return retort::Response("shop 404", 404);
  });
  app.blueprint("shop").error_handler<shapes::PaperError>([](const retort::Request&, const shapes::PaperError&) {
    return retort::Response("shop paper", 500);
  });
  app.blueprint("shop.admin").error_handler<std::runtime_error>([](const retort::Request&, const std::runtime_error& e) {
    return retort::Response(std::string("admin: ") + e.what(), 500);
  });
  CHECK(client.get("/shop/item/0").body() == "shop 404");
  CHECK(client.get("/shop/item/13").body() == "shop paper");
  CHECK(client.get("/shop/admin/fail").body() == "admin: admin failed");
  // Outside the blueprint: the app's handlers (an unmatched URL under the
  // prefix is not the blueprint's, as in Flask).
  CHECK(client.get("/shop/nothing/here").body().find("<h1>Not Found</h1>") != std::string::npos);
  CHECK(client.get("/throw/domain").body() == "app 500");  // unhandled exception: the 500 handler
}

TEST_CASE_METHOD(Fixture, "a throwing error handler gives the default 500 and is logged", "[errors]") {
  app.error_handler(404, [](const retort::Request&, const retort::HttpError&) -> retort::Response {
    throw std::runtime_error("handler broke");
  });
  retort::Response r = client.get("/nowhere");
  CHECK(r.status() == 500);
  CHECK(log.find("error handler threw: handler broke") != std::string::npos);
}

TEST_CASE_METHOD(Fixture, "naming a blueprint the routes do not have is an error", "[errors]") {
  CHECK_THROWS_WITH(app.blueprint("shp"), "the app has no blueprint 'shp'; it has 'team', 'team.members', 'shop', 'shop.admin'");
  CHECK_NOTHROW(app.blueprint("shop.admin"));
}

}  // namespace

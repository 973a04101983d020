// App::on_enter / enter (intent hooks) and App::static_route.
#include <catch2/catch.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <retort/app.hpp>

namespace fs = std::filesystem;

TEST_CASE("enter() runs the hooks of the app's own intent, in registration order, once") {
  std::vector<std::string> ran;
  retort::App app(retort::Intent::production, fs::temp_directory_path());
  app.on_enter(retort::Intent::production, [&](retort::App&) { ran.push_back("production 1"); })
      .on_enter(retort::Intent::development, [&](retort::App&) { ran.push_back("development"); })
      .on_enter(retort::Intent::production, [&](retort::App& entered) {
        ran.push_back("production 2");
        entered.extensions().set("db", std::string("connected"));
      });
  CHECK(ran.empty());  // registering runs nothing
  CHECK_FALSE(app.entered());
  app.enter();
  CHECK(ran == std::vector<std::string>{"production 1", "production 2"});
  CHECK(app.entered());
  CHECK(app.extensions().get<std::string>("db") == "connected");
  app.enter();
  CHECK(ran.size() == 2);
}

TEST_CASE("an app of another intent runs none of them, and a throwing hook propagates") {
  int runs = 0;
  retort::App testing(retort::Intent::testing, fs::temp_directory_path());
  testing.on_enter(retort::Intent::production, [&](retort::App&) { ++runs; });
  testing.enter();
  CHECK(runs == 0);

  retort::App failing(retort::Intent::development, fs::temp_directory_path());
  failing.on_enter(retort::Intent::development, [](retort::App&) { throw std::runtime_error("no database"); });
  CHECK_THROWS_WITH(failing.enter(), "no database");
}

TEST_CASE("static_route is Flask's static rule when STATIC_FOLDER is a folder") {
  const fs::path root = fs::temp_directory_path() / "retort_static_route_test";
  fs::remove_all(root);
  fs::create_directories(root);
  retort::App app(retort::Intent::production, root);
  CHECK_FALSE(app.static_route().has_value());  // no static/ folder
  fs::create_directories(root / "static");
  app.config().set("STATIC_URL_PATH", "/assets/");  // a change makes the app read its settings again
  auto route = app.static_route();
  REQUIRE(route.has_value());
  CHECK(route->url_path == "/assets");
  CHECK(route->folder == root / "static");
  fs::remove_all(root);
}

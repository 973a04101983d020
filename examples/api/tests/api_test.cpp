// The api example, as its users see it: through the test client, an app
// per test from the same factory main() uses.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <retort/test_client.hpp>

#include "app.hpp"

using nlohmann::json;

namespace {

json body_of(const retort::Response& response) { return json::parse(response.body()); }

retort::Response add(retort::TestClient& client, std::string name, std::vector<std::string> tags, double price) {
  return client.post_json("/api/items", {{"name", name}, {"tags", tags}, {"price", price}});
}

}  // namespace

TEST_CASE("the testing intent reads the testing section over the default one", "[api]") {
  retort::App app = create_app(retort::Intent::testing);
  CHECK(app.config().get<int>("PAGE_SIZE") == 2);
  CHECK(app.config().get<bool>("TESTING"));
  CHECK(app.max_content_length() == 1024u);
  retort::App production = create_app(retort::Intent::production);
  CHECK(production.config().get<int>("PAGE_SIZE") == 20);
  CHECK(production.max_content_length() == 65536u);
  CHECK(production.url_origin().host == "api.example.com");
}

TEST_CASE("create, read, list and delete items with typed bodies and queries", "[api]") {
  retort::App app = create_app(retort::Intent::testing);
  retort::TestClient client(app);

  retort::Response created = add(client, "pen", {"blue"}, 1.5);
  REQUIRE(created.status() == 201);
  CHECK(created.header("Content-Type") == "application/json");
  CHECK(created.header("Location") == "/api/items/1");
  CHECK(body_of(created) == json{{"id", 1}, {"name", "pen"}, {"tags", {"blue"}}, {"price", 1.5}});
  add(client, "ink", {"blue", "refill"}, 3);
  add(client, "pad", {"paper"}, 2);

  CHECK(body_of(client.get("/api/items/2"))["name"] == "ink");
  // Two per page in testing; the tag filter is a repeated query key.
  json page1 = body_of(client.get("/api/items"));
  CHECK(page1["items"].size() == 2);
  CHECK(body_of(client.get("/api/items?page=2"))["items"][0]["name"] == "pad");
  json blue = body_of(client.get("/api/items?tag=blue&tag=refill"));
  REQUIRE(blue["items"].size() == 1);
  CHECK(blue["items"][0]["name"] == "ink");

  CHECK(client.request("DELETE", "/api/items/2").status() == 204);
  retort::Response gone = client.get("/api/items/2");
  CHECK(gone.status() == 404);
  CHECK(body_of(gone) == json{{"error", "not found"}, {"id", 2}});
}

TEST_CASE("bad input is a JSON 4xx naming what was wrong", "[api]") {
  retort::App app = create_app(retort::Intent::testing);
  retort::TestClient client(app);

  retort::Response not_int = client.get("/api/items?page=two");
  CHECK(not_int.status() == 400);
  CHECK(body_of(not_int)["message"] == "The query parameter 'page' must be an integer, not 'two'.");
  CHECK(body_of(client.get("/api/items?page=0"))["message"] == "page starts at 1");

  retort::Response missing = client.get("/api/convert?amount=2");
  CHECK(missing.status() == 400);
  CHECK(body_of(missing)["message"] == "The query parameter 'rate' is required.");
  CHECK(body_of(client.get("/api/convert?amount=2&rate=1.5")) == json{{"result", 3.0}});

  retort::Response not_json = client.post("/api/items", "name=pen", {{"Content-Type", "text/plain"}});
  CHECK(not_json.status() == 415);
  retort::Response malformed = client.post("/api/items", "{\"name\": ", {{"Content-Type", "application/json"}});
  CHECK(malformed.status() == 400);
  CHECK(body_of(malformed)["message"].get<std::string>().starts_with("Failed to decode JSON object: "));
  retort::Response wrong_shape = client.post_json("/api/items", {{"name", 7}});
  CHECK(wrong_shape.status() == 400);
  CHECK(body_of(wrong_shape)["message"].get<std::string>().starts_with("The JSON body does not have the expected shape"));
  CHECK(client.post_json("/api/items", {{"name", ""}, {"tags", json::array()}, {"price", 1}}).status() == 422);

  // MAX_CONTENT_LENGTH is 1024 under testing.
  retort::Response too_big = client.post_json("/api/items", {{"name", std::string(2000, 'x')}, {"tags", json::array()}, {"price", 1}});
  CHECK(too_big.status() == 413);
  CHECK(client.request("PUT", "/api/items/1").status() == 405);
}

TEST_CASE("every response says its intent, and apps of different intents live side by side", "[api]") {
  retort::App testing = create_app(retort::Intent::testing);
  retort::App development = create_app(retort::Intent::development);
  retort::TestClient a(testing), b(development);
  add(a, "only in testing", {}, 1);
  CHECK(a.get("/api/items/1").header("X-Intent") == "testing");
  CHECK(b.get("/api/items/1").status() == 404);  // its own store
  CHECK(b.get("/api/items").header("X-Intent") == "development");
  // Outside the blueprint the app's default error page applies: HTML.
  CHECK(a.get("/nowhere").header("Content-Type") == "text/html; charset=utf-8");
}

// The application factory: how every api app is made, by main() and by
// the tests alike, for the intent they name.
#include "app.hpp"

#include <memory>

#include <nlohmann/json.hpp>
#include <retort/make_response.hpp>

#include "api_routes.hpp"
#include "items.hpp"

retort::App create_app(retort::Intent intent) {
  retort::App app(intent);  // root: this folder, so config.yaml is found from anywhere
  app.config().load_yaml("config.yaml");
  app.config().load_environment();  // RETORT_PAGE_SIZE=5, RETORT_MAX_CONTENT_LENGTH=…
  register_routes(app);

  app.extensions().set("items", std::make_shared<items::ItemStore>());

  // Inside /api every error is JSON, whatever the client accepts.
  app.blueprint("api").error_handler<items::NoSuchItem>(
      [](const retort::Request&, const items::NoSuchItem& e) {
        return retort::make_response(nlohmann::json{{"error", "not found"}, {"id", e.id()}}, 404);
      });
  app.blueprint("api").error_handler<retort::HttpError>([](const retort::Request&, const retort::HttpError& e) {
    retort::Response response =
        retort::make_response(nlohmann::json{{"error", std::string(retort::status_reason(e.status()))},
                                              {"message", e.description()}},
                              e.status());
    for (const auto& [name, value] : e.headers().items()) response.headers().set(name, value);
    return response;
  });
  // Every response says which intent answered it (handy when testing deployments).
  app.after_request([intent](const retort::Request&, retort::Response& response) {
    response.headers().set("X-Intent", std::string(retort::to_string(intent)));
  });
  return app;
}

// routes_app: a test app for `routes` (tests/cli/routes_vs_flask.py). Its
// static files are served under /assets, from assets/ next to this file.
#include <retort/app.hpp>
#include <retort/cli.hpp>

#include "routes_app_routes.hpp"

retort::App create_app(retort::Intent intent) {
  retort::App app(intent);
  app.config().set("STATIC_FOLDER", "assets");
  app.config().set("STATIC_URL_PATH", "/assets");
  register_routes(app);
  return app;
}

int main(int argc, char** argv) { return retort::run_cli(argc, argv, create_app); }

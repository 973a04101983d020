// hello: a retort app, and its own command line (docs/cli.md):
//   hello develop            the development server on http://127.0.0.1:5000
//   hello serve              the production server
//   hello routes             the routes, as `flask routes` prints them
//   hello config             the configuration and where it came from
//   hello url-for ENDPOINT [NAME=VALUE]...   an app command of its own
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <retort/app.hpp>
#include <retort/cli.hpp>

#include "hello_routes.hpp"

// The application factory: every command makes the app through it.
retort::App create_app(retort::Intent intent) {
  retort::App app(intent);  // root: this folder (config.yaml, templates/, static/)
  app.config().load_yaml("config.yaml");
  app.config().load_environment();  // RETORT_SECRET_KEY=…, RETORT_PROXY_FIX__X_FOR=1
  register_routes(app);
  // Work for production only, when `serve` starts (not for `routes` or
  // `config`): where an app would open its database.
  app.on_enter(retort::Intent::production, [](retort::App& app) {
    std::clog << "hello: production intent entered (root " << app.root().string() << ")" << std::endl;
  });
  return app;
}

// `hello url-for admin.member name=ada`: the URL App::url_for builds.
int url_for_command(retort::CommandContext& context) {
  if (context.args.empty()) {
    context.err << "usage: hello url-for ENDPOINT [NAME=VALUE]...\n";
    return 2;
  }
  std::vector<retort::UrlArg> values;
  for (std::string_view arg : context.args.subspan(1)) {
    const std::size_t equals = arg.find('=');
    if (equals == std::string_view::npos) {
      context.err << "hello url-for: expected NAME=VALUE, not '" << arg << "'\n";
      return 2;
    }
    values.push_back({arg.substr(0, equals), retort::UrlValue(arg.substr(equals + 1))});
  }
  context.out << context.app.url_for(context.args[0], std::span<const retort::UrlArg>(values)) << "\n";
  return 0;
}

int main(int argc, char** argv) {
  return retort::run_cli(argc, argv, create_app,
                         {{"url-for", "Print the URL url_for builds for ENDPOINT and NAME=VALUE pairs",
                           retort::Intent::development, url_for_command}});
}

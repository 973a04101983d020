#include "cli/server_settings.hpp"

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

namespace retort::cli {

ServerOptions server_options(const App& app, const Arguments& args, std::string_view default_host,
                             std::uint16_t default_port) {
  ServerOptions options;
  options.host = std::string(args.value("--host").value_or(default_host));
  options.port = static_cast<std::uint16_t>(args.number("--port", 0, 65535).value_or(default_port));
  const Config& config = app.config();
  options.proxy_fix.x_for = config.get_or<unsigned>("PROXY_FIX.X_FOR", 0);
  options.proxy_fix.x_proto = config.get_or<unsigned>("PROXY_FIX.X_PROTO", 0);
  options.proxy_fix.x_host = config.get_or<unsigned>("PROXY_FIX.X_HOST", 0);
  options.proxy_fix.x_port = config.get_or<unsigned>("PROXY_FIX.X_PORT", 0);
  return options;
}

namespace {

// The SECRET_KEY the development intent gets from the app's own files, with
// RETORT_SECRET_KEY out of the way (it would make both intents agree).
std::optional<std::string> development_secret_key(const AppFactory& factory) {
  const char* from_environment = std::getenv("RETORT_SECRET_KEY");
  const std::optional<std::string> saved = from_environment ? std::optional<std::string>(from_environment) : std::nullopt;
  if (saved) ::unsetenv("RETORT_SECRET_KEY");
  std::optional<std::string> key;
  try {
    key = factory(Intent::development).config().find<std::string>("SECRET_KEY");
  } catch (...) {
    if (saved) ::setenv("RETORT_SECRET_KEY", saved->c_str(), 1);
    throw;
  }
  if (saved) ::setenv("RETORT_SECRET_KEY", saved->c_str(), 1);
  return key;
}

}  // namespace

void check_production_secret_key(const App& app, const AppFactory& factory) {
  const std::optional<std::string> key = app.config().find<std::string>("SECRET_KEY");
  if (!key || key->empty()) {
    std::clog << "warning: SECRET_KEY is not set for production (set RETORT_SECRET_KEY if the app signs anything)"
              << std::endl;
    return;
  }
  const std::optional<std::string> development = development_secret_key(factory);
  if (*key == "dev" || (development && *key == *development))
    throw std::runtime_error(
        "refusing to serve with the development SECRET_KEY: give production its own "
        "(RETORT_SECRET_KEY=…, or the config file's production section)");
}

}  // namespace retort::cli

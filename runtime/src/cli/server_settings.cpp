#include "cli/server_settings.hpp"

#include <algorithm>
#include <filesystem>
#include <thread>
#include <ostream>
#include <optional>
#include <string>

namespace retort::cli {

ServerOptions server_options(const App& app, const Arguments& args, std::string_view default_host,
                             std::uint16_t default_port) {
  ServerOptions options;
  options.host = std::string(args.value("--host").value_or(default_host));
  options.port = static_cast<std::uint16_t>(args.number("--port", 0, 65535).value_or(default_port));
  options.threads = static_cast<unsigned>(
      args.number("--threads", 1, 1024).value_or(std::max(1u, std::thread::hardware_concurrency())));
  const Config& config = app.config();
  options.proxy_fix.x_for = config.get_or<unsigned>("PROXY_FIX.X_FOR", 0);
  options.proxy_fix.x_proto = config.get_or<unsigned>("PROXY_FIX.X_PROTO", 0);
  options.proxy_fix.x_host = config.get_or<unsigned>("PROXY_FIX.X_HOST", 0);
  options.proxy_fix.x_port = config.get_or<unsigned>("PROXY_FIX.X_PORT", 0);
  return options;
}

std::string url_host(std::string_view host) {
  if (host.find(':') != std::string_view::npos && !host.starts_with('[')) return "[" + std::string(host) + "]";
  return std::string(host);
}

namespace {

// The SECRET_KEY the development intent gets from the app's config files
// (the ones the factory loaded for production, read for development):
// neither the environment nor code, which may give both intents the same,
// real key.
std::optional<std::string> development_secret_key(const App& app) {
  Config development(Intent::development, app.root());
  for (const std::filesystem::path& file : app.config().files()) development.load_yaml(file);
  return development.find<std::string>("SECRET_KEY");
}

}  // namespace

void check_production_secret_key(const App& app, std::ostream& err) {
  const std::optional<std::string> key = app.config().find<std::string>("SECRET_KEY");
  if (!key || key->empty()) {
    say(err, "warning: SECRET_KEY is not set for production (set RETORT_SECRET_KEY if the app signs anything)");
    return;
  }
  const std::optional<std::string> development = development_secret_key(app);
  if (*key == "dev" || (development && *key == *development))
    throw std::runtime_error(
        "refusing to serve with the development SECRET_KEY: give production its own "
        "(RETORT_SECRET_KEY=…, or the config file's production section)");
}

}  // namespace retort::cli

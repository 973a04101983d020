// What develop and serve both take from the command line and the config to
// set up a server, and the production secret-key check.
#pragma once

#include <chrono>
#include <iosfwd>
#include <string_view>

#include "cli/command.hpp"
#include "retort/server.hpp"

namespace retort::cli {

// How long `serve` lets requests in flight finish after SIGTERM unless
// --shutdown-timeout says otherwise; `deploy` fits the unit's stop timeout to it.
inline constexpr std::chrono::seconds kServeShutdownTimeout{30};

// --host and --port (else the defaults given), --threads (else one per
// core), and the app's PROXY_FIX (X_FOR, X_PROTO, X_HOST, X_PORT: how many
// proxies to trust for each).
ServerOptions server_options(const App& app, const Arguments& args, std::string_view default_host,
                             std::uint16_t default_port);

// `host` as a URL writes it: an IPv6 address in brackets.
std::string url_host(std::string_view host);

// Throws std::runtime_error when `app` (production) would sign with the
// development secret key: the SECRET_KEY the development intent gets from
// the config files the app loaded (so one in their `default` section too),
// or Flask's tutorial key "dev". A missing key is allowed (an app that
// signs nothing needs none), with a warning on `err`.
void check_production_secret_key(const App& app, std::ostream& err);

}  // namespace retort::cli

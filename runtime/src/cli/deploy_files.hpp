// Deploy files: the texts `./app deploy` writes, from a plan the command
// makes out of its options and the production app (deploy_command.cpp).
// Plain string building, not Mustache: most lines depend on the plan
// (static files or not, a user or a dynamic one), which would be logic in a
// template; the layouts are in the comments here and in docs/deploying.md.
//
//   <app>.nginx.conf  upstream <app> { server 127.0.0.1:8000; … keepalive }
//                     server { listen 80; location / { proxy_pass … X-Forwarded-* }
//                              location /static/ { alias <static folder>/; expires … } }
//   <app>@.service    a systemd template unit, one process per port:
//                     ExecStart=<executable> serve --host 127.0.0.1 --port %i
//
// Values from paths and names are quoted for nginx and escaped for systemd
// (`%` specifiers); what neither can carry (a newline, a `$` in an nginx
// path) is a DeployError naming it.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace retort::cli {

class DeployError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DeployPlan {
  std::string app;                          // the executable's file name: units, upstream, /etc/<app>/env
  std::filesystem::path executable;         // absolute
  std::filesystem::path working_directory;  // the app's root, absolute
  unsigned processes = 2;
  unsigned first_port = 8000;               // processes listen on first_port … first_port + processes - 1
  std::string server_name = "_";            // nginx's catch-all name
  std::string user;                         // empty: systemd's DynamicUser
  // Static files nginx serves itself: the URL prefix ("/static", no trailing
  // slash) and the absolute folder; unset when the app serves none.
  std::optional<std::string> static_url_path;
  std::filesystem::path static_folder;
  std::optional<std::int64_t> static_max_age;      // SEND_FILE_MAX_AGE_DEFAULT, seconds
  std::optional<std::uint64_t> max_content_length;  // MAX_CONTENT_LENGTH, bytes
  unsigned trusted_for = 0;                 // PROXY_FIX.X_FOR and X_PROTO, for the comments
  unsigned trusted_proto = 0;
  // How long `serve` lets requests in flight finish after SIGTERM; systemd
  // waits a little longer before it kills.
  std::chrono::seconds shutdown_timeout{30};
  std::chrono::seconds app_keep_alive{5};   // the server's idle timeout: nginx must give up first
};

// The reasons a plan cannot be written, as one message; nothing is written then.
void check_plan(const DeployPlan& plan);

std::string nginx_file_name(const DeployPlan& plan);    // "hello.nginx.conf"
std::string systemd_file_name(const DeployPlan& plan);  // "hello@.service"

std::string nginx_server_block(const DeployPlan& plan);
std::string systemd_unit(const DeployPlan& plan);

// What to run next, for stdout: where to install both files, the secret
// key's environment file, `systemctl enable --now hello@8000 …`.
std::string install_instructions(const DeployPlan& plan, const std::filesystem::path& nginx_file,
                                 const std::filesystem::path& unit_file);

}  // namespace retort::cli

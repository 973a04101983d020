#include "cli/deploy_files.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

namespace retort::cli {
namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool only(std::string_view text, std::string_view extra) {
  return std::all_of(text.begin(), text.end(),
                     [&](char c) { return is_alnum(c) || extra.find(c) != std::string_view::npos; });
}

bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// An nginx parameter: bare when it is plain, else double-quoted. nginx
// expands `$name` even inside quotes and has no escape for it, so check_plan
// refuses a `$` first.
std::string nginx_word(std::string_view text) {
  if (!text.empty() && only(text, "/_.~:@+,=-")) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

// A path in a systemd setting: `%` starts a specifier (%i), so it doubles.
std::string systemd_path(const std::filesystem::path& path) {
  std::string out;
  for (char c : path.string()) {
    out += c;
    if (c == '%') out += '%';
  }
  return out;
}

// One word of ExecStart: specifiers and `$` variables doubled, quoted when
// it holds anything but plain characters.
std::string systemd_exec_word(std::string_view text) {
  std::string out;
  const bool quote = !only(text, "/_.+,:=@-");
  for (char c : text) {
    if (c == '%' || c == '$') out += c;
    if (quote && (c == '"' || c == '\\')) out += '\\';
    out += c;
  }
  return quote ? "\"" + out + "\"" : out;
}

// A word for a POSIX shell, for the printed commands.
std::string shell_word(std::string_view text) {
  if (!text.empty() && only(text, "/_.+,:=@%-")) return std::string(text);
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

unsigned last_port(const DeployPlan& plan) { return plan.first_port + plan.processes - 1; }

std::string ports_text(const DeployPlan& plan) {
  const std::string first = "127.0.0.1:" + std::to_string(plan.first_port);
  return plan.processes == 1 ? first : first + "-" + std::to_string(last_port(plan));
}

std::string unit_instances(const DeployPlan& plan) {
  std::string out;
  for (unsigned i = 0; i < plan.processes; ++i)
    out += (i == 0 ? "" : " ") + plan.app + "@" + std::to_string(plan.first_port + i);
  return out;
}

std::string plural(unsigned n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "es");
}

}  // namespace

void check_plan(const DeployPlan& plan) {
  std::vector<std::string> errors;
  // A systemd unit name allows letters, digits and ":-_.\"; nginx's
  // upstream name and the file names take the safe part of that.
  if (plan.app.empty() || plan.app.size() > 200 || plan.app.front() == '.' || !only(plan.app, "_.-"))
    errors.push_back("the executable's name '" + plan.app +
                     "' cannot name a systemd unit and an nginx upstream (letters, digits, '_', '.' and '-' only); "
                     "rename the executable");
  if (plan.processes == 0 || plan.first_port == 0 || last_port(plan) > 65535)
    errors.push_back("ports " + std::to_string(plan.first_port) + " to " + std::to_string(last_port(plan)) +
                     " are not all valid TCP ports");
  if (plan.server_name.empty() || plan.server_name.front() == ' ' || plan.server_name.back() == ' ' ||
      !only(plan.server_name, " _.-*~:[]^()|\\?+"))
    errors.push_back("the server name '" + plan.server_name +
                     "' is not what nginx's server_name takes (host names, separated by spaces)");
  if (!plan.user.empty() && (plan.user.front() == '-' || !only(plan.user, "_.-")))
    errors.push_back("the user '" + plan.user + "' is not a user name");
  using NamedPath = std::pair<std::string_view, const std::filesystem::path*>;
  for (const auto& [what, path] : {NamedPath{"executable", &plan.executable}, {"app's root", &plan.working_directory}}) {
    if (!path->is_absolute() || has_control(path->string()))
      errors.push_back("the " + std::string(what) + " path '" + path->string() +
                       "' is not absolute or holds control characters");
  }
  if (plan.static_url_path) {
    const std::string folder = plan.static_folder.string();
    if (!plan.static_folder.is_absolute() || has_control(folder) || folder.find('$') != std::string::npos)
      errors.push_back("nginx cannot serve the static folder '" + folder +
                       "' (not absolute, or a '$' or control character in it)");
    if (!plan.static_url_path->starts_with('/') || has_control(*plan.static_url_path) ||
        plan.static_url_path->find('$') != std::string::npos)
      errors.push_back("nginx cannot serve the static URL path '" + *plan.static_url_path + "'");
  }
  if (errors.empty()) return;
  std::string message = errors.front();
  for (std::size_t i = 1; i < errors.size(); ++i) message += "\n" + errors[i];
  throw DeployError(message);
}

std::string nginx_file_name(const DeployPlan& plan) { return plan.app + ".nginx.conf"; }
std::string systemd_file_name(const DeployPlan& plan) { return plan.app + "@.service"; }

std::string nginx_server_block(const DeployPlan& plan) {
  std::string out;
  out += "# " + nginx_file_name(plan) + ": nginx in front of " + plan.app + "'s " +
         plural(plan.processes, "process") + " on " + ports_text(plan) + "\n# (systemd units " +
         unit_instances(plan) + ").\n";
  out += "# Generated by `" + plan.app + " deploy` for the production intent; docs/deploying.md explains it.\n";
  out += "# It belongs in nginx's http block: /etc/nginx/conf.d/" + plan.app + ".conf.\n\n";

  out += "upstream " + plan.app + " {\n";
  for (unsigned i = 0; i < plan.processes; ++i)
    out += "    server 127.0.0.1:" + std::to_string(plan.first_port + i) + ";\n";
  const auto idle = std::max<std::chrono::seconds::rep>(1, plan.app_keep_alive.count() - 1);
  out += "    # Connections to the processes stay open between requests; nginx closes an\n"
         "    # idle one before the app would (after " +
         std::to_string(plan.app_keep_alive.count()) + " s).\n";
  out += "    keepalive " + std::to_string(std::max(8u, 4 * plan.processes)) + ";\n";
  out += "    keepalive_timeout " + std::to_string(idle) + "s;\n}\n\n";

  out += "server {\n    listen 80;\n    server_name " + plan.server_name + ";\n\n";
  if (!plan.max_content_length) {
    out += "    # MAX_CONTENT_LENGTH is not set: nginx's own limit of 1m applies to request bodies.\n";
  } else if (*plan.max_content_length == 0) {
    out += "    # MAX_CONTENT_LENGTH is 0: the app refuses every body (nginx's 0 would mean no limit).\n";
  } else {
    out += "    # MAX_CONTENT_LENGTH: a longer request body is refused here, with 413.\n";
    out += "    client_max_body_size " + std::to_string(*plan.max_content_length) + ";\n";
  }
  out += "\n    location / {\n        proxy_pass http://" + plan.app + ";\n";
  out += "        proxy_http_version 1.1;\n        proxy_set_header Connection \"\";\n";
  out += "        # The app believes X-Forwarded-* as far as its PROXY_FIX says (X_FOR=" +
         std::to_string(plan.trusted_for) + ", X_PROTO=" + std::to_string(plan.trusted_proto) +
         " now):\n"
         "        # 1 is this nginx; add one for each proxy or load balancer in front of it.\n";
  // X-Forwarded-For is set, not appended to ($proxy_add_x_forwarded_for):
  // a client's own header would come first, and one with an unclosed quote
  // makes ProxyFix (Werkzeug's list parsing) ignore the whole header, so
  // the client would pass for this nginx.
  out += "        proxy_set_header Host $host;\n"
         "        proxy_set_header X-Forwarded-For $remote_addr;\n"
         "        proxy_set_header X-Forwarded-Proto $scheme;\n"
         "        proxy_set_header X-Forwarded-Host $host;\n"
         "        proxy_set_header X-Forwarded-Port $server_port;\n    }\n";
  if (plan.static_url_path) {
    out += "\n    # The app's static files (STATIC_FOLDER), served by nginx without the app.\n";
    out += "    location " + nginx_word(*plan.static_url_path + "/") + " {\n";
    out += "        alias " + nginx_word(plan.static_folder.string() + "/") + ";\n";
    if (plan.static_max_age && *plan.static_max_age > 0) {
      out += "        # SEND_FILE_MAX_AGE_DEFAULT, as the app would send it.\n";
      out += "        expires " + std::to_string(*plan.static_max_age) + "s;\n";
      out += "        add_header Cache-Control public;\n";
    } else {
      out += "        # SEND_FILE_MAX_AGE_DEFAULT is not set: browsers revalidate, as with the app.\n";
      out += "        add_header Cache-Control no-cache;\n";
    }
    out += "    }\n";
  }
  out += "}\n";
  return out;
}

std::string systemd_unit(const DeployPlan& plan) {
  std::string out;
  out += "# " + systemd_file_name(plan) + ": one " + plan.app +
         " process per instance, named by its port:\n#   systemctl enable --now " + unit_instances(plan) + "\n";
  out += "# Generated by `" + plan.app + " deploy` for the production intent; nginx (" + nginx_file_name(plan) +
         ")\n# proxies to the processes. docs/deploying.md explains it.\n";
  out += "[Unit]\nDescription=" + plan.app + " on 127.0.0.1:%i (a retort app)\n";
  out += "After=network.target\n\n";
  out += "[Service]\nType=simple\n";
  out += "ExecStart=" + systemd_exec_word(plan.executable.string()) + " serve --host 127.0.0.1 --port %i\n";
  out += "WorkingDirectory=" + systemd_path(plan.working_directory) + "\n";
  out += "# RETORT_SECRET_KEY=… and any other RETORT_* setting, one per line; keep it root's (chmod 600).\n";
  out += "EnvironmentFile=-/etc/" + plan.app + "/env\n";
  if (plan.user.empty()) {
    out += "# A user of its own, made for the process; writable: /var/lib/" + plan.app +
           " ($STATE_DIRECTORY) and /tmp only.\n";
    out += "DynamicUser=yes\nStateDirectory=" + plan.app + "\n";
  } else {
    out += "User=" + plan.user + "\n";
  }
  out += "Restart=on-failure\nRestartSec=1s\n";
  out += "# serve stops accepting at SIGTERM and lets requests in flight finish for up to " +
         std::to_string(plan.shutdown_timeout.count()) + " s.\n";
  out += "KillSignal=SIGTERM\nTimeoutStopSec=" + std::to_string(plan.shutdown_timeout.count() + 10) + "s\n";
  out += "# Hardening that a web app does not notice.\n"
         "NoNewPrivileges=yes\nPrivateTmp=yes\nPrivateDevices=yes\nProtectSystem=full\n"
         "ProtectKernelTunables=yes\nProtectKernelModules=yes\nProtectControlGroups=yes\n"
         "RestrictSUIDSGID=yes\nLockPersonality=yes\nLimitNOFILE=65536\n\n";
  out += "[Install]\nWantedBy=multi-user.target\n";
  return out;
}

std::string install_instructions(const DeployPlan& plan, const std::filesystem::path& nginx_file,
                                 const std::filesystem::path& unit_file) {
  const std::string env_dir = "/etc/" + plan.app;
  std::string out;
  out += "Wrote, for " + plan.app + "'s production intent (" + plural(plan.processes, "process") + " on " +
         ports_text(plan) + "):\n";
  const std::size_t column = std::max(nginx_file.string().size(), unit_file.string().size()) + 2;
  auto padded = [column](const std::filesystem::path& path) {
    return path.string() + std::string(column - path.string().size(), ' ');
  };
  out += "  " + padded(nginx_file) + "nginx server block: proxies to the processes" +
         (plan.static_url_path ? ", serves " + *plan.static_url_path + "/ itself" : std::string()) + "\n";
  out += "  " + padded(unit_file) + "systemd template unit: one process per port\n\n";
  out += "To install them, as root:\n";
  out += "  install -m 644 " + shell_word(unit_file.string()) + " /etc/systemd/system/\n";
  out += "  install -d -m 700 " + env_dir + "\n";
  out += "  test -e " + env_dir + "/env || (umask 077; echo \"RETORT_SECRET_KEY=$(openssl rand -hex 32)\" > " +
         env_dir + "/env)\n";
  out += "  systemctl daemon-reload\n";
  out += "  systemctl enable --now " + unit_instances(plan) + "\n";
  out += "  install -m 644 " + shell_word(nginx_file.string()) + " /etc/nginx/conf.d/" + plan.app + ".conf\n";
  out += "  nginx -t && systemctl reload nginx\n";
  if (plan.server_name == "_")
    out += "\nThe server block answers any host name (server_name _); nginx's default site, if enabled,\n"
           "answers first: remove it, or run deploy again with --server-name.\n";
  out += "\nRestart one process at a time to deploy a new build without downtime; docs/deploying.md\n"
         "explains that and running on several machines.\n";
  return out;
}

}  // namespace retort::cli

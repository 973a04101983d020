// The texts `./app deploy` writes (runtime/src/cli/deploy_files.hpp), from
// plans made here: layout, quoting for nginx and systemd, refused plans.
// tests/cli/deploy_test.py runs the command on examples/hello, with nginx.
#include <catch2/catch.hpp>

#include <string>

#include "cli/deploy_files.hpp"

namespace {

using retort::cli::DeployPlan;

DeployPlan plan() {
  DeployPlan p;
  p.app = "blog";
  p.executable = "/srv/blog/bin/blog";
  p.working_directory = "/srv/blog";
  p.processes = 2;
  p.first_port = 8000;
  p.static_url_path = "/static";
  p.static_folder = "/srv/blog/static";
  p.trusted_for = 1;
  p.trusted_proto = 1;
  return p;
}

bool has(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

}  // namespace

TEST_CASE("the nginx server block", "[deploy]") {
  DeployPlan p = plan();
  std::string block = retort::cli::nginx_server_block(p);
  INFO(block);
  CHECK(retort::cli::nginx_file_name(p) == "blog.nginx.conf");
  CHECK(has(block, "upstream blog {\n    server 127.0.0.1:8000;\n    server 127.0.0.1:8001;\n    # "));
  CHECK(has(block, "    keepalive_timeout 4s;\n}\n"));  // below the app's 5 s idle timeout
  CHECK(has(block, "server {\n    listen 80;\n    server_name _;\n"));
  CHECK(has(block, "        proxy_pass http://blog;\n"));
  // Set, not appended to: a client's own header must not reach the app.
  CHECK(has(block, "        proxy_set_header X-Forwarded-For $remote_addr;\n"));
  CHECK_FALSE(has(block, "proxy_add_x_forwarded_for"));
  CHECK(has(block, "(X_FOR=1, X_PROTO=1 now)"));
  CHECK(has(block, "    location /static/ {\n        alias /srv/blog/static/;\n"));
  CHECK(has(block, "        add_header Cache-Control no-cache;\n"));  // no max age: as the app
  CHECK_FALSE(has(block, "client_max_body_size"));

  p.static_max_age = 600;
  p.max_content_length = 4096;
  p.server_name = "blog.example.org www.blog.example.org";
  p.static_url_path = "/my files";
  p.static_folder = "/srv/my \"blog\"/static";
  block = retort::cli::nginx_server_block(p);
  CHECK(has(block, "    server_name blog.example.org www.blog.example.org;\n"));
  CHECK(has(block, "    client_max_body_size 4096;\n"));
  CHECK(has(block, "    location \"/my files/\" {\n        alias \"/srv/my \\\"blog\\\"/static/\";\n"));
  CHECK(has(block, "        expires 600s;\n        add_header Cache-Control public;\n"));

  p.max_content_length = 0;  // nginx's 0 is "no limit": left out
  CHECK_FALSE(has(retort::cli::nginx_server_block(p), "client_max_body_size"));
  p.static_url_path.reset();
  CHECK_FALSE(has(retort::cli::nginx_server_block(p), "alias"));
}

TEST_CASE("the systemd template unit", "[deploy]") {
  DeployPlan p = plan();
  std::string unit = retort::cli::systemd_unit(p);
  INFO(unit);
  CHECK(retort::cli::systemd_file_name(p) == "blog@.service");
  CHECK(has(unit, "\nExecStart=/srv/blog/bin/blog serve --host 127.0.0.1 --port %i\n"));
  CHECK(has(unit, "\nWorkingDirectory=/srv/blog\n"));
  CHECK(has(unit, "\nEnvironmentFile=-/etc/blog/env\n"));
  CHECK(has(unit, "\nDynamicUser=yes\nStateDirectory=blog\n"));
  CHECK(has(unit, "\nKillSignal=SIGTERM\nTimeoutStopSec=40s\n"));
  CHECK(has(unit, "\nRestart=on-failure\n"));
  CHECK(has(unit, "#   systemctl enable --now blog@8000 blog@8001\n"));
  CHECK(has(unit, "\n[Install]\nWantedBy=multi-user.target\n"));

  // '%' is a specifier and '$' a variable to systemd: doubled; odd
  // characters quoted.
  p.executable = "/opt/100%/my app/blog";
  p.working_directory = "/opt/100%/my app";
  p.user = "www-data";
  unit = retort::cli::systemd_unit(p);
  CHECK(has(unit, "\nExecStart=\"/opt/100%%/my app/blog\" serve --host 127.0.0.1 --port %i\n"));
  CHECK(has(unit, "\nWorkingDirectory=/opt/100%%/my app\n"));
  CHECK(has(unit, "\nUser=www-data\n"));
  CHECK_FALSE(has(unit, "DynamicUser"));
}

TEST_CASE("what to run next", "[deploy]") {
  DeployPlan p = plan();
  p.processes = 3;
  const std::string text =
      retort::cli::install_instructions(p, "/tmp/out/blog.nginx.conf", "/tmp/my out/blog@.service");
  INFO(text);
  CHECK(has(text, "(3 processes on 127.0.0.1:8000-8002)"));
  CHECK(has(text, "  install -m 644 '/tmp/my out/blog@.service' /etc/systemd/system/\n"));
  CHECK(has(text, "  systemctl enable --now blog@8000 blog@8001 blog@8002\n"));
  CHECK(has(text, "/etc/nginx/conf.d/blog.conf\n"));
  CHECK(has(text, "server_name _"));  // the default site would answer first
}

TEST_CASE("plans nginx or systemd cannot carry are refused, every reason at once", "[deploy]") {
  CHECK_NOTHROW(retort::cli::check_plan(plan()));
  DeployPlan p = plan();
  p.app = "my app";
  p.server_name = "a;b";
  p.user = "-x";
  p.static_folder = "/srv/$HOME/static";
  p.first_port = 65535;
  p.working_directory = "relative";
  try {
    retort::cli::check_plan(p);
    FAIL("check_plan accepted it");
  } catch (const retort::cli::DeployError& e) {
    const std::string message = e.what();
    INFO(message);
    CHECK(has(message, "the executable's name 'my app' cannot name a systemd unit"));
    CHECK(has(message, "ports 65535 to 65536"));
    CHECK(has(message, "the server name 'a;b'"));
    CHECK(has(message, "the user '-x'"));
    CHECK(has(message, "the app's root path 'relative'"));
    CHECK(has(message, "the static folder '/srv/$HOME/static'"));
  }
}

// `./app config` (runtime/src/cli/config_command.cpp) on string streams, and
// the secret rule it shares with the debug page (runtime/src/secrets.hpp).
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <retort/app.hpp>

#include "cli/command.hpp"
#include "config_test_support.hpp"
#include "secrets.hpp"

namespace {

using nlohmann::json;

constexpr std::string_view kSecret = "s3cr3t-Value-that-must-not-show";

struct Run {
  int status;
  std::string out;
  std::string err;
};

Run run_config(const retort::App& app, std::vector<std::string_view> words) {
  std::istringstream in;
  std::ostringstream out, err;
  retort::cli::Io io{in, out, err};
  const auto args = retort::cli::Arguments::parse(retort::cli::kConfigSpec, words);
  const int status = retort::cli::config_command(app, args, io);
  return {status, out.str(), err.str()};
}

// A production app from tests/runtime/config/app.yaml, with an environment
// of its own and a few values set in code.
retort::App production_app() {
  retort::App app(retort::Intent::production, std::filesystem::path(config_test::kDir));
  app.config().load_yaml("app.yaml");
  const std::string secret = "RETORT_SECRET_KEY=" + std::string(kSecret);
  const char* environment[] = {secret.c_str(), "RETORT_DATABASE__POOL=32", "RETORT_API_TOKEN=", "OTHER=1", nullptr};
  app.config().load_environment("RETORT_", environment);
  app.config().set("CACHE_URL", "redis://cache:hunter2@cache.internal:6379/0");
  app.config().set("CREDENTIALS.USER", "ada");
  app.config().set("REPLICAS", json::array({"pg://r:pw1@a/x", "pg://b/x"}));
  return app;
}

// The table's line for `key`, or "".
std::string line_of(const std::string& out, const std::string& key) {
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with(key + " ")) return line;
  return "";
}

}  // namespace

TEST_CASE("the secret rule", "[config_command]") {
  using retort::detail::is_secret_key;
  using retort::detail::is_secret_name;
  for (std::string_view name : {"SECRET_KEY", "secret", "DB_PASSWORD", "db_passwd", "PASSPHRASE", "AUTH_TOKEN",
                                "PRIVATE_KEY_FILE", "API_KEY", "apikey", "X-Api-Key", "X-Auth-Token", "KEY",
                                "AWS_SECRET_ACCESS_KEY", "SMTP_CREDENTIALS", "Authorization-Token"}) {
    INFO(name);
    CHECK(is_secret_name(name));
  }
  for (std::string_view name : {"SERVER_NAME", "KEYS", "KEY_PREFIX", "MONKEY", "AUTHOR", "DEBUG", "Accept", "Host",
                                "PROXY_FIX", "X_FOR", ""}) {
    INFO(name);
    CHECK_FALSE(is_secret_name(name));
  }
  CHECK(is_secret_key("DATABASE.PASSWORD"));
  CHECK(is_secret_key("CREDENTIALS.USER"));  // everything under a secret mapping
  CHECK(is_secret_key("MAIL.API_KEY.PRIMARY"));
  CHECK_FALSE(is_secret_key("DATABASE.URL"));
  CHECK_FALSE(is_secret_key("PROXY_FIX.X_FOR"));
}

TEST_CASE("URL passwords are hidden whatever the key", "[config_command]") {
  using retort::detail::hide_url_password;
  CHECK(hide_url_password("postgresql://blog:hunter2@db/blog") == "postgresql://blog:***@db/blog");
  CHECK(hide_url_password("redis://:pw@cache:6379/0") == "redis://:***@cache:6379/0");
  // The userinfo ends at the authority's last '@'.
  CHECK(hide_url_password("https://u:p@ss@host/x?y=a:b@c") == "https://u:***@host/x?y=a:b@c");
  CHECK(hide_url_password("postgresql://blog@db/blog") == "postgresql://blog@db/blog");        // no password
  CHECK(hide_url_password("postgresql://blog:@db/blog") == "postgresql://blog:@db/blog");      // an empty one
  CHECK(hide_url_password("http://host/path@x:y") == "http://host/path@x:y");                  // '@' past the authority
  CHECK(hide_url_password("mailto:ada@example.org") == "mailto:ada@example.org");
  CHECK(hide_url_password("plain text") == "plain text");
  // Every URL of a value, not the first only.
  CHECK(hide_url_password("redis://:p1@a/0,redis://:p2@b/0") == "redis://:***@a/0,redis://:***@b/0");
  CHECK(hide_url_password("primary=pg://u:one@a replica=pg://u:two@b") == "primary=pg://u:***@a replica=pg://u:***@b");
}

TEST_CASE("config prints every leaf, aligned, with its source and secrets hidden", "[config_command]") {
  const retort::App app = production_app();
  const Run run = run_config(app, {});
  INFO(run.out);
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  CHECK(run.out.find(kSecret) == std::string::npos);
  CHECK(run.out.find("hunter2") == std::string::npos);
  CHECK(run.out.find("pw1") == std::string::npos);
  CHECK(run.out.starts_with("intent production, config files: " + config_test::kDir + "/app.yaml\n\nKEY "));

  // Every column starts where the heading's does.
  const std::string heading = line_of(run.out, "KEY");
  const std::size_t value_at = heading.find("VALUE"), source_at = heading.find("SOURCE");
  auto check_line = [&](const std::string& key, const std::string& value, const std::string& source) {
    const std::string line = line_of(run.out, key);
    INFO(key);
    REQUIRE(line.size() > source_at);
    CHECK(line.substr(value_at, source_at - value_at).find_last_not_of(' ') + 1 == value.size());
    CHECK(line.substr(value_at, value.size()) == value);
    CHECK(line.substr(source_at) == source);
  };
  check_line("DEBUG", "false", "built-in default");
  check_line("SERVER_NAME", "\"blog.example.org\"", "app.yaml [production]");
  check_line("SITE_TITLE", "\"Notes from the retort\"", "app.yaml [default]");
  check_line("ADMINS", "[\"ada@example.org\",\"grace@example.org\"]", "app.yaml [default]");
  check_line("DATABASE.POOL", "32", "environment RETORT_DATABASE__POOL");
  check_line("MAX_CONTENT_LENGTH", "1048576", "app.yaml [default]");
  check_line("TEMPLATES_AUTO_RELOAD", "null", "built-in default");
  check_line("SECRET_KEY", "(hidden, set)", "environment RETORT_SECRET_KEY");
  check_line("API_TOKEN", "(hidden, empty)", "environment RETORT_API_TOKEN");
  check_line("CREDENTIALS.USER", "(hidden, set)", "set in code");
  check_line("CACHE_URL", "\"redis://cache:***@cache.internal:6379/0\"", "set in code");
  check_line("REPLICAS", "[\"pg://r:***@a/x\",\"pg://b/x\"]", "set in code");

  // Sorted by key, one line per leaf.
  std::vector<std::string> keys;
  for (const retort::ConfigEntry& entry : app.config().entries()) keys.push_back(entry.key);
  std::istringstream lines(run.out.substr(run.out.find("\nKEY ") + 1));
  std::string line;
  std::getline(lines, line);  // the heading
  for (const std::string& key : keys) {
    REQUIRE(std::getline(lines, line));
    CHECK(line.substr(0, line.find(' ')) == key);
  }
  CHECK_FALSE(std::getline(lines, line));
}

TEST_CASE("config --json hides the same secrets", "[config_command]") {
  const retort::App app = production_app();
  const Run run = run_config(app, {"--json"});
  REQUIRE(run.status == 0);
  CHECK(run.out.find(kSecret) == std::string::npos);
  CHECK(run.out.find("hunter2") == std::string::npos);
  const json listing = json::parse(run.out);
  CHECK(listing["intent"] == "production");
  CHECK(listing["files"] == json::array({config_test::kDir + "/app.yaml"}));
  auto entry = [&](std::string_view key) {
    for (const json& e : listing["entries"])
      if (e["key"] == key) return e;
    return json();
  };
  CHECK(listing["entries"].size() == app.config().entries().size());
  CHECK(entry("SECRET_KEY") ==
        json{{"key", "SECRET_KEY"}, {"masked", "set"}, {"source", "environment RETORT_SECRET_KEY"}});
  CHECK(entry("API_TOKEN") ==
        json{{"key", "API_TOKEN"}, {"masked", "empty"}, {"source", "environment RETORT_API_TOKEN"}});
  CHECK(entry("DATABASE.POOL") ==
        json{{"key", "DATABASE.POOL"}, {"value", 32}, {"source", "environment RETORT_DATABASE__POOL"}});
  CHECK(entry("DATABASE.OPTIONS.timeout")["value"] == 30);
  CHECK(entry("SEND_FILE_MAX_AGE_DEFAULT")["value"] == 43200);
  CHECK(entry("SERVER_NAME")["source"] == "app.yaml [production]");
  CHECK(entry("CACHE_URL") == json{{"key", "CACHE_URL"},
                                   {"value", "redis://cache:***@cache.internal:6379/0"},
                                   {"masked", "url-password"},
                                   {"source", "set in code"}});
  CHECK(entry("MAX_CONTENT_LENGTH")["value"] == 1048576);
  CHECK(entry("SERVER_NAME")["value"] == "blog.example.org");
}

TEST_CASE("config for an app without a file, with an unset secret and odd values", "[config_command]") {
  retort::App app(retort::Intent::development, std::filesystem::path(config_test::kDir));
  app.config().set("NAME", "caf\xc3\xa9 \xff");  // invalid UTF-8 is shown replaced, not thrown on
  app.config().set("EMPTY", json::object());
  const Run run = run_config(app, {});
  REQUIRE(run.status == 0);
  CHECK(run.out.starts_with("intent development, no config file\n"));
  CHECK(line_of(run.out, "SECRET_KEY").find("null") != std::string::npos);  // unset: nothing to hide
  CHECK(line_of(run.out, "DEBUG").find("true") != std::string::npos);
  CHECK(line_of(run.out, "EMPTY").find("{}") != std::string::npos);
  CHECK(line_of(run.out, "NAME").find("\"caf\xc3\xa9 \xef\xbf\xbd\"") != std::string::npos);
  CHECK(json::parse(run_config(app, {"--json"}).out)["files"] == json::array());

  CHECK_THROWS_AS(run_config(app, {"extra"}), retort::cli::UsageError);
  CHECK_THROWS_AS(run_config(app, {"--jsn"}), retort::cli::UsageError);
}

// The command line's argument parser and the request log lines.
#include <catch2/catch.hpp>

#include <array>
#include <ctime>
#include <string_view>
#include <vector>

#include "cli/arguments.hpp"
#include "cli/request_log.hpp"

using retort::cli::Arguments;
using retort::cli::CommandSpec;
using retort::cli::Option;
using retort::cli::UsageError;

namespace {

constexpr Option kOptions[] = {{"--port", "PORT", "the port"},
                               {"--sort", "KEY", "sort key"},
                               {"--json", "", "JSON output"}};
constexpr CommandSpec kSpec{"routes", "[OPTIONS] [match METHOD PATH]", "Show the routes.", kOptions};

Arguments parse(std::vector<std::string_view> words) { return Arguments::parse(kSpec, words); }

}  // namespace

TEST_CASE("options take values separately or after '=', flags take none") {
  const Arguments args = parse({"--port", "8000", "--json", "match", "GET", "/x", "--sort=rule"});
  CHECK(args.value("--port") == "8000");
  CHECK(args.value("--sort") == "rule");
  CHECK(args.flag("--json"));
  CHECK_FALSE(args.flag("--sort-not-given"));
  CHECK(args.positionals() == std::vector<std::string_view>{"match", "GET", "/x"});
  CHECK(parse({"--port", "1", "--port", "2"}).value("--port") == "2");  // the last one wins
  CHECK_FALSE(parse({}).value("--port").has_value());
}

TEST_CASE("'-' is a positional and '--' ends the options") {
  const Arguments args = parse({"match", "-", "--", "--json", "-x"});
  CHECK(args.positionals() == std::vector<std::string_view>{"match", "-", "--json", "-x"});
  CHECK_FALSE(args.flag("--json"));
}

TEST_CASE("mistakes are usage errors that name the option") {
  CHECK_THROWS_WITH(parse({"--bogus"}), "unknown option '--bogus'");
  CHECK_THROWS_WITH(parse({"-p"}), "unknown option '-p'");
  CHECK_THROWS_WITH(parse({"--port"}), "option '--port' needs a value (PORT)");
  CHECK_THROWS_WITH(parse({"--json=yes"}), "option '--json' takes no value");
  CHECK_THROWS_AS(parse({"--bogus=1"}), UsageError);
}

TEST_CASE("numbers and choices are checked") {
  CHECK(parse({"--port", "8080"}).number("--port", 0, 65535) == 8080ul);
  CHECK_FALSE(parse({}).number("--port", 0, 65535).has_value());
  for (std::string_view bad : {"65536", "-1", "80x", "", "0x50", "99999999999999999999999"}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH(parse({"--port", bad}).number("--port", 0, 65535),
                      "option '--port' must be a whole number from 0 to 65535, not '" + std::string(bad) + "'");
  }
  constexpr std::array<std::string_view, 2> kKeys = {"rule", "endpoint"};
  CHECK(parse({"--sort", "rule"}).choice("--sort", kKeys) == "rule");
  CHECK_THROWS_WITH(parse({"--sort", "size"}).choice("--sort", kKeys),
                    "option '--sort' must be one of 'rule', 'endpoint', not 'size'");
}

TEST_CASE("help is asked for before '--' only, and the help text lists the options") {
  CHECK(retort::cli::asks_for_help(std::vector<std::string_view>{"match", "--help"}));
  CHECK(retort::cli::asks_for_help(std::vector<std::string_view>{"-h"}));
  CHECK_FALSE(retort::cli::asks_for_help(std::vector<std::string_view>{"--", "--help"}));
  CHECK(retort::cli::help_text(kSpec, "./blog") ==
        "usage: ./blog routes [OPTIONS] [match METHOD PATH]\n\nShow the routes.\n\noptions:\n"
        "  --port PORT  the port\n  --sort KEY   sort key\n  --json       JSON output\n");
}

namespace {

retort::AccessLogEntry entry(int status) {
  retort::AccessLogEntry e;
  e.remote_addr = "203.0.113.9";
  e.method = "GET";
  e.target = "/a%20b?q=1";
  e.protocol = "HTTP/1.1";
  e.status = status;
  e.body_bytes = 15;
  std::tm tm{};
  tm.tm_year = 2026 - 1900;
  tm.tm_mon = 10;
  tm.tm_mday = 21;
  tm.tm_hour = 9;
  tm.tm_min = 5;
  tm.tm_sec = 7;
  e.time = std::chrono::system_clock::from_time_t(::timegm(&tm));
  return e;
}

}  // namespace

TEST_CASE("serve logs the Combined Log Format, escaping what the client wrote") {
  retort::AccessLogEntry e = entry(200);
  CHECK(retort::cli::combined_log_line(e) ==
        R"(203.0.113.9 - - [21/Nov/2026:09:05:07 +0000] "GET /a%20b?q=1 HTTP/1.1" 200 15 "-" "-")");
  e.referer = "http://example.com/";
  e.user_agent = "evil\" \"agent\n127.0.0.1 - - fake";
  e.body_bytes = 0;
  e.status = 304;
  CHECK(retort::cli::combined_log_line(e) ==
        R"(203.0.113.9 - - [21/Nov/2026:09:05:07 +0000] "GET /a%20b?q=1 HTTP/1.1" 304 - "http://example.com/" )"
        R"("evil\x22 \x22agent\x0a127.0.0.1 - - fake")");
}

TEST_CASE("develop logs Werkzeug's line, coloured as Werkzeug colours each status") {
  const std::string plain = retort::cli::development_log_line(entry(404), false);
  CHECK(plain.starts_with("203.0.113.9 - - ["));
  CHECK(plain.ends_with("] \"GET /a%20b?q=1 HTTP/1.1\" 404 -"));
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(retort::cli::development_log_line(entry(200), true).find('\x1b') == std::string::npos);
  const std::pair<int, std::string_view> colours[] = {{101, "\x1b[1m"},          {304, "\x1b[36m"},
                                                      {308, "\x1b[32m"},         {404, "\x1b[33m"},
                                                      {405, "\x1b[1m\x1b[31m"}, {500, "\x1b[1m\x1b[35m"}};
  for (auto [status, style] : colours) {
    CAPTURE(status);
    CHECK(retort::cli::development_log_line(entry(status), true).ends_with(
        "] \"" + std::string(style) + "GET /a%20b?q=1 HTTP/1.1\x1b[0m\" " + std::to_string(status) + " -"));
  }
}

// The command line's argument parser.
#include <catch2/catch.hpp>

#include <array>
#include <string_view>
#include <vector>

#include "cli/arguments.hpp"

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

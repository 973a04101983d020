// retort::Config's typed getters and their messages; unset keys and nulls.
#include <catch2/catch.hpp>

#include "config_test_support.hpp"

using namespace config_test;  // the helpers and names the tests share

TEST_CASE("unset keys, nulls, get_or, find and contains", "[config]") {
  Config config;
  config.load_yaml(kApp);
  config.set("NULL_IN_CODE", nullptr);
  CHECK_THROWS_WITH(config.get<int>("NOPE"), "config key 'NOPE' is not set");
  CHECK_THROWS_WITH(config.get<long>("MAX_CONTENT_LENGHT"),
                    "config key 'MAX_CONTENT_LENGHT' is not set (did you mean "
                    "'MAX_CONTENT_LENGTH'?)");
  CHECK_THROWS_WITH(config.get<std::string>("DATABASE.URLS"),
                    "config key 'DATABASE.URLS' is not set (did you mean 'DATABASE.URL'?)");
  CHECK_THROWS_WITH(config.get<std::string>("database"),
                    "config key 'database' is not set (did you mean 'DATABASE'?)");
  CHECK_THROWS_WITH(config.get<std::string>("SITE_TITLE.X"),
                    "config key 'SITE_TITLE.X' is not set");
  CHECK_THROWS_WITH(config.get<std::string>("SECRET_KEY"), "config key 'SECRET_KEY' is not set");
  CHECK_THROWS_WITH(config.get<int>("NULL_IN_CODE"),
                    "config key 'NULL_IN_CODE' (from set in code) is null");

  CHECK(config.get_or<long>("SECRET_KEY", 7) == 7);
  CHECK(config.get_or("NOPE", 7) == 7);
  CHECK(config.get_or("NOPE", "text") == "text");
  CHECK(config.get_or("SITE_TITLE", "text") == "Notes from the retort");
  CHECK(config.get_or("DATABASE.POOL", 1) == 16);
  CHECK_THROWS_WITH(config.get_or("SITE_TITLE", 1),  // fallback only when unset, not when wrong
                    "config key 'SITE_TITLE' (from " + kApp +
                        " [default]) must be an integer, not the string \"Notes from the retort\"");
  CHECK(config.find<int>("DATABASE.POOL") == 16);
  CHECK(config.find<int>("SECRET_KEY") == std::nullopt);
  CHECK(config.find<int>("NOPE") == std::nullopt);
  CHECK(config.find<json>("NULL_IN_CODE") == std::nullopt);
  CHECK_THROWS_AS(config.find<int>("SITE_TITLE"), ConfigError);
  CHECK(config.contains("DATABASE"));
  CHECK(config.contains("DATABASE.OPTIONS.journal"));
  CHECK_FALSE(config.contains("NULL_IN_CODE"));
  CHECK_FALSE(config.contains("DATABASE.NOPE"));
  CHECK_FALSE(config.contains("SITE_TITLE.X"));
}

TEST_CASE("get<bool>", "[config]") {
  Config config;
  int n = 0;
  for (json yes : {json(true), json(1), json("true"), json("YES"), json("On"), json("1")}) {
    config.set("B", yes);
    CHECK(config.get<bool>("B"));
    ++n;
  }
  for (json no : {json(false), json(0), json("False"), json("no"), json("OFF"), json("0")}) {
    config.set("B", no);
    CHECK_FALSE(config.get<bool>("B"));
    ++n;
  }
  CHECK(n == 12);
  const std::string expected = "config key 'B' (from set in code) must be a boolean (true/false, "
                               "yes/no, on/off or 1/0), not ";
  config.set("B", 2);
  CHECK_THROWS_WITH(config.get<bool>("B"), expected + "the integer 2");
  config.set("B", "maybe");
  CHECK_THROWS_WITH(config.get<bool>("B"), expected + "the string \"maybe\"");
  config.set("B", json::array({true}));
  CHECK_THROWS_WITH(config.get<bool>("B"), expected + "a list");
  config.set("B", 1.0);
  CHECK_THROWS_WITH(config.get<bool>("B"), expected + "the number 1.0");
}

TEST_CASE("get<integer types>, range-checked", "[config]") {
  Config config = from_environment({"RETORT_MAX_CONTENT_LENGTH=abc", "RETORT_QUOTED=\"-12\"",
                                    "RETORT_HUGE=99999999999999999999"});
  config.set("PORT", 70000, "config.yaml [production]");
  config.set("NEGATIVE", -1);
  config.set("SIGNED_FIVE", 5);  // a signed JSON number
  config.set("MAX_U64", std::numeric_limits<std::uint64_t>::max());
  config.set("MIN_I64", std::numeric_limits<std::int64_t>::min());
  config.set("HALF", 1.5);
  config.set("FLAG", true);

  CHECK(config.get<int>("PORT") == 70000);
  CHECK_THROWS_WITH(config.get<std::uint16_t>("PORT"),
                    "config key 'PORT' (from config.yaml [production]) is 70000, out of range "
                    "for this integer type");
  CHECK_THROWS_WITH(config.get<std::int16_t>("PORT"),
                    "config key 'PORT' (from config.yaml [production]) is 70000, out of range "
                    "for this integer type");
  CHECK(config.get<int>("QUOTED") == -12);
  CHECK(config.get<std::int8_t>("QUOTED") == -12);
  CHECK_THROWS_WITH(config.get<unsigned>("QUOTED"),
                    "config key 'QUOTED' (from environment RETORT_QUOTED) is -12, out of range "
                    "for this integer type");
  CHECK_THROWS_WITH(config.get<std::size_t>("NEGATIVE"),
                    "config key 'NEGATIVE' (from set in code) is -1, out of range for this "
                    "integer type");
  CHECK(config.get<unsigned char>("SIGNED_FIVE") == 5);
  CHECK(config.get<std::uint64_t>("MAX_U64") == std::numeric_limits<std::uint64_t>::max());
  CHECK_THROWS_WITH(config.get<long long>("MAX_U64"),
                    "config key 'MAX_U64' (from set in code) is 18446744073709551615, out of "
                    "range for this integer type");
  CHECK(config.get<long long>("MIN_I64") == std::numeric_limits<long long>::min());
  CHECK_THROWS_WITH(config.get<std::uint64_t>("HUGE"),
                    "config key 'HUGE' (from environment RETORT_HUGE) is 99999999999999999999, "
                    "out of range for this integer type");
  CHECK_THROWS_WITH(config.get<long>("MAX_CONTENT_LENGTH"),
                    "config key 'MAX_CONTENT_LENGTH' (from environment "
                    "RETORT_MAX_CONTENT_LENGTH) must be an integer, not the string \"abc\"");
  CHECK_THROWS_WITH(config.get<unsigned long>("MAX_CONTENT_LENGTH"),
                    "config key 'MAX_CONTENT_LENGTH' (from environment "
                    "RETORT_MAX_CONTENT_LENGTH) must be an integer, not the string \"abc\"");
  CHECK_THROWS_WITH(config.get<int>("HALF"),
                    "config key 'HALF' (from set in code) must be an integer, not the number 1.5");
  CHECK_THROWS_WITH(config.get<int>("FLAG"), "config key 'FLAG' (from set in code) must be an "
                                             "integer, not the boolean true");

  Config file(Intent::production);
  file.load_yaml(kDir + "/invalid_type.yaml");  // loads: values are typed when read
  CHECK_THROWS_WITH(file.get<std::size_t>("MAX_CONTENT_LENGTH"),
                    "config key 'MAX_CONTENT_LENGTH' (from " + kDir +
                        "/invalid_type.yaml [default]) must be an integer, not the string \"ten\"");
}

TEST_CASE("get<float/double>", "[config]") {
  Config config = from_environment({"RETORT_RATE=0.25", "RETORT_TEXT=\"2.5\"", "RETORT_EXP=1e3"});
  config.set("INT", 2);
  config.set("HUGE", 1e300);
  config.set("WORD", "fast");
  CHECK(config.get<double>("RATE") == 0.25);
  CHECK(config.get<float>("RATE") == 0.25F);
  CHECK(config.get<double>("TEXT") == 2.5);
  CHECK(config.get<double>("EXP") == 1000.0);
  CHECK(config.get<double>("INT") == 2.0);
  CHECK(config.get<double>("HUGE") == 1e300);
  CHECK_THROWS_WITH(config.get<float>("HUGE"), "config key 'HUGE' (from set in code) is 1e+300, "
                                               "out of range for this floating-point type");
  CHECK_THROWS_WITH(config.get<double>("WORD"), "config key 'WORD' (from set in code) must be a "
                                                "number, not the string \"fast\"");
}

TEST_CASE("get<std::string>, get<std::filesystem::path>, get<std::vector<std::string>>",
          "[config]") {
  TempFile file("default:\n  HOSTS: [a.example, 10, yes, 010, true]\n  MIXED: [a, [b]]\n"
                "  NULLS: [a, ~]\n  FOLDER: /srv/blog/static\n  ONE: a\n");
  Config config;
  config.load_yaml(file.path());
  config.set("TRUE", true);
  config.set("HALF", 0.5);
  config.set("MAP", {{"a", 1}});
  const std::string from = " (from " + file.path() + " [default])";
  CHECK(config.get<std::string>("ONE") == "a");
  CHECK(config.get<std::string>("TRUE") == "true");
  CHECK(config.get<std::string>("HALF") == "0.5");
  CHECK_THROWS_WITH(config.get<std::string>("HOSTS"),
                    "config key 'HOSTS'" + from + " must be a string, not a list");
  CHECK_THROWS_WITH(config.get<std::string>("MAP"),
                    "config key 'MAP' (from set in code) must be a string, not a mapping");
  CHECK(config.get<fs::path>("FOLDER") == fs::path("/srv/blog/static"));
  CHECK(config.get<fs::path>("FOLDER").filename() == "static");
  CHECK_THROWS_WITH(config.get<fs::path>("MAP"),
                    "config key 'MAP' (from set in code) must be a string, not a mapping");

  CHECK(config.get<std::vector<std::string>>("HOSTS") ==
        std::vector<std::string>{"a.example", "10", "yes", "010", "true"});
  CHECK_THROWS_WITH(config.get<std::vector<std::string>>("ONE"),
                    "config key 'ONE'" + from + " must be a list of strings, not the string \"a\"");
  CHECK_THROWS_WITH(config.get<std::vector<std::string>>("MIXED"),
                    "config key 'MIXED'" + from + " must be a list of strings, but item [1] is a "
                                                  "list");
  CHECK_THROWS_WITH(config.get<std::vector<std::string>>("NULLS"),
                    "config key 'NULLS'" + from + " must be a list of strings, but item [1] is "
                                                  "null");
  // A mapping's source is its leaves' sources.
  config.set("MAP.b", 2, "the test");
  CHECK_THROWS_WITH(config.get<int>("MAP"), "config key 'MAP' (from set in code, the test) must "
                                            "be an integer, not a mapping");
}

TEST_CASE("get<nlohmann::json> returns the subtree", "[config]") {
  Config config;
  config.load_yaml(kApp);
  CHECK(config.get<json>("ADMINS") == json{"ada@example.org", "grace@example.org"});
  CHECK(config.get<json>("DATABASE.POOL") == 16);
  CHECK(config.get<json>("DATABASE")["OPTIONS"]["timeout"] == 30);
}

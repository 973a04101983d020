// retort::Config: intents, built-in defaults, YAML files and their layering,
// environment overrides, set(), entries(). The getters: config_get_test.cpp.
#include <catch2/catch.hpp>

#include "config_test_support.hpp"

using namespace config_test;  // the helpers and names the tests share

TEST_CASE("intent names", "[config]") {
  CHECK(retort::to_string(Intent::development) == "development");
  CHECK(retort::to_string(Intent::testing) == "testing");
  CHECK(retort::to_string(Intent::production) == "production");
  for (Intent intent : kIntents) CHECK(retort::parse_intent(retort::to_string(intent)) == intent);
  CHECK_FALSE(retort::parse_intent("Production").has_value());
  CHECK_FALSE(retort::parse_intent("prod").has_value());
  CHECK_FALSE(retort::parse_intent("").has_value());
}

TEST_CASE("built-in defaults follow the intent", "[config]") {
  for (Intent intent : kIntents) {
    Config config(intent);
    INFO(retort::to_string(intent));
    CHECK(config.intent() == intent);
    CHECK(config.get<bool>("DEBUG") == (intent == Intent::development));
    CHECK(config.get<bool>("TESTING") == (intent == Intent::testing));
    CHECK(config.get<std::string>("PREFERRED_URL_SCHEME") == "http");
    CHECK(config.get<std::string>("TEMPLATES_FOLDER") == "templates");
    CHECK(config.get<std::string>("STATIC_FOLDER") == "static");
    CHECK(config.get<std::string>("STATIC_URL_PATH") == "/static");
    for (const char* unset : {"TEMPLATES_AUTO_RELOAD", "MAX_CONTENT_LENGTH", "SERVER_NAME",
                              "SECRET_KEY", "SEND_FILE_MAX_AGE_DEFAULT"}) {
      CHECK_FALSE(config.contains(unset));
      CHECK_FALSE(config.find<json>(unset).has_value());
      CHECK_THROWS_WITH(config.get<json>(unset),
                        "config key '" + std::string(unset) + "' is not set");
    }
  }
  CHECK(Config().intent() == Intent::production);
}

TEST_CASE("entries list every leaf, sorted, with its source", "[config]") {
  Config config(Intent::development);
  std::vector<std::string> keys;
  for (const retort::ConfigEntry& entry : config.entries()) {
    keys.push_back(entry.key);
    CHECK(entry.source == "built-in default");
  }
  CHECK(keys == std::vector<std::string>{
                    "DEBUG", "MAX_CONTENT_LENGTH", "PREFERRED_URL_SCHEME", "SECRET_KEY",
                    "SEND_FILE_MAX_AGE_DEFAULT", "SERVER_NAME", "STATIC_FOLDER", "STATIC_URL_PATH",
                    "TEMPLATES_AUTO_RELOAD", "TEMPLATES_FOLDER", "TESTING"});
  CHECK(config.entries().front().value == true);
  CHECK(config.entries()[1].value.is_null());

  config.load_yaml(kApp);
  config.set("DATABASE.OPTIONS", json::object());  // an empty mapping is a leaf too
  config.set("A_B", 1);
  std::vector<std::pair<std::string, std::string>> got;
  for (const retort::ConfigEntry& entry : config.entries())
    if (entry.key.starts_with("DATABASE") || entry.key.starts_with("A"))
      got.emplace_back(entry.key, entry.source);
  // Byte order of the dotted keys: "ADMINS" < "A_B" ('D' < '_').
  CHECK(got == std::vector<std::pair<std::string, std::string>>{
                   {"ADMINS", kApp + " [default]"},
                   {"A_B", "set in code"},
                   {"DATABASE.OPTIONS", "set in code"},
                   {"DATABASE.POOL", kApp + " [default]"},
                   {"DATABASE.URL", kApp + " [development]"}});
}

TEST_CASE("load_yaml applies default, then the intent's section", "[config]") {
  struct Expected {
    Intent intent;
    const char* url;
    int pool;
    const char* url_source;
    const char* pool_source;
  };
  const Expected cases[] = {
      {Intent::development, "sqlite:///blog-dev.db", 4, "development", "default"},
      {Intent::testing, "sqlite://:memory:", 1, "testing", "testing"},
      {Intent::production, "postgresql://blog@db.internal/blog", 16, "production", "production"},
  };
  for (const Expected& e : cases) {
    Config config(e.intent);
    config.load_yaml(kApp);
    INFO(retort::to_string(e.intent));
    CHECK(config.get<std::string>("DATABASE.URL") == e.url);
    CHECK(config.get<int>("DATABASE.POOL") == e.pool);
    CHECK(source_of(config, "DATABASE.URL") == kApp + " [" + e.url_source + "]");
    CHECK(source_of(config, "DATABASE.POOL") == kApp + " [" + e.pool_source + "]");
    // From default in every intent, and the intent's built-in DEBUG stays.
    CHECK(config.get<std::string>("SITE_TITLE") == "Notes from the retort");
    CHECK(config.get<bool>("DEBUG") == (e.intent == Intent::development));
    CHECK(source_of(config, "DEBUG") == "built-in default");
  }
  Config testing(Intent::testing);
  testing.load_yaml(kApp);
  CHECK(testing.get<long>("MAX_CONTENT_LENGTH") == 1024);
  CHECK(testing.get<std::string>("SECRET_KEY") == "testing");
  Config production(Intent::production);
  production.load_yaml(kApp);
  CHECK(production.get<long>("MAX_CONTENT_LENGTH") == 1048576);
  CHECK_FALSE(production.contains("SECRET_KEY"));  // production's comes from the environment
  CHECK(production.get<std::string>("PREFERRED_URL_SCHEME") == "https");
  CHECK(production.get<int>("SEND_FILE_MAX_AGE_DEFAULT") == 43200);
  CHECK(source_of(production, "SEND_FILE_MAX_AGE_DEFAULT") == kApp + " [production]");
}

TEST_CASE("nested mappings merge key by key; scalars and lists replace", "[config]") {
  Config production(Intent::production);
  production.load_yaml(kApp);
  CHECK(production.get<int>("DATABASE.OPTIONS.timeout") == 30);
  CHECK(production.get<std::string>("DATABASE.OPTIONS.journal") == "wal");  // kept from default
  CHECK(production.get<json>("DATABASE.OPTIONS") == json{{"timeout", 30}, {"journal", "wal"}});

  TempFile file(
      "default:\n  HOSTS: [a, b, c]\n  DB: {URL: x, POOL: 2}\n  LEVEL: {deep: 1}\n"
      "production:\n  HOSTS: [d]\n  DB: {POOL: 3}\n  LEVEL: flat\n");
  Config config;
  config.load_yaml(file.path());
  CHECK(config.get<std::vector<std::string>>("HOSTS") == std::vector<std::string>{"d"});
  CHECK(config.get<json>("DB") == json{{"URL", "x"}, {"POOL", 3}});
  CHECK(config.get<std::string>("LEVEL") == "flat");  // a scalar replaces a mapping
  CHECK_FALSE(config.contains("LEVEL.deep"));
  CHECK(source_of(config, "LEVEL.deep") == "(no entry)");
}

TEST_CASE("YAML values follow the 1.2 core schema", "[config]") {
  TempFile file(
      "default:\n"
      "  NO: no\n  YES: yes\n  DATE: 2024-01-01\n  OCTAL: 0o17\n  HEX: 0x1F\n  EXP: 1e3\n"
      "  ZIP: 007\n  QUOTED: '42'\n  TAGGED: !!str 42\n  BLOCK: |\n    two\n    lines\n"
      "  NOTHING: ~\n  EMPTY:\n  INF: -.inf\n  BIG: 99999999999999999999\n"
      "  BASE: &base {POOL: 4, URL: x}\n  MERGED:\n    <<: *base\n    URL: y\n");
  Config config;
  config.load_yaml(file.path());
  CHECK(config.get<json>("NO") == "no");
  CHECK(config.get<json>("YES") == "yes");
  CHECK(config.get<json>("DATE") == "2024-01-01");
  CHECK(config.get<json>("OCTAL") == 15);
  CHECK(config.get<json>("HEX") == 31);
  CHECK(config.get<json>("EXP") == 1000.0);
  CHECK(config.get<json>("ZIP") == 7);
  CHECK(config.get<std::string>("ZIP") == "007");  // as written
  CHECK(config.get<json>("QUOTED") == "42");
  CHECK(config.get<json>("TAGGED") == "42");
  CHECK(config.get<std::string>("BLOCK") == "two\nlines\n");
  CHECK_FALSE(config.contains("NOTHING"));
  CHECK_FALSE(config.contains("EMPTY"));
  CHECK(config.get<double>("INF") == -std::numeric_limits<double>::infinity());
  CHECK(config.get<json>("BIG") == "99999999999999999999");
  CHECK(config.get<json>("MERGED") == json{{"POOL", 4}, {"URL", "y"}});  // own keys win
}

TEST_CASE("a file with mistakes is reported like a compiler and applies nothing", "[config]") {
  Config config;
  const std::string section = kDir + "/invalid_section.yaml";
  CHECK_THROWS_WITH(config.load_yaml(section),
                    section + ":4:1: error: unknown section 'prodution' (the sections are default, "
                              "development, testing and production)\n"
                              "prodution:\n"
                              "^~~~~~~~~\n" +
                        section + ":4:1: note: did you mean 'production'?");
  CHECK_FALSE(config.contains("SECRET_KEY"));  // the valid default section was not applied

  const std::string syntax = kDir + "/syntax_error.yaml";
  CHECK_THROWS_WITH(config.load_yaml(syntax), syntax +
                                                  ":4:8: error: end of sequence flow not found\n"
                                                  "  DEBUG: false\n"
                                                  "       ^");
  const std::string missing = kDir + "/missing.yaml";
  CHECK_THROWS_WITH(config.load_yaml(missing),
                    missing + ":1:1: error: cannot read config file: No such file or directory");
  CHECK_THROWS_WITH(config.load_yaml(kDir),
                    kDir + ":1:1: error: cannot read config file: Is a directory");
  CHECK_THROWS_AS(config.load_yaml(missing), ConfigError);

  // Every mistake at once, in file order; tabs expand to multiples of 8.
  TempFile file(
      "default:\n  A: 1\n  A: 2\n  a.b: 3\n  LIST: [{x.y: 1}]\n"
      "prod:\n  X: 1\n"
      "testing: [1]\n"
      "develop:\n"
      "Default: {}\n"
      "production: {\tPORT: 1, PORT: 2}\n"
      "production:\n");
  const std::string f = file.path();
  CHECK_THROWS_WITH(config.load_yaml(f),
                    f + ":3:3: error: duplicate key 'A'\n  A: 2\n  ^\n" +
                        f + ":2:3: note: previous definition is here\n  A: 1\n  ^\n" +
                        f + ":4:3: error: config key 'a.b' may not be empty or contain '.' (a "
                            "dotted key names a nested one)\n  a.b: 3\n  ^~~\n" +
                        f + ":6:1: error: unknown section 'prod' (the sections are default, "
                            "development, testing and production)\nprod:\n^~~~\n" +
                        f + ":6:1: note: did you mean 'production'?\n" +
                        f + ":8:10: error: section 'testing' must be a mapping, not a list\n"
                            "testing: [1]\n         ^\n" +
                        f + ":9:1: error: unknown section 'develop' (the sections are default, "
                            "development, testing and production)\ndevelop:\n^~~~~~~\n" +
                        f + ":9:1: note: did you mean 'development'?\n" +
                        f + ":10:1: error: unknown section 'Default' (the sections are default, "
                            "development, testing and production)\nDefault: {}\n^~~~~~~\n" +
                        f + ":10:1: note: did you mean 'default'?\n" +
                        f + ":11:24: error: duplicate key 'PORT'\n"
                            "production: {   PORT: 1, PORT: 2}\n"
                            "                         ^~~~\n" +
                        f + ":11:15: note: previous definition is here\n"
                            "production: {   PORT: 1, PORT: 2}\n"
                            "                ^~~~\n" +
                        f + ":12:1: error: duplicate section 'production'\nproduction:\n"
                            "^~~~~~~~~~\n" +
                        f + ":11:1: note: previous definition is here\n"
                            "production: {   PORT: 1, PORT: 2}\n^~~~~~~~~~");

  TempFile list("- default\n");
  CHECK_THROWS_WITH(config.load_yaml(list.path()),
                    list.path() + ":1:1: error: a config file is a mapping of sections (default, "
                                  "development, testing, production), not a list\n- default\n^");
  TempFile empty("# nothing yet\n");
  config.load_yaml(empty.path());  // an empty file is no settings, not an error
  CHECK(config.entries().size() == 11);
}

TEST_CASE("environment variables override, with __ for nesting", "[config]") {
  Config config(Intent::production);
  config.load_yaml(kApp);
  const char* environment[] = {"RETORT_DATABASE__POOL=32",
                               "RETORT_DEBUG=true",
                               "RETORT_HOSTS=[a.example, b.example]",
                               "RETORT_NAME=abc",
                               "RETORT_EMPTY=",
                               "RETORT_PORT=\"8080\"",
                               "RETORT_PASSWORD=abc #1",
                               "RETORT_ZIP=007",
                               "RETORT_RATIO=1.50",
                               "RETORT_LITERAL='[not a list]'",
                               "RETORT_BROKEN=[unclosed",
                               "RETORT_MAP={a: 1, b: [x]}",
                               "RETORT_NOTHING=null",
                               "RETORT_NEW__DEEP__KEY=yes",
                               "RETORT_SECRET_KEY__HOST=x",  // a null on the way is unset
                               "OTHER_DEBUG=false",
                               "RETORTX=1",
                               "not a variable",
                               nullptr};
  config.load_environment("RETORT_", environment);
  CHECK(config.get<json>("DATABASE.POOL") == 32);
  CHECK(source_of(config, "DATABASE.POOL") == "environment RETORT_DATABASE__POOL");
  CHECK(config.get<std::string>("DATABASE.URL") == "postgresql://blog@db.internal/blog");
  CHECK(config.get<json>("DEBUG") == true);
  CHECK(config.get<json>("HOSTS") == json{"a.example", "b.example"});
  CHECK(config.get<json>("NAME") == "abc");
  CHECK(config.get<json>("EMPTY") == "");
  CHECK(config.get<json>("PORT") == "8080");
  CHECK(config.get<int>("PORT") == 8080);
  CHECK(config.get<json>("PASSWORD") == "abc #1");
  CHECK(config.get<json>("ZIP") == 7);
  CHECK(config.get<std::string>("ZIP") == "007");
  CHECK(config.get<std::string>("RATIO") == "1.50");
  CHECK(config.get<double>("RATIO") == 1.5);
  CHECK(config.get<json>("LITERAL") == "[not a list]");
  CHECK(config.get<json>("BROKEN") == "[unclosed");
  CHECK(config.get<json>("MAP") == json{{"a", 1}, {"b", {"x"}}});
  CHECK(source_of(config, "MAP.b") == "environment RETORT_MAP");
  CHECK_FALSE(config.contains("NOTHING"));
  CHECK_THROWS_WITH(config.get<int>("NOTHING"),
                    "config key 'NOTHING' (from environment RETORT_NOTHING) is null");
  CHECK(config.get<json>("NEW") == json{{"DEEP", {{"KEY", "yes"}}}});
  CHECK(config.get<bool>("NEW.DEEP.KEY"));
  CHECK(config.get<std::string>("SECRET_KEY.HOST") == "x");
  CHECK(source_of(config, "SECRET_KEY") == "(no entry)");
  CHECK_FALSE(config.contains("OTHER_DEBUG"));
  CHECK_FALSE(config.contains("X"));

  // A mapping replaces the whole key (Flask's config[key] = value); in sorted
  // order RETORT_DB comes before RETORT_DB__POOL, which then nests into it.
  Config replaced = from_environment({"RETORT_DATABASE__POOL=8", "RETORT_DATABASE={URL: y}"});
  CHECK(replaced.get<json>("DATABASE") == json{{"URL", "y"}, {"POOL", 8}});

  Config prefixed(Intent::testing);
  const char* app_environment[] = {"APP_DEBUG=1", "RETORT_TESTING=false", nullptr};
  prefixed.load_environment("APP_", app_environment);
  CHECK(prefixed.get<json>("DEBUG") == 1);
  CHECK(prefixed.get<bool>("DEBUG"));
  CHECK(prefixed.get<bool>("TESTING"));
}

TEST_CASE("without an array, load_environment reads the process's environment", "[config]") {
  Config config;
  const auto before = config.entries().size();
  config.load_environment("RETORT_CONFIG_TEST_NO_SUCH_PREFIX_");  // reads environ, finds none
  CHECK(config.entries().size() == before);
}

TEST_CASE("bad environment variables are all reported and apply nothing", "[config]") {
  Config config;
  config.set("SECRET_KEY", "s3cret");
  const char* environment[] = {"RETORT_OK=1",
                               "RETORT_A____B=1",
                               "RETORT_=1",
                               "RETORT_SECRET_KEY__X=1",
                               "RETORT_MAP={a: 1, a: 2}",
                               nullptr};
  CHECK_THROWS_WITH(
      config.load_environment("RETORT_", environment),
      "environment variable RETORT_ does not name a config key (RETORT_A__B names key A.B)\n"
      "environment variable RETORT_A____B does not name a config key (RETORT_A__B names key "
      "A.B)\n"
      "RETORT_MAP:1:8: error: duplicate key 'a'\n{a: 1, a: 2}\n       ^\n"
      "RETORT_MAP:1:2: note: previous definition is here\n{a: 1, a: 2}\n ^\n"
      "cannot set config key 'SECRET_KEY.X' (from environment RETORT_SECRET_KEY__X): "
      "'SECRET_KEY' (from set in code) is the string \"s3cret\", not a mapping");
  CHECK_FALSE(config.contains("OK"));
}

TEST_CASE("layers: defaults < default < intent < environment < code", "[config]") {
  Config config(Intent::production);
  CHECK(source_of(config, "SERVER_NAME") == "built-in default");
  config.load_yaml(kApp);
  CHECK(config.get<std::string>("SERVER_NAME") == "blog.example.org");
  const char* environment[] = {"RETORT_SERVER_NAME=env.example.org", nullptr};
  config.load_environment("RETORT_", environment);
  CHECK(config.get<std::string>("SERVER_NAME") == "env.example.org");
  CHECK(source_of(config, "SERVER_NAME") == "environment RETORT_SERVER_NAME");
  config.set("SERVER_NAME", "code.example.org");
  CHECK(config.get<std::string>("SERVER_NAME") == "code.example.org");
  CHECK(source_of(config, "SERVER_NAME") == "set in code");
  config.set("SERVER_NAME", "cli.example.org", "command line --server-name");
  CHECK(source_of(config, "SERVER_NAME") == "command line --server-name");
}

TEST_CASE("set replaces, creates mappings on the way, and refuses to go through a scalar",
          "[config]") {
  Config config;
  config.set("DATABASE", {{"URL", "x"}, {"POOL", 2}});
  config.set("DATABASE", {{"URL", "y"}});
  CHECK(config.get<json>("DATABASE") == json{{"URL", "y"}});  // replaced, not merged
  config.set("DATABASE.OPTIONS.timeout", 5);
  CHECK(config.get<json>("DATABASE") == json{{"URL", "y"}, {"OPTIONS", {{"timeout", 5}}}});
  config.set("SECRET_KEY", nullptr, "the test");
  CHECK_THROWS_WITH(config.get<std::string>("SECRET_KEY"),
                    "config key 'SECRET_KEY' (from the test) is null");
  CHECK_THROWS_WITH(config.set("DATABASE.URL.HOST", 1),
                    "cannot set config key 'DATABASE.URL.HOST' (from set in code): "
                    "'DATABASE.URL' (from set in code) is the string \"y\", not a mapping");
  CHECK(config.get<std::string>("DATABASE.URL") == "y");  // unchanged
  CHECK_THROWS_WITH(config.set("A..B", 1), "'A..B' is not a config key: it has an empty part");
  CHECK_THROWS_WITH(config.contains(""), "'' is not a config key: it has an empty part");
}

TEST_CASE("Config objects are independent", "[config]") {
  Config a(Intent::development);
  Config b(Intent::development);
  a.set("DATABASE.URL", "a");
  const char* environment[] = {"RETORT_DEBUG=false", nullptr};
  a.load_environment("RETORT_", environment);
  CHECK_FALSE(b.contains("DATABASE"));
  CHECK(b.get<bool>("DEBUG"));
  CHECK(source_of(b, "DEBUG") == "built-in default");

  Config copy = a;
  copy.set("DATABASE.URL", "copy");
  CHECK(a.get<std::string>("DATABASE.URL") == "a");
  CHECK(source_of(a, "DATABASE.URL") == "set in code");
  CHECK(copy.get<std::string>("DATABASE.URL") == "copy");
}

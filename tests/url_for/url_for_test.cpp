// url_for against Flask 3.1: every case flask_expectations.py recorded from
// Flask's url_for, built by retort and compared byte for byte (the URL, or
// the exception's type and message). Typed cases go through the generated
// url_for:: functions, and every case through App::url_for by name.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <retort/any_of.hpp>
#include <retort/app.hpp>
#include <retort/url.hpp>
#include <retort/uuid.hpp>

#include "views_routes.hpp"

namespace {

using Catch::Matchers::Message;
using nlohmann::json;
using namespace std::literals;

// UrlValue, UrlArg and UrlValues are views: these own what they point at
// for as long as one case's call lasts. Deques keep addresses stable.
class ValueStorage {
 public:
  retort::UrlValue value(const json& j) {
    switch (j.type()) {
      case json::value_t::null: return std::nullopt;
      case json::value_t::boolean: return j.get<bool>();
      case json::value_t::number_integer: return j.get<std::int64_t>();
      case json::value_t::number_unsigned: {
        const auto n = j.get<std::uint64_t>();
        if (n <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
          return static_cast<std::int64_t>(n);
        return n;
      }
      case json::value_t::number_float: return j.get<double>();
      case json::value_t::string: return std::string_view(j.get_ref<const std::string&>());
      case json::value_t::array: {
        std::vector<retort::UrlValue>& items = lists_.emplace_back();
        for (const json& item : j) items.push_back(value(item));
        return items;
      }
      case json::value_t::object:
        if (j.contains("uuid")) {
          const std::optional<retort::Uuid> uuid = retort::Uuid::parse(j["uuid"].get<std::string>());
          if (!uuid) throw std::runtime_error("bad uuid in expected.json: " + j.dump());
          return uuids_.emplace_back(*uuid);
        }
        if (j.contains("float")) return float_value(j["float"].get<std::string>());
        [[fallthrough]];
      default: throw std::runtime_error("unexpected value in expected.json: " + j.dump());
    }
  }

  // [[name, value], ...] -> UrlArgs that stay valid until the storage dies.
  retort::UrlValues args(const json& pairs) {
    std::vector<retort::UrlArg>& args = arg_lists_.emplace_back();
    for (const json& pair : pairs)
      args.push_back({pair.at(0).get_ref<const std::string&>(), value(pair.at(1))});
    return std::span<const retort::UrlArg>(args);
  }

 private:
  static double float_value(std::string_view repr) {
    if (repr == "inf") return std::numeric_limits<double>::infinity();
    if (repr == "-inf") return -std::numeric_limits<double>::infinity();
    if (repr == "nan") return std::numeric_limits<double>::quiet_NaN();
    throw std::runtime_error("unexpected float in expected.json: " + std::string(repr));
  }

  std::deque<std::vector<retort::UrlValue>> lists_;
  std::deque<retort::Uuid> uuids_;
  std::deque<std::vector<retort::UrlArg>> arg_lists_;
};

retort::Method method_named(const std::string& name) {
  const retort::Method method = retort::parse_method(name);
  if (method == retort::Method::other) throw std::runtime_error("unexpected method in expected.json: " + name);
  return method;
}

// What a call did, in one comparable string: the URL, or `Type: message`.
template <class Call>
std::string outcome(Call&& call) {
  try {
    return "url: " + call();
  } catch (const retort::BuildError& e) {
    return "BuildError: "s + e.what();
  } catch (const std::invalid_argument& e) {
    return "ValueError: "s + e.what();
  } catch (const std::overflow_error& e) {
    return "OverflowError: "s + e.what();
  } catch (const std::exception& e) {
    return "unexpected exception: "s + e.what();
  }
}

std::string expected_outcome(const json& expected) {
  if (expected.contains("url")) return "url: " + expected["url"].get<std::string>();
  const json& error = expected.at("error");
  return error.at("type").get<std::string>() + ": " + error.at("message").get<std::string>();
}

json load_expectations() {
  std::ifstream in(RETORT_URL_FOR_EXPECTED);
  REQUIRE(in);
  return json::parse(in);
}

}  // namespace

TEST_CASE("typed url_for:: functions build what Flask's url_for builds", "[url_for][typed]") {
#include "typed_cases.inc"
  // typed_cases.inc and expected.json come from the same run of the script.
  std::size_t typed = 0;
  const json expectations = load_expectations();
  for (const json& expected : expectations.at("cases")) typed += expected.at("typed").get<bool>() ? 1 : 0;
  CHECK(typed == kTypedCases);
  std::cout << "url_for typed: " << kTypedCases << " cases compared with Flask\n";
}

TEST_CASE("App::url_for by name builds what Flask's url_for builds", "[url_for][by_name]") {
  const json expectations = load_expectations();
  retort::App app;
  register_routes(app);
  app.set_server_name(expectations.at("server_name").get<std::string>(),
                      expectations.at("preferred_url_scheme").get<std::string>());

  std::size_t compared = 0;
  for (const json& expected : expectations.at("cases")) {
    ValueStorage storage;
    const json& options = expected.at("options");
    retort::UrlOptions url_options;
    if (options.contains("query")) url_options.query = storage.args(options["query"]);
    if (options.contains("anchor")) url_options.anchor = options["anchor"].get_ref<const std::string&>();
    if (options.value("external", false)) url_options.external = app.url_origin();
    if (options.contains("scheme")) url_options.scheme = options["scheme"].get_ref<const std::string&>();
    if (options.contains("method")) url_options.method = method_named(options["method"].get<std::string>());
    const retort::UrlValues values = storage.args(expected.at("values"));
    const std::string& endpoint = expected.at("endpoint").get_ref<const std::string&>();

    INFO("case " << expected.at("case") << ": " << expected.dump());
    CHECK(outcome([&] { return app.url_for(endpoint, values, url_options); }) == expected_outcome(expected));
    ++compared;
  }
  std::cout << "url_for by name: " << compared << " cases compared with Flask\n";
}

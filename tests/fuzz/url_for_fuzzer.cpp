// Fuzz target: url_for round trip. For an endpoint of url_for_views.cpp and
// values the fuzzer picks, App::url_for builds a URL; the request for that
// URL must match the same endpoint and give back the same values, and its
// query must give back the extra values.
//
// Values are kept to those a rule can match at all, because Werkzeug's own
// round trip holds only for them: no `/` in a string value, a path without
// empty segments or a newline, three code points for length=3, a fixed_digits int within
// its width, a float Python writes without an exponent. Everything a user
// can pass is still built (and must not crash); only the check is skipped.
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <retort/app.hpp>
#include <retort/generated_support.hpp>
#include <retort/request.hpp>
#include <retort/url.hpp>

#include "fuzz_check.hpp"
#include "rule_variables.hpp"
#include "fuzz_input.hpp"
#include "percent_decode.hpp"
#include "url_for_fuzz_routes.hpp"

using retort::Match;
using retort::fuzz::check;
using retort::fuzz::variables_of;
using retort::fuzz::FuzzInput;

namespace {

enum class Kind { text, text3, path, natural, integer, fixed4, number, uuid, lang };
struct Variable {
  std::string_view name;
  Kind kind;
};
struct Endpoint {
  std::string_view name;
  std::vector<Variable> variables;
};

// What url_for_views.cpp declares.
const std::array<Endpoint, 13> kEndpoints = {{
    {"text", {{"name", Kind::text}}},
    {"pair", {{"a", Kind::text}, {"b", Kind::text}}},
    {"code", {{"code", Kind::text3}}},
    {"file", {{"p", Kind::path}}},
    {"integer", {{"id", Kind::natural}}},
    {"signed_integer", {{"n", Kind::integer}}},
    {"fixed", {{"n", Kind::fixed4}}},
    {"number", {{"x", Kind::number}}},
    {"uuid", {{"u", Kind::uuid}}},
    {"lang", {{"lang", Kind::lang}}},
    {"version", {{"major", Kind::natural}, {"minor", Kind::natural}}},
    {"directory", {{"name", Kind::text}}},
    {"users", {{"page", Kind::natural}}},
}};

const retort::App& app() {
  static const retort::App instance = [] {
    retort::App made(retort::Intent::testing);
    url_for_fuzz_routes::register_routes(made);
    for (const Endpoint& endpoint : kEndpoints) {
      bool known = false;
      for (const auto& route : made.routes()) known = known || route.endpoint == endpoint.name;
      check(known, "kEndpoints names an endpoint url_for_views.cpp does not have", endpoint.name);
    }
    return made;
  }();
  return instance;
}

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// One value, and whether the rule can match it back.
struct Value {
  std::string text;  // text kinds
  long integer = 0;
  double number = 0;
  retort::Uuid uuid{};
  bool invertible = true;
  retort::UrlValue url_value(Kind kind) const {
    switch (kind) {
      case Kind::natural: case Kind::integer: case Kind::fixed4: return integer;
      case Kind::number: return number;
      case Kind::uuid: return uuid;
      default: return std::string_view(text);
    }
  }
};

Value pick(FuzzInput& input, Kind kind) {
  Value value;
  switch (kind) {
    case Kind::text:
    case Kind::text3:
    case Kind::path:
      value.text = retort::detail::replace_invalid_utf8(input.text());
      if (kind == Kind::path)
        // Werkzeug's path regex is `[^/].*?`, and `.` stops at a newline.
        value.invertible = !value.text.empty() && value.text.front() != '/' && value.text.back() != '/' &&
                           value.text.find("//") == std::string::npos && value.text.find('\n') == std::string::npos;
      else
        value.invertible = !value.text.empty() && value.text.find('/') == std::string::npos &&
                           (kind != Kind::text3 || code_points(value.text) == 3);
      break;
    case Kind::lang: {
      static constexpr std::array<std::string_view, 4> kItems = {"en", "de", "fr", "es"};
      const std::string_view item = kItems[input.byte() % kItems.size()];
      value.text = item;
      value.invertible = item != "es";  // not one of the rule's; build refuses it
      break;
    }
    case Kind::natural:
    case Kind::integer:
    case Kind::fixed4:
      value.integer = static_cast<long>(input.integer());
      value.invertible = kind == Kind::integer || (value.integer >= 0 && (kind != Kind::fixed4 || value.integer < 10000));
      break;
    case Kind::number: {
      const std::uint64_t bits = input.integer();
      std::memcpy(&value.number, &bits, sizeof value.number);
      const double magnitude = std::fabs(value.number);
      // Python's repr has no exponent for 1e-4 <= |x| < 1e16 (and zero).
      value.invertible = std::isfinite(value.number) && (magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e16));
      break;
    }
    case Kind::uuid:
      for (auto& b : value.uuid.bytes) b = input.byte();
      break;
  }
  return value;
}

bool same(const retort::PathArgument& got, Kind kind, const Value& want) {
  switch (kind) {
    case Kind::natural: case Kind::integer: case Kind::fixed4: return got.integer == want.integer;
    case Kind::number: return got.number == want.number;
    case Kind::uuid: return got.uuid == want.uuid;
    default: return got.text == want.text;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzInput input(data, size);
  const Endpoint& endpoint = kEndpoints[input.byte() % kEndpoints.size()];
  std::vector<Value> values;
  bool invertible = true;
  for (const Variable& variable : endpoint.variables) {
    values.push_back(pick(input, variable.kind));
    invertible = invertible && values.back().invertible;
  }
  // Extra values become the query, in order.
  std::vector<std::pair<std::string, std::string>> extras(input.byte() % 4);
  for (auto& [key, value] : extras) {
    key = retort::detail::replace_invalid_utf8(input.text());
    value = retort::detail::replace_invalid_utf8(input.text());
    for (const Variable& variable : endpoint.variables) invertible = invertible && key != variable.name;
    invertible = invertible && !key.empty();
  }
  std::vector<retort::UrlArg> args;
  for (std::size_t i = 0; i < values.size(); ++i)
    args.push_back({endpoint.variables[i].name, values[i].url_value(endpoint.variables[i].kind)});
  std::vector<retort::UrlArg> query;
  for (const auto& [key, value] : extras) query.push_back({key, value});

  std::string url;
  try {
    url = app().url_for(endpoint.name, retort::UrlValues(args), {.query = retort::UrlValues(query)});
  } catch (const std::invalid_argument&) {  // a converter refused the value (Werkzeug's ValueError)
    check(!invertible, "url_for refused a value its rule takes", endpoint.name);
    return 0;
  }
  for (const char c : url) {
    const auto b = static_cast<unsigned char>(c);
    check(b > 0x20 && b < 0x7F && c != '#', "url_for left a byte unencoded", url);
  }
  check(url.starts_with("/") && !url.starts_with("//"), "url_for's URL is not a path on this host", url);
  // A URL over the server's target limit is built (Flask would too) and
  // answered 414; nothing to match.
  if (!invertible || url.size() > retort::Request::kMaxTargetLength) return 0;

  const retort::Request request("GET", url);
  check(request.target_error() == 0, "url_for built a URL the server refuses", url);
  const Match match = app().match(retort::Method::get, request.path());
  check(match.kind == Match::Kind::found, "url_for's URL does not match", url);
  const auto& route = app().routes()[match.rule];
  check(route.endpoint == endpoint.name, "url_for's URL matches another endpoint", url);
  const std::vector<std::string_view> names = variables_of(route.rule);
  check(names.size() == match.arg_count, "a match's argument count is not its rule's", url);
  for (std::size_t i = 0; i < names.size(); ++i)
    for (std::size_t v = 0; v < endpoint.variables.size(); ++v)
      if (endpoint.variables[v].name == names[i])
        check(same(match.args[i], endpoint.variables[v].kind, values[v]), "a value did not come back", url);
  if (names.empty() && endpoint.name == "users") check(values[0].integer == 1, "only page 1 is /users/", url);
  check(request.args().items() == extras, "the query did not give back the extra values", url);
  return 0;
}

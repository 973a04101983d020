// Fuzz target: the matcher retortc generates for the GitHub API route set
// (203 routes, bench/routesets/github_views.cpp, from ../shared/routes), on
// any method and request-target.
//
// Oracle, per answer:
//   found     the arguments are non-empty views into the path without `/`,
//             and url_for(endpoint, arguments) builds a URL whose decoded
//             path is the path that was matched, leading slashes merged
//             as Werkzeug merges them (build inverts match);
//   redirect  the Location's path, requested again, is found;
//   405       some method is allowed, and the path is found with it;
//   404       no other method finds the path either.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <retort/app.hpp>
#include <retort/generated_support.hpp>
#include <retort/request.hpp>

#include "fuzz_check.hpp"
#include "rule_variables.hpp"
#include "github_routes.hpp"
#include "percent_decode.hpp"

using retort::Match;
using retort::Method;
using retort::fuzz::check;
using retort::fuzz::variables_of;

namespace {

constexpr std::array kMethods = {Method::get,    Method::post,    Method::put,   Method::patch,   Method::delete_,
                                 Method::head,   Method::options, Method::trace, Method::connect, Method::other};

const retort::App& app() {
  static const retort::App instance = [] {
    retort::App made(retort::Intent::testing);
    github_routes::register_routes(made);
    return made;
  }();
  return instance;
}

// The path of a URL url_for or a Location gives, decoded as a request's.
std::string decoded_path(std::string_view url) {
  if (const std::size_t scheme = url.find("://"); scheme != std::string_view::npos) {
    const std::size_t slash = url.find('/', scheme + 3);
    url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  }
  return std::string(retort::Request("GET", url).path());
}

void check_found(std::string_view target, std::string_view path, Method method, const Match& match) {
  const auto& route = app().routes()[match.rule];
  const std::vector<std::string_view> names = variables_of(route.rule);
  check(match.arg_count == names.size(), "found with a wrong argument count", target);
  std::vector<retort::UrlArg> values;
  for (std::size_t i = 0; i < match.arg_count; ++i) {
    const std::string_view text = match.args[i].text;
    check(!text.empty(), "an empty argument", target);
    check(text.data() >= path.data() && text.data() + text.size() <= path.data() + path.size(),
          "an argument is not a view into the path", target);
    check(text.find('/') == std::string_view::npos, "a default-converter argument holds a /", target);
    values.push_back({names[i], text});
  }
  const std::string url = app().url_for(route.endpoint, retort::UrlValues(values), {.method = method});
  // Werkzeug matches `//issues` as `/issues`, without a redirect: leading
  // slashes are one (tests/fuzz/regressions/github_match).
  const std::size_t extra_slashes = path.find_first_not_of('/') == std::string_view::npos
                                        ? path.size() - 1
                                        : path.find_first_not_of('/') - 1;
  check(decoded_path(url) == path.substr(extra_slashes), "url_for of the matched values is not the matched path",
        target);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Method method = kMethods[data[0] % kMethods.size()];
  const std::string_view target(reinterpret_cast<const char*>(data) + 1, size - 1);
  retort::Request request(retort::method_name(method).empty() ? "BREW" : retort::method_name(method), target);
  if (request.target_error() != 0) return 0;
  request.headers().add("Host", "api.example");
  const std::string_view path = request.path();
  const Match match = app().match(method, path);
  switch (match.kind) {
    case Match::Kind::found:
      check(match.rule < app().routes().size(), "found a rule that does not exist", target);
      check_found(target, path, method, match);
      break;
    case Match::Kind::redirect: {
      const std::string location = app().redirect_location(request, match);
      check(location.starts_with("http://api.example/"), "a redirect leaves the host", location);
      const Match again = app().match(method, decoded_path(location));
      check(again.kind == Match::Kind::found, "a redirect's Location is not found", location);
      break;
    }
    case Match::Kind::method_not_allowed: {
      check(!match.allowed.empty(), "405 without an allowed method", target);
      bool found = false;
      for (const Method other : kMethods)
        if (match.allowed.contains(other)) found = found || app().match(other, path).kind != Match::Kind::not_found;
      check(found, "405, yet no allowed method finds the path", target);
      break;
    }
    case Match::Kind::not_found:
      for (const Method other : kMethods)
        check(app().match(other, path).kind == Match::Kind::not_found, "404 for one method, not for another", target);
      break;
  }
  return 0;
}

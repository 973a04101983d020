// route_explainer: why a request gets the answer it gets from routing, for
// `routes match METHOD PATH`.
//
// It decides as the runtime does (App::handle, dispatch, serve_static),
// without running any of the app's code (no hooks, no handler):
//   - the request-target is read as the server reads it (retort::Request:
//     percent-decoded once, the query split off); a malformed escape is a
//     400, an overlong target a 414;
//   - App::match decides found, redirect (308), 405 or 404;
//   - OPTIONS on a rule with automatic OPTIONS is answered by retort (200
//     with Allow);
//   - only when routing found nothing are static files tried: under the
//     static route, OPTIONS is a 200, a method other than GET or HEAD a 405,
//     and a file that is not there (or not allowed) a 404;
//   - a 404 lists the nearest rules (nearest_rules.hpp).
// A handler may still answer anything it likes: a 200 here means the
// request reaches it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/route_details.hpp"
#include "retort/app.hpp"

namespace retort::cli {

// A route as the explanation names it: one of App::routes(), or the static
// route (index nullopt).
struct NamedRoute {
  std::optional<std::size_t> index;
  std::string endpoint;
  std::string rule;
  MethodSet methods;
};

struct ExplainedArgument {
  std::string name;
  std::string converter;     // `int`, `default`, …; empty for a default
  std::string value_kind;    // `integer`, `float`, `uuid` or `text`
  nlohmann::json value;      // typed: a JSON integer, number or string
  bool is_default = false;   // from the rule's defaults, not the path
};

struct Explanation {
  enum class Outcome {
    found,               // the route's handler answers
    automatic_options,   // OPTIONS, answered by retort with `allowed`
    static_file,         // the static route serves `file`
    redirect,            // 308 to `location`, because of `reason`
    method_not_allowed,  // 405 with `allowed`
    not_found,           // 404; `nearest` rules, or why the static route has no file
    bad_target,          // 400 or 414 before any routing
  };
  Outcome outcome = Outcome::not_found;
  int status = 404;             // what the server answers (a handler may answer otherwise)
  std::string method;           // upper-cased, as the server reads it
  std::string target;           // as given
  std::string path;             // decoded
  std::optional<NamedRoute> route;       // found, options, static, redirect (the rule the Location reaches)
  std::optional<NamedRoute> matched;     // a canonical redirect: the rule that matched as sent
  std::vector<ExplainedArgument> arguments;  // found, static, and the `matched` of a canonical redirect
  std::string location;                  // redirect
  Match::Redirect reason = Match::Redirect::none;
  std::vector<std::string> allowed;      // 405 and OPTIONS: the Allow header's methods
  std::vector<NamedRoute> path_routes;   // 405: the routes that take the path, with other methods
  std::vector<NamedRoute> nearest;       // 404
  std::string file;                      // static: the file served, or the one that is missing
  std::string content_type;              // static_file
  std::string problem;                   // not_found on the static route, bad_target: why, in words
};

class RouteExplainer {
 public:
  // `details` must be read from `app`'s manifest and outlive the explainer.
  RouteExplainer(const App& app, const ManifestDetails& details);

  Explanation explain(std::string_view method, std::string_view target) const;

 private:
  NamedRoute named(std::size_t index) const;
  NamedRoute static_named() const;  // static_route_ must be set
  std::vector<ExplainedArgument> arguments_of(const Match& match) const;
  void explain_redirect(const Request& request, const Match& match, Explanation& out) const;
  void explain_method_not_allowed(const Request& request, const Match& match, Explanation& out) const;
  void explain_not_found(const Request& request, Explanation& out) const;

  const App& app_;
  const ManifestDetails& details_;
  std::optional<App::StaticRoute> static_route_;
};

}  // namespace retort::cli

#include "cli/route_explainer.hpp"

#include <algorithm>

#include "cli/method_names.hpp"
#include "cli/nearest_rules.hpp"
#include "retort/generated_support.hpp"
#include "retort/http_error.hpp"
#include "retort/static_files.hpp"

namespace retort::cli {
namespace {

constexpr std::size_t kNearest = 3;

// An argument of a route the manifest does not describe: numbered, as text.
ExplainedArgument untyped_argument(std::size_t index, const PathArgument& arg) {
  return {"#" + std::to_string(index + 1), "", "text", std::string(arg.text), false};
}

ExplainedArgument typed_argument(const RouteVariable& variable, const PathArgument& arg) {
  ExplainedArgument out{variable.name, variable.converter, variable.value, nullptr, false};
  if (variable.value == "integer") out.value = arg.integer;
  else if (variable.value == "float") out.value = arg.number;
  else if (variable.value == "uuid") out.value = arg.uuid.to_string();
  else out.value = std::string(arg.text);
  return out;
}

std::string kind_of_default(const nlohmann::json& value) {
  if (value.is_number_integer()) return "integer";
  if (value.is_number()) return "float";
  return "text";
}

}  // namespace

RouteExplainer::RouteExplainer(const App& app, const ManifestDetails& details)
    : app_(app), details_(details), static_route_(app.static_route()) {}

NamedRoute RouteExplainer::named(std::size_t index) const {
  const detail::RouteEntry& route = app_.routes()[index];
  return {index, std::string(route.endpoint), std::string(route.rule), route.methods};
}

NamedRoute RouteExplainer::static_named() const {
  return {std::nullopt, "static", static_rule(static_route_->url_path), {Method::get, Method::head, Method::options}};
}

std::vector<ExplainedArgument> RouteExplainer::arguments_of(const Match& match) const {
  std::vector<ExplainedArgument> arguments;
  const RouteDetails* details = match.rule < details_.routes.size() ? &details_.routes[match.rule] : nullptr;
  for (std::size_t i = 0; i < match.arg_count; ++i) {
    if (details != nullptr && i < details->variables.size())
      arguments.push_back(typed_argument(details->variables[i], match.args[i]));
    else
      arguments.push_back(untyped_argument(i, match.args[i]));
  }
  // Werkzeug's match returns the rule's defaults with the path's values.
  if (details != nullptr)
    for (const auto& [name, value] : details->defaults.items())
      arguments.push_back({name, "", kind_of_default(value), value, true});
  return arguments;
}

Explanation RouteExplainer::explain(std::string_view method, std::string_view target) const {
  const Request request(method, target);
  Explanation out;
  out.method = request.method_name();
  out.target = target;
  out.path = request.path();
  if (request.target_error() != 0) {
    out.outcome = Explanation::Outcome::bad_target;
    out.status = request.target_error();
    out.problem = out.status == 414 ? "the request-target is longer than " + std::to_string(Request::kMaxTargetLength) +
                                          " bytes"
                                    : "the path has a malformed percent escape (% and two hex digits)";
    return out;
  }
  const Match match = app_.match(request.method(), request.path());
  switch (match.kind) {
    case Match::Kind::found:
      out.status = 200;
      out.route = named(match.rule);
      if (request.method() == Method::options && app_.routes()[match.rule].automatic_options) {
        // As App::dispatch: every method some rule takes for this path.
        out.outcome = Explanation::Outcome::automatic_options;
        out.allowed = method_names(app_.match(Method::other, request.path()).allowed);
      } else {
        out.outcome = Explanation::Outcome::found;
        out.arguments = arguments_of(match);
      }
      break;
    case Match::Kind::redirect:
      explain_redirect(request, match, out);
      break;
    case Match::Kind::method_not_allowed:
      explain_method_not_allowed(request, match, out);
      break;
    case Match::Kind::not_found:
      explain_not_found(request, out);
      break;
  }
  return out;
}

void RouteExplainer::explain_redirect(const Request& request, const Match& match, Explanation& out) const {
  out.outcome = Explanation::Outcome::redirect;
  out.status = 308;
  out.reason = match.redirect;
  out.location = app_.redirect_location(request, match);  // no Host header: the path and query alone
  // The rule that answers at the Location (the Location is encoded: read it
  // as the server would).
  const Request next(request.method_name(), out.location);
  const Match there = app_.match(next.method(), next.path());
  if (there.kind == Match::Kind::found) out.route = named(there.rule);
  if (match.redirect == Match::Redirect::canonical) {
    out.matched = named(match.rule);
    out.arguments = arguments_of(match);
  }
}

void RouteExplainer::explain_method_not_allowed(const Request& request, const Match& match, Explanation& out) const {
  out.outcome = Explanation::Outcome::method_not_allowed;
  out.status = 405;
  out.allowed = method_names(match.allowed);
  for (const std::string& name : out.allowed) {
    const Match other = app_.match(parse_method(name), request.path());
    if (other.kind != Match::Kind::found) continue;
    bool known = false;
    for (const NamedRoute& route : out.path_routes) known = known || route.index == other.rule;
    if (!known) out.path_routes.push_back(named(other.rule));
  }
}

void RouteExplainer::explain_not_found(const Request& request, Explanation& out) const {
  out.outcome = Explanation::Outcome::not_found;
  out.status = 404;
  const std::string_view path = request.path();
  // App::serve_static's test, to the byte.
  if (static_route_) {
    const std::string& prefix = static_route_->url_path;
    if (path.starts_with(prefix) && path.size() > prefix.size() + 1 && path[prefix.size()] == '/') {
      const std::string_view filename = path.substr(prefix.size() + 1);
      out.route = static_named();
      out.arguments.push_back({"filename", "path", "text", std::string(filename), false});
      // For the reader: joined as text (a `/x` name must not replace the
      // folder, as operator/ would), not resolved; send_from_directory decides.
      out.file = std::filesystem::path(static_route_->folder.string() + "/" + std::string(filename))
                     .lexically_normal()
                     .string();
      if (request.method() == Method::options) {
        out.outcome = Explanation::Outcome::automatic_options;
        out.status = 200;
        out.allowed = {"GET", "HEAD", "OPTIONS"};
      } else if (request.method() != Method::get && request.method() != Method::head) {
        out.outcome = Explanation::Outcome::method_not_allowed;
        out.status = 405;
        out.allowed = {"GET", "HEAD", "OPTIONS"};
        out.path_routes.push_back(*out.route);
      } else {
        // send_from_directory decides, with all its checks; a one-byte
        // range so that a large file is not read to say it is there.
        Request probe("GET", "/");
        probe.headers().set("Range", "bytes=0-0");
        try {
          const Response response = send_from_directory(static_route_->folder, filename, probe);
          out.outcome = Explanation::Outcome::static_file;
          out.status = 200;
          out.content_type = response.headers().get("Content-Type").value_or("");
        } catch (const HttpError&) {
          out.problem = "no file the static route may serve";
        }
      }
      return;
    }
  }
  std::vector<NamedRoute> candidates;
  std::vector<std::string_view> rules;
  for (std::size_t i = 0; i < app_.routes().size(); ++i) {
    const std::string_view rule = app_.routes()[i].rule;
    if (std::find(rules.begin(), rules.end(), rule) != rules.end()) continue;  // one rule, several routes
    candidates.push_back(named(i));
    rules.push_back(rule);
  }
  std::string static_text;
  if (static_route_) {
    candidates.push_back(static_named());
    static_text = candidates.back().rule;
    rules.push_back(static_text);
  }
  for (std::size_t i : nearest_rules(path, rules, kNearest)) out.nearest.push_back(candidates[i]);
}

}  // namespace retort::cli

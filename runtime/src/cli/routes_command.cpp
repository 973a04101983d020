// `./app routes`: the route table as `flask routes` prints it
// (route_listing.hpp), the manifest (`--json`), and `routes match`, which
// explains where a request goes (route_explainer.hpp), for one request or
// for `METHOD PATH` lines read from stdin.
#include <istream>
#include <ostream>

#include "cli/command.hpp"
#include "cli/explanation_output.hpp"
#include "cli/route_details.hpp"
#include "cli/route_explainer.hpp"
#include "cli/route_listing.hpp"
#include "retort/generated_support.hpp"

namespace retort::cli {
namespace {

constexpr Option kOptions[] = {
    {"--sort", "KEY", "endpoint (default), methods, rule, or match: the order the matcher tries the rules"},
    {"--all-methods", "", "show HEAD and OPTIONS too"},
    {"--json", "", "print the route manifest; with match, the answer as one JSON object"},
    {"--intent", "NAME", "the intent to make the app for (default: development)"},
};
constexpr std::string_view kSorts[] = {"endpoint", "methods", "rule", "match"};

// Compact, and never throwing on text that is not UTF-8 (an input line).
std::string one_line(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

RouteSort sort_of(std::string_view name) {
  if (name == "methods") return RouteSort::methods;
  if (name == "rule") return RouteSort::rule;
  if (name == "match") return RouteSort::match;
  return RouteSort::endpoint;
}

// The manifest, with the static route the runtime adds (schemas/routes.schema.json).
int print_manifest(const App& app, const ManifestDetails& details, Io& io) {
  nlohmann::json manifest = details.manifest.is_null() ? nlohmann::json{{"routes", nlohmann::json::array()}}
                                                       : details.manifest;
  if (const std::optional<App::StaticRoute> route = app.static_route())
    manifest["static_route"] = {{"endpoint", "static"},
                                {"rule", static_rule(route->url_path)},
                                {"methods", {"GET", "HEAD", "OPTIONS"}},
                                {"url_path", route->url_path},
                                {"folder", route->folder.string()}};
  io.out << manifest.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return 0;
}

// `routes match -`: one compact JSON answer per line, flushed, so a program
// can hold the pipe open and ask one request at a time. A line that is not
// `METHOD PATH` gets {"line", "input", "error"}; the status is then 1.
int match_lines(const RouteExplainer& explainer, const ManifestDetails& details, Io& io) {
  int status = 0;
  std::string line;
  for (std::size_t number = 1; std::getline(io.in, line); ++number) {
    if (line.ends_with('\r')) line.pop_back();
    std::vector<std::string_view> words;
    for (std::size_t at = line.find_first_not_of(" \t"); at != std::string::npos;
         at = line.find_first_not_of(" \t", at)) {
      const std::size_t end = std::min(line.find_first_of(" \t", at), line.size());
      words.push_back(std::string_view(line).substr(at, end - at));
      at = end;
    }
    if (words.size() == 2) {
      io.out << one_line(explanation_json(explainer.explain(words[0], words[1]), details)) << "\n" << std::flush;
      continue;
    }
    status = 1;
    io.out << one_line({{"line", number}, {"input", line}, {"error", "expected 'METHOD PATH'"}}) << "\n" << std::flush;
  }
  return status;
}

}  // namespace

const CommandSpec kRoutesSpec{"routes", "[OPTIONS] [match METHOD PATH | match -]",
                              "Show the routes for the app, or where a request goes.", kOptions};

// Exit status: 0; for `match METHOD PATH`, 1 when the answer is a 4xx (404,
// 405, 400, 414), so scripts can test it; for `match -`, 1 when a line was
// malformed.
int routes_command(const App& app, const Arguments& args, Io& io) {
  const std::optional<std::string_view> sort = args.choice("--sort", kSorts);
  const bool all_methods = args.flag("--all-methods");
  const bool json = args.flag("--json");
  const std::vector<std::string_view>& words = args.positionals();
  const ManifestDetails details = read_manifest(app.route_manifest(), app.routes().size());

  if (words.empty()) {
    if (json) {
      if (sort || all_methods) throw UsageError("'--json' prints the whole manifest: '--sort' and '--all-methods' do not apply");
      return print_manifest(app, details, io);
    }
    io.out << route_listing(app, details, {sort ? sort_of(*sort) : RouteSort::endpoint, all_methods});
    return 0;
  }
  if (words[0] != "match") throw UsageError("unexpected argument '" + std::string(words[0]) + "'");
  if (sort || all_methods) throw UsageError("'--sort' and '--all-methods' are for the listing, not for 'match'");
  const RouteExplainer explainer(app, details);
  if (words.size() == 2 && words[1] == "-") return match_lines(explainer, details, io);
  if (words.size() != 3) throw UsageError("'match' takes METHOD PATH, or '-' to read such lines from stdin");
  const Explanation explanation = explainer.explain(words[1], words[2]);
  if (json)
    io.out << one_line(explanation_json(explanation, details)) << "\n";
  else
    io.out << explanation_text(explanation, details);
  return explanation.status < 400 ? 0 : 1;
}

}  // namespace retort::cli

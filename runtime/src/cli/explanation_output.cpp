#include "cli/explanation_output.hpp"

#include <algorithm>

#include "retort/response.hpp"

namespace retort::cli {
namespace {

using nlohmann::ordered_json;

// Text for the reader: JSON's quoting shows control characters and
// invalid UTF-8 (replaced) instead of printing them raw.
std::string json_quoted(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The target as given, unless a control character would reach the terminal.
std::string shown(const std::string& text) {
  const bool plain = std::none_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7F || c == '"';
  });
  return plain ? text : json_quoted(text);
}

std::string place(const SourcePlace& p) { return p.file + ":" + std::to_string(p.line); }

const RouteDetails* details_of(const NamedRoute& route, const ManifestDetails& details) {
  return route.index && *route.index < details.routes.size() ? &details.routes[*route.index] : nullptr;
}

ordered_json route_json(const NamedRoute& route) { return {{"endpoint", route.endpoint}, {"rule", route.rule}}; }

ordered_json arguments_json(const std::vector<ExplainedArgument>& arguments) {
  ordered_json out = ordered_json::object();
  for (const ExplainedArgument& a : arguments) out[a.name] = a.value;
  return out;
}

std::string why(Match::Redirect reason) {
  switch (reason) {
    case Match::Redirect::add_slash:
      return "the rule ends in '/' and the path does not: its URL is the one with the slash (strict_slashes)";
    case Match::Redirect::merge_slashes:
      return "the path has repeated slashes; with them merged it matches (merge_slashes)";
    case Match::Redirect::merge_and_add_slash:
      return "the path has repeated slashes and, with them merged, lacks the '/' its rule ends in";
    case Match::Redirect::canonical:
      return "the values equal the defaults of another rule of the endpoint, whose URL is canonical "
             "(redirect_defaults)";
    case Match::Redirect::none: break;
  }
  return "";
}

std::string kind_words(std::string_view kind) {
  if (kind == "integer") return "an integer";
  if (kind == "float") return "a number";
  if (kind == "uuid") return "a UUID";
  return "text";
}

class TextWriter {
 public:
  void line(std::string_view label, const std::string& text) {
    out_ += "  ";
    out_ += label;
    out_.append(kLabelWidth - std::min(kLabelWidth, label.size()), ' ');
    out_ += text + "\n";
  }
  void head(const std::string& text) { out_ += "  " + text + "\n"; }
  void raw(const std::string& text) { out_ += text; }

  void route(std::string_view label, const NamedRoute& route, const ManifestDetails& details) {
    std::string text = route.rule + " -> " + route.endpoint;
    if (const RouteDetails* d = details_of(route, details)) text += " (" + place(d->handler_source) + ")";
    line(label, text);
  }

  // `id = 7 (int converter: an integer)`, `page = 1 (the rule's default)`.
  void arguments(const std::vector<ExplainedArgument>& arguments) {
    std::string_view label = "arguments";
    for (const ExplainedArgument& a : arguments) {
      std::string text = a.name + " = " + json_quoted(a.value) + " (";
      if (a.is_default) text += "the rule's default";
      else if (a.converter.empty()) text += kind_words(a.value_kind);
      else text += a.converter + " converter: " + kind_words(a.value_kind);
      line(label, text + ")");
      label = "";
    }
  }

  std::string take() { return std::move(out_); }

 private:
  static constexpr std::size_t kLabelWidth = 11;
  std::string out_;
};

std::string status_line(int status) { return std::to_string(status) + " " + std::string(status_reason(status)); }

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

std::string_view redirect_reason_name(Match::Redirect reason) {
  switch (reason) {
    case Match::Redirect::add_slash: return "add_slash";
    case Match::Redirect::merge_slashes: return "merge_slashes";
    case Match::Redirect::merge_and_add_slash: return "merge_and_add_slash";
    case Match::Redirect::canonical: return "canonical";
    case Match::Redirect::none: break;
  }
  return "none";
}

ordered_json explanation_json(const Explanation& e, const ManifestDetails& details) {
  using Outcome = Explanation::Outcome;
  ordered_json out = {{"method", e.method}, {"path", e.target}, {"status", e.status}};
  switch (e.outcome) {
    case Outcome::found:
    case Outcome::automatic_options:
    case Outcome::static_file:
      out.update(route_json(*e.route));
      if (const RouteDetails* d = details_of(*e.route, details)) out["source"] = place(d->handler_source);
      if (e.outcome == Outcome::automatic_options) {
        out["automatic_options"] = true;
        out["allowed"] = e.allowed;
      } else {
        out["arguments"] = arguments_json(e.arguments);
      }
      if (e.outcome == Outcome::static_file) out["file"] = e.file;
      break;
    case Outcome::redirect:
      out["location"] = e.location;
      out["reason"] = redirect_reason_name(e.reason);
      if (e.route) out.update(route_json(*e.route));
      if (e.matched) {
        ordered_json matched = route_json(*e.matched);
        matched["arguments"] = arguments_json(e.arguments);
        out["matched"] = std::move(matched);
      }
      break;
    case Outcome::method_not_allowed:
      out["allowed"] = e.allowed;
      out["rules"] = ordered_json::array();
      for (const NamedRoute& route : e.path_routes) out["rules"].push_back(route_json(route));
      break;
    case Outcome::not_found:
      if (e.route) {  // the static route, without the file
        out.update(route_json(*e.route));
        out["arguments"] = arguments_json(e.arguments);
        out["file"] = e.file;
        out["problem"] = e.problem;
      } else {
        out["nearest"] = ordered_json::array();
        for (const NamedRoute& route : e.nearest) out["nearest"].push_back(route_json(route));
      }
      break;
    case Outcome::bad_target:
      out["problem"] = e.problem;
      break;
  }
  return out;
}

std::string explanation_text(const Explanation& e, const ManifestDetails& details) {
  using Outcome = Explanation::Outcome;
  TextWriter w;
  w.raw(shown(e.method) + " " + shown(e.target) + "\n");
  switch (e.outcome) {
    case Outcome::found:
    case Outcome::static_file: {
      w.head(status_line(e.status) + " -> " + e.route->endpoint +
             (e.outcome == Outcome::static_file ? " (a static file)" : ""));
      const RouteDetails* d = details_of(*e.route, details);
      w.line("rule", e.route->rule + (d != nullptr ? " (" + place(d->rule_source) + ")" : ""));
      w.line("methods", e.route->methods.to_string());
      if (d != nullptr) w.line("handler", d->handler + " (" + place(d->handler_source) + ")");
      w.arguments(e.arguments);
      if (e.outcome == Outcome::static_file) {
        w.line("file", e.file + (e.content_type.empty() ? "" : " (" + e.content_type + ")"));
        w.line("note", "static files are tried only when no rule matches the path");
      }
      break;
    }
    case Outcome::automatic_options:
      w.head(status_line(e.status) + " -> " + e.route->endpoint + ", answered by retort (automatic OPTIONS)");
      w.line("rule", e.route->rule);
      w.line("allowed", joined(e.allowed) + " (the Allow header)");
      break;
    case Outcome::redirect:
      w.head(status_line(e.status) + " -> " + e.location);
      w.line("why", why(e.reason));
      if (e.matched) {
        w.route("matched", *e.matched, details);
        w.arguments(e.arguments);
      }
      if (e.route) w.route("rule", *e.route, details);
      break;
    case Outcome::method_not_allowed: {
      w.head(status_line(e.status));
      w.line("allowed", joined(e.allowed) + " (the Allow header)");
      std::string_view label = "rules";
      for (const NamedRoute& route : e.path_routes) {
        w.route(label, route, details);
        label = "";
      }
      break;
    }
    case Outcome::not_found:
      if (e.route) {
        w.head(status_line(e.status) + ": " + e.problem);
        w.route("rule", *e.route, details);
        w.line("file", e.file);
      } else {
        w.head(status_line(e.status) + ": no rule matches the path");
        std::string_view label = "nearest";
        for (const NamedRoute& route : e.nearest) {
          w.route(label, route, details);
          label = "";
        }
      }
      break;
    case Outcome::bad_target:
      w.head(status_line(e.status) + ": " + e.problem);
      break;
  }
  return w.take();
}

}  // namespace retort::cli

#include "debug_page.hpp"

#include "percent_decode.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <string_view>
#include <typeinfo>

#include <nlohmann/json.hpp>

#include "header_value.hpp"
#include "html_escape.hpp"
#include "retort/detail/percent_encoding.hpp"
#include "retort/generated_support.hpp"
#include "retort/http_error.hpp"
#include "retort/make_response.hpp"
#include "secrets.hpp"

namespace retort::detail {
namespace {

constexpr std::string_view kHidden = "(hidden)";
constexpr int kMaxNesting = 16;  // a cycle of nested exceptions cannot be built, but a long chain can

std::string demangle(const char* name) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> demangled(abi::__cxa_demangle(name, nullptr, nullptr, &status), std::free);
  return status == 0 && demangled ? std::string(demangled.get()) : std::string(name);
}

void describe(const std::exception_ptr& error, std::vector<ExceptionInfo>& out) {
  try {
    std::rethrow_exception(error);
  } catch (...) {
    // The type of whatever was thrown, also when it is no std::exception.
    const std::type_info* type = abi::__cxa_current_exception_type();
    ExceptionInfo info{type != nullptr ? demangle(type->name()) : "an exception of unknown type", ""};
    std::exception_ptr nested;
    try {
      throw;
    } catch (const std::exception& e) {
      info.what = e.what();
      if (const auto* carrier = dynamic_cast<const std::nested_exception*>(&e)) nested = carrier->nested_ptr();
    } catch (...) {
    }
    out.push_back(std::move(info));
    if (nested && out.size() < kMaxNesting) describe(nested, out);
  }
}

// A header's value as the page shows it (the file comment says which are hidden).
std::string shown_header(std::string_view name, std::string_view value) {
  if (iequals(name, "Authorization") || iequals(name, "Proxy-Authorization")) {
    const std::size_t space = value.find(' ');
    return space == std::string_view::npos ? std::string(kHidden)
                                           : std::string(value.substr(0, space)) + " " + std::string(kHidden);
  }
  if (iequals(name, "Cookie")) {
    std::string shown;
    for (std::size_t start = 0; start <= value.size();) {
      const std::size_t end = std::min(value.find(';', start), value.size());
      std::string_view pair = value.substr(start, end - start);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      if (!pair.empty()) {
        shown += (shown.empty() ? "" : "; ") + std::string(pair.substr(0, pair.find('='))) + "=" + std::string(kHidden);
      }
      start = end + 1;
    }
    return shown;
  }
  return is_secret_name(name) ? std::string(kHidden) : std::string(value);
}

// The query string with the values of secret-named parameters hidden
// (`?token=…`), the rest as sent.
std::string shown_query(std::string_view query) {
  std::string shown;
  for (std::size_t start = 0; start <= query.size();) {
    const std::size_t end = std::min(query.find('&', start), query.size());
    const std::string_view pair = query.substr(start, end - start);
    const std::size_t equals = pair.find('=');
    if (start != 0) shown += '&';
    // The name as the app reads it (`api%5Fkey` is `api_key`).
    if (equals != std::string_view::npos && is_secret_name(percent_decode(pair.substr(0, equals))))
      shown += std::string(pair.substr(0, equals + 1)) + std::string(kHidden);
    else
      shown += pair;
    start = end + 1;
  }
  return shown;
}

// The request-target as the page shows it: the path re-encoded, the query
// with secrets hidden.
std::string shown_target(const Request& request) {
  std::string target;
  append_path_encoded(target, request.path());
  if (!request.query_string().empty()) target += "?" + shown_query(request.query_string());
  return target;
}

std::string exception_line(const ExceptionInfo& info) {
  return info.what.empty() ? info.type : info.type + ": " + info.what;
}

Response html_page(const DebugPageInput& input, const std::vector<ExceptionInfo>& chain,
                   const std::vector<ExceptionInfo>& handled) {
  const Request& request = input.request;
  const std::string target = shown_target(request);
  std::string html =
      "<!doctype html>\n<html lang=en>\n<meta charset=utf-8>\n<title>" + html_escape(exception_line(chain.front())) +
      " // retort debug page</title>\n"
      "<style>\n"
      "body{font:15px/1.4 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}\n"
      "h1{font-size:1.5em;color:#a00;margin-bottom:.2em}\n"
      ".what{font:1.1em/1.4 ui-monospace,monospace;white-space:pre-wrap;background:#fee;padding:.6em;margin-top:0}\n"
      "table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.2em .6em;"
      "border-bottom:1px solid #ddd}th{white-space:nowrap;width:1%}\n"
      "td{font-family:ui-monospace,monospace;word-break:break-all}\n"
      ".note{color:#666;font-size:.9em;margin-top:2em}\n"
      "</style>\n"
      "<h1>" + html_escape(chain.front().type) + "</h1>\n"
      "<p class=what>" + html_escape(chain.front().what) + "</p>\n";
  for (std::size_t i = 1; i < chain.size(); ++i)
    html += "<p>nested in it: <b>" + html_escape(chain[i].type) + "</b>: " + html_escape(chain[i].what) + "</p>\n";
  if (!handled.empty())
    html += "<p>An error handler threw this while it handled <b>" + html_escape(handled.front().type) + "</b>: " +
            html_escape(handled.front().what) + "</p>\n";

  html += "<h2>Request</h2>\n<table>\n";
  auto row = [&html](std::string_view name, std::string_view value) {
    html += "<tr><th>" + html_escape(name) + "<td>" + html_escape(value) + "\n";
  };
  row("Request", std::string(request.method_name()) + " " + target);
  const std::string_view host = request.host();
  row("URL", host.empty() ? target : std::string(request.scheme()) + "://" + std::string(host) + target);
  if (input.route != nullptr) {
    row("Endpoint", input.route->endpoint);
    row("Rule", input.route->rule);
  } else {
    row("Endpoint", "(no route matched)");
  }
  if (!request.remote_addr().empty()) row("Remote address", request.remote_addr());
  html += "</table>\n<h2>Headers</h2>\n<table>\n";
  for (const auto& [name, value] : request.headers().items()) row(name, shown_header(name, value));
  html += "</table>\n"
          "<p class=note>retort shows this page because the app runs for the development intent with DEBUG on "
          "(<code>./app develop</code>). The testing and production intents never show it: they answer a plain 500 "
          "and log the exception.</p>\n";
  Response response(std::move(html), 500);
  return response;
}

nlohmann::json exceptions_json(const std::vector<ExceptionInfo>& chain) {
  nlohmann::json out = nlohmann::json::array();
  for (const ExceptionInfo& info : chain) out.push_back({{"type", info.type}, {"what", info.what}});
  return out;
}

Response json_page(const DebugPageInput& input, const std::vector<ExceptionInfo>& chain,
                   const std::vector<ExceptionInfo>& handled) {
  const Request& request = input.request;
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& [name, value] : request.headers().items()) headers.push_back({name, shown_header(name, value)});
  nlohmann::json debug = {
      {"exception", exceptions_json(chain)},
      {"request", {{"method", request.method_name()}, {"target", shown_target(request)}, {"headers", headers}}},
      {"endpoint", input.route != nullptr ? nlohmann::json(input.route->endpoint) : nlohmann::json()},
      {"rule", input.route != nullptr ? nlohmann::json(input.route->rule) : nlohmann::json()},
  };
  if (!request.remote_addr().empty()) debug["request"]["remote_addr"] = request.remote_addr();
  if (!handled.empty()) debug["while_handling"] = exceptions_json(handled);
  const nlohmann::json body = {{"code", 500},
                               {"name", std::string(status_reason(500))},
                               {"description", std::string(status_description(500))},
                               {"debug", std::move(debug)}};
  Response response = make_response(body);  // jsonify's form; invalid UTF-8 in what() becomes U+FFFD
  response.set_status(500);
  return response;
}

}  // namespace

std::vector<ExceptionInfo> describe_exception(std::exception_ptr error) {
  std::vector<ExceptionInfo> chain;
  if (error) describe(error, chain);
  return chain;
}

Response debug_page(const DebugPageInput& input) {
  std::vector<ExceptionInfo> chain = describe_exception(input.error);
  if (chain.empty()) chain.push_back({"(no exception)", ""});
  const std::vector<ExceptionInfo> handled = describe_exception(input.while_handling);
  const std::string_view accept = input.request.headers().get("Accept").value_or("");
  Response response = best_match(accept, {"text/html", "application/json"}, "text/html") == "application/json"
                          ? json_page(input, chain, handled)
                          : html_page(input, chain, handled);
  response.headers().set("Cache-Control", "no-store");
  return response;
}

}  // namespace retort::detail

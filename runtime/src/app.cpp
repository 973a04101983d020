#include "retort/app.hpp"

#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>

#include "retort/detail/percent_encoding.hpp"
#include "retort/generated_support.hpp"
#include "retort/http_error.hpp"

namespace retort {
namespace {

Response error_page(int status) {
  std::string code = std::to_string(status);
  std::string reason(status_reason(status));
  return Response("<!doctype html>\n<html lang=en>\n<title>" + code + " " + reason + "</title>\n<h1>" +
                      reason + "</h1>\n<p>" + std::string(status_description(status)) + "</p>\n",
                  status);
}

// Where a routing redirect goes (Werkzeug's RequestRedirect): an absolute
// URL on the request's host, the path re-encoded, the query kept verbatim.
std::string redirect_location(const Request& request, const Match& match, const detail::RouteTable& table) {
  std::string location;
  if (auto host = request.headers().get("Host")) location = "http://" + std::string(*host);
  if (match.redirect == Match::Redirect::canonical) {
    location += table.canonical_path(match);  // built by the rule's to_url: encoded already
  } else {
    std::string_view path = detail::matched_path(request.path());
    std::string merged;
    if (match.redirect == Match::Redirect::merge_slashes || match.redirect == Match::Redirect::merge_and_add_slash) {
      merged.resize(path.size());
      merged.resize(detail::merge_slashes(path, merged.data()));
      path = merged;
    }
    detail::append_path_encoded(location, path);
    if (match.redirect != Match::Redirect::merge_slashes) location += '/';
  }
  if (!request.query_string().empty()) location += "?" + std::string(request.query_string());
  return location;
}

}  // namespace

App::App() : logger_([](std::string_view message) { std::cerr << message << std::endl; }) {}

void App::set_routes(const detail::RouteTable& table) {
  table_ = std::make_shared<detail::RouteTable>(table);
}

std::span<const detail::RouteEntry> App::routes() const {
  return table_ ? table_->routes : std::span<const detail::RouteEntry>();
}

Match App::match(Method method, std::string_view path) const {
  return table_ ? table_->match(method, path) : Match{};
}

std::string App::url_for(std::string_view endpoint, UrlValues values, const UrlOptions& options) const {
  static constexpr detail::UrlMap kEmpty{};
  const detail::UrlMap& map = table_ && table_->urls != nullptr ? *table_->urls : kEmpty;
  const std::size_t index = detail::find_endpoint(map, endpoint);
  if (index == map.endpoints.size()) detail::throw_unknown_endpoint(map, endpoint, values.span(), options);
  return detail::build_url(map, index, values.span(), options);
}

void App::set_server_name(std::string server_name, std::string preferred_scheme) {
  server_name_ = std::move(server_name);
  preferred_scheme_ = std::move(preferred_scheme);
}

UrlOrigin App::url_origin() const {
  if (server_name_.empty())
    throw std::logic_error(
        "Unable to build URLs outside an active request without 'SERVER_NAME' configured. Also configure "
        "'APPLICATION_ROOT' and 'PREFERRED_URL_SCHEME' as needed.");
  return {preferred_scheme_, server_name_};
}

Response App::dispatch(const Request& request) const {
  if (request.target_error() != 0) return error_page(request.target_error());
  const Match m = match(request.method(), request.path());
  switch (m.kind) {
    case Match::Kind::found: {
      const detail::RouteEntry& route = table_->routes[m.rule];
      if (request.method() == Method::options && route.automatic_options) {
        // Flask's automatic OPTIONS: every method some rule takes for this
        // path (what a request with no acceptable method collects).
        Response response(std::string(), 200);
        response.headers().set("Allow", match(Method::other, request.path()).allowed.to_string());
        return response;
      }
      return route.call(request, m);
    }
    case Match::Kind::redirect:
      return redirect(redirect_location(request, m, *table_), 308);
    case Match::Kind::method_not_allowed: {
      Response response = error_page(405);
      response.headers().set("Allow", m.allowed.to_string());
      return response;
    }
    case Match::Kind::not_found:
      break;
  }
  return error_page(404);
}

Response App::handle(const Request& request) const {
  Response response;
  try {
    response = dispatch(request);
  } catch (const std::exception& e) {
    logger_("error: " + std::string(request.method_name()) + " " + std::string(request.path()) +
            ": unhandled exception: " + e.what());
    response = error_page(500);
  } catch (...) {
    logger_("error: " + std::string(request.method_name()) + " " + std::string(request.path()) +
            ": unhandled exception of unknown type");
    response = error_page(500);
  }
  // HEAD is answered by the GET handler, without the body (RFC 9110 9.3.2).
  if (request.method() == Method::head) response.set_body({});
  return response;
}

}  // namespace retort

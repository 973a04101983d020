#include "retort/app.hpp"

#include <exception>
#include <iostream>
#include <string>

#include "retort/detail/percent_encoding.hpp"
#include "retort/generated_support.hpp"

namespace retort {
namespace {

// Werkzeug's descriptions, so error pages read as Flask's do.
std::string_view error_description(int status) {
  switch (status) {
    case 404:
      return "The requested URL was not found on the server. If you entered the URL manually "
             "please check your spelling and try again.";
    case 405: return "The method is not allowed for the requested URL.";
    case 500:
      return "The server encountered an internal error and was unable to complete your request. "
             "Either the server is overloaded or there is an error in the application.";
    default: return "";
  }
}

Response error_page(int status) {
  std::string code = std::to_string(status);
  std::string reason(status_reason(status));
  return Response("<!doctype html>\n<html lang=en>\n<title>" + code + " " + reason + "</title>\n<h1>" +
                      reason + "</h1>\n<p>" + std::string(error_description(status)) + "</p>\n",
                  status);
}

// The canonical URL of a branch rule requested without its slash: the path
// re-encoded, a `/` added, the query kept (Werkzeug's RequestRedirect).
std::string slash_location(const Request& request) {
  std::string location;
  if (auto host = request.headers().get("Host")) location = "http://" + std::string(*host);
  detail::append_path_encoded(location, request.path());
  location += '/';
  if (!request.query_string().empty()) location += "?" + std::string(request.query_string());
  return location;
}

}  // namespace

App::App() : logger_([](std::string_view message) { std::cerr << message << std::endl; }) {}

void App::set_routes(const detail::RouteTable& table) {
  routes_ = table.routes.data();
  route_count_ = table.routes.size();
  match_ = table.match;
}

std::span<const detail::RouteEntry> App::routes() const { return {routes_, route_count_}; }

Match App::match(Method method, std::string_view path) const {
  return match_ != nullptr ? match_(method, path) : Match{};
}

Response App::dispatch(const Request& request) const {
  const Match m = match(request.method(), request.path());
  switch (m.kind) {
    case Match::Kind::found:
      return routes_[m.rule].call(request, m);
    case Match::Kind::redirect_with_slash:
      return redirect(slash_location(request), 308);
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

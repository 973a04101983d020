#include "retort/response.hpp"

#include "html_escape.hpp"
#include "retort/detail/percent_encoding.hpp"

namespace retort {

Response::Response(std::string body, int status, std::string_view content_type)
    : status_(status), body_(std::move(body)) {
  headers_.set("Content-Type", content_type);
}

std::string_view Response::header(std::string_view name) const {
  return headers_.get(name).value_or(std::string_view());
}

void Response::set_cookie(std::string_view name, std::string_view value, const CookieOptions& options) {
  headers_.add("Set-Cookie", format_set_cookie(name, value, options));
}

void Response::delete_cookie(std::string_view name, const CookieOptions& options) {
  headers_.add("Set-Cookie", format_delete_cookie(name, options));
}

Response redirect(std::string_view location, int status) {
  // Flask's redirect body, with the location escaped for HTML.
  const std::string escaped = detail::html_escape(location);
  Response response(
      "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n"
      "<p>You should be redirected automatically to the target URL: <a href=\"" + escaped + "\">" +
          escaped + "</a>. If not, click the link.\n",
      status);
  response.headers().set("Location", location);
  return response;
}

std::string_view status_reason(int status) noexcept {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Request Entity Too Large";
    case 414: return "Request URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Requested Range Not Satisfiable";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
  }
}

}  // namespace retort

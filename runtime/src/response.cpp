#include "retort/response.hpp"

#include <stdexcept>

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

namespace {

// The part of Werkzeug's iri_to_uri (which its Response applies to every
// Location) that matters for safety: bytes a URI cannot hold are
// percent-encoded, `%` and the delimiters are kept. So `/\evil.example`,
// which browsers read as `//evil.example`, stays a path, and non-ASCII
// leaves as UTF-8 escapes. (A non-ASCII host is escaped too, not IDNA-
// encoded; browsers accept both.)
std::string uri_from_iri(std::string_view iri) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri;
  for (const char c : iri) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b >= 0x7F || std::string_view("\"<>\\^`{|}").find(c) != std::string_view::npos) {
      uri += '%';
      uri += kHex[b >> 4];
      uri += kHex[b & 15];
    } else {
      uri += c;
    }
  }
  return uri;
}

}  // namespace

Response redirect(std::string_view location_iri, int status) {
  // Werkzeug's header check raises ValueError for a newline in any header
  // value, so Flask's redirect() does too: never a split header.
  if (location_iri.find_first_of("\r\n") != std::string_view::npos)
    throw std::invalid_argument("Header values must not contain newline characters.");
  // Flask's redirect body, with the location as given escaped for HTML.
  const std::string escaped = detail::html_escape(location_iri);
  Response response(
      "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n"
      "<p>You should be redirected automatically to the target URL: <a href=\"" + escaped + "\">" +
          escaped + "</a>. If not, click the link.\n",
      status);
  response.headers().set("Location", uri_from_iri(location_iri));
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

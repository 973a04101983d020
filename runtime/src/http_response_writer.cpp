#include "http_response_writer.hpp"

#include "html_escape.hpp"

#include <optional>

#include "retort/http_error.hpp"

namespace retort::detail {
namespace {

bool is_tchar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool safe_field(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (char c : name)
    if (!is_tchar(c)) return false;
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// Fields the writer sets itself: a handler's copy would contradict the
// framing (Content-Length, Transfer-Encoding) or the connection handling.
bool owned_by_writer(std::string_view name) {
  return iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") || iequals(name, "Connection");
}

// A Content-Length the handler set on a HEAD response with no body.
std::optional<std::size_t> declared_length(const Response& response) {
  std::optional<std::string_view> value = response.headers().get("Content-Length");
  if (!value || value->empty() || value->size() > 18) return std::nullopt;
  std::size_t n = 0;
  for (char c : *value) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

void add_line(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

bool asks_to_close(const Response& response) {
  for (const auto& [name, value] : response.headers().items()) {
    if (!iequals(name, "Connection")) continue;
    std::string_view list = value;
    while (!list.empty()) {
      std::size_t comma = list.find(',');
      std::string_view option = list.substr(0, comma);
      while (!option.empty() && (option.front() == ' ' || option.front() == '\t')) option.remove_prefix(1);
      while (!option.empty() && (option.back() == ' ' || option.back() == '\t')) option.remove_suffix(1);
      if (iequals(option, "close")) return true;
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
  }
  return false;
}

Response protocol_error_page(int status, std::string_view detail) {
  std::string code = std::to_string(status);
  std::string reason(status_reason(status));
  std::string_view description = status_description(status);
  std::string text = description.empty() ? std::string(detail) : std::string(description);
  // Werkzeug escapes its descriptions; `detail` is the parser's own text,
  // but may quote the request some day.
  const std::string escaped = html_escape(text);
  return Response("<!doctype html>\n<html lang=en>\n<title>" + code + " " + reason + "</title>\n<h1>" + reason +
                      "</h1>\n<p>" + escaped + "</p>\n",
                  status);
}

std::string write_response(const Response& response, bool head_request, bool keep_alive, Seconds now,
                           WrittenResponse* written) {
  for (const auto& [name, value] : response.headers().items())
    if (!safe_field(name, value))
      return write_response(protocol_error_page(500, {}), head_request, keep_alive, now, written);

  const int status = response.status();
  const bool informational = status >= 100 && status < 200;
  const bool bodiless_status = informational || status == 204 || status == 304;
  const bool send_body = !head_request && !bodiless_status;

  std::string out;
  out.reserve(256 + (send_body ? response.body().size() : 0));
  out.append("HTTP/1.1 ").append(std::to_string(status)).append(" ").append(status_reason(status)).append("\r\n");
  for (const auto& [name, value] : response.headers().items())
    if (!owned_by_writer(name)) add_line(out, name, value);
  if (!bodiless_status) {
    std::size_t length = response.body().size();
    if (head_request && length == 0) length = declared_length(response).value_or(0);
    add_line(out, "Content-Length", std::to_string(length));
  }
  // A handler's own Date or Server stays, as in Werkzeug's server.
  if (!response.headers().contains("Date")) add_line(out, "Date", format_http_date(now));
  if (!response.headers().contains("Server")) add_line(out, "Server", "retort");
  add_line(out, "Connection", keep_alive ? "keep-alive" : "close");
  out.append("\r\n");
  if (send_body) out.append(response.body());
  if (written) *written = {status, send_body ? response.body().size() : 0};
  return out;
}

}  // namespace retort::detail

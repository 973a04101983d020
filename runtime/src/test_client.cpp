#include "retort/test_client.hpp"

#include <algorithm>

#include "retort/detail/percent_encoding.hpp"

namespace retort {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// `application/x-www-form-urlencoded` text, as a browser sends a form.
void append_form_encoded(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '*' || c == '-' || c == '.' || c == '_') {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
}

}  // namespace

Response TestClient::request(std::string_view method, std::string_view target, std::string body, Headers headers) {
  Request request(method, target);
  if (!headers.contains("Host")) headers.set("Host", "localhost");  // as Flask's test client
  if (!cookies_.empty() && !headers.contains("Cookie")) {
    std::string cookie;
    for (const auto& [name, value] : cookies_) cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
    headers.set("Cookie", cookie);
  }
  for (const auto& [name, value] : headers.items()) request.headers().add(name, value);
  request.set_body(std::move(body));
  request.set_remote_addr("127.0.0.1");
  Response response = app_.handle(request);
  // HEAD is answered by the GET handler, without the body (RFC 9110 9.3.2);
  // the server still says how long it would have been.
  if (request.method() == Method::head) response.set_body({});
  keep_cookies(response);
  return response;
}

Response TestClient::send_json(std::string_view method, std::string_view target, const nlohmann::json& body,
                               Headers headers) {
  headers.set("Content-Type", "application/json");
  return request(method, target, body.dump(), std::move(headers));
}

Response TestClient::post_form(std::string_view target,
                               std::initializer_list<std::pair<std::string_view, std::string_view>> fields,
                               Headers headers) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += '&';
    append_form_encoded(body, name);
    body += '=';
    append_form_encoded(body, value);
  }
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  return request("POST", target, std::move(body), std::move(headers));
}

void TestClient::set_cookie(std::string_view name, std::string_view value) {
  std::erase_if(cookies_, [&](const auto& cookie) { return cookie.first == name; });
  cookies_.emplace_back(std::string(name), std::string(value));
}

// A cookie jar for one host and path, enough for tests: a Set-Cookie with
// Max-Age=0 (or a 1970 Expires, as delete_cookie writes) removes the cookie.
void TestClient::keep_cookies(const Response& response) {
  for (const auto& [header, text] : response.headers().items()) {
    if (!iequals(header, "Set-Cookie")) continue;
    std::string_view rest = text;
    const std::size_t semicolon = rest.find(';');
    std::string_view pair = trim(rest.substr(0, semicolon));
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = trim(pair.substr(0, eq));
    std::string_view value = trim(pair.substr(eq + 1));
    const bool expired = text.find("Max-Age=0") != std::string::npos || text.find("1970") != std::string::npos;
    std::erase_if(cookies_, [&](const auto& cookie) { return cookie.first == name; });
    if (!expired) cookies_.emplace_back(std::string(name), std::string(value));
  }
}

}  // namespace retort

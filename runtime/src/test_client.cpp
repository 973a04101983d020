#include "retort/test_client.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include "http_date.hpp"

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

// A cookie jar for one host and path, enough for tests: a cookie whose
// Max-Age is 0 or less, or whose Expires is past, is removed (what
// delete_cookie sends); attributes are read as RFC 6265 5.2 reads them.
void TestClient::keep_cookies(const Response& response) {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  for (const auto& [header, text] : response.headers().items()) {
    if (!iequals(header, "Set-Cookie")) continue;
    std::string_view rest = text;
    std::size_t semicolon = rest.find(';');
    std::string_view pair = trim(rest.substr(0, semicolon));
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = trim(pair.substr(0, eq));
    std::string_view value = trim(pair.substr(eq + 1));
    bool expired = false;
    while (semicolon != std::string_view::npos) {
      rest.remove_prefix(semicolon + 1);
      semicolon = rest.find(';');
      std::string_view attribute = trim(rest.substr(0, semicolon));
      const std::size_t equals = attribute.find('=');
      std::string_view key = trim(attribute.substr(0, equals));
      std::string_view argument = equals == std::string_view::npos ? std::string_view() : trim(attribute.substr(equals + 1));
      if (iequals(key, "Max-Age")) {
        long seconds = 1;
        std::from_chars(argument.data(), argument.data() + argument.size(), seconds);
        expired = seconds <= 0;
      } else if (iequals(key, "Expires")) {
        if (auto when = detail::parse_http_date(argument)) expired = *when <= now;
      }
    }
    std::erase_if(cookies_, [&](const auto& cookie) { return cookie.first == name; });
    if (!expired) cookies_.emplace_back(std::string(name), std::string(value));
  }
}

}  // namespace retort

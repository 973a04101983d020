// TestClient: requests into an App without a socket, as Flask's test_client.
//
//   retort::TestClient client(app);
//   retort::Response r = client.get("/user/7");
//   CHECK(r.status() == 200);
//   client.post_json("/api/items", {{"name", "pen"}});
//
// Requests go through App::handle, the same dispatch the server uses. Like
// Flask's client it keeps the cookies responses set and sends them back,
// and it answers HEAD without a body.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "retort/app.hpp"

namespace retort {

class TestClient {
 public:
  explicit TestClient(const App& app) : app_(app) {}  // `app` must outlive the client

  Response request(std::string_view method, std::string_view target, std::string body = {},
                   Headers headers = {});
  Response get(std::string_view target, Headers headers = {}) { return request("GET", target, {}, std::move(headers)); }
  Response post(std::string_view target, std::string body = {}, Headers headers = {}) {
    return request("POST", target, std::move(body), std::move(headers));
  }
  // The body as JSON, with Content-Type application/json.
  Response post_json(std::string_view target, const nlohmann::json& body, Headers headers = {}) {
    return send_json("POST", target, body, std::move(headers));
  }
  Response send_json(std::string_view method, std::string_view target, const nlohmann::json& body,
                     Headers headers = {});
  // The fields urlencoded, with Content-Type application/x-www-form-urlencoded.
  Response post_form(std::string_view target, std::initializer_list<std::pair<std::string_view, std::string_view>> fields,
                     Headers headers = {});

  // The cookies kept from Set-Cookie headers, sent with every request.
  const std::vector<std::pair<std::string, std::string>>& cookies() const { return cookies_; }
  void set_cookie(std::string_view name, std::string_view value);
  void clear_cookies() { cookies_.clear(); }

 private:
  void keep_cookies(const Response& response);

  const App& app_;
  std::vector<std::pair<std::string, std::string>> cookies_;
};

}  // namespace retort

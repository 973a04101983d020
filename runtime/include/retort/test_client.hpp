// TestClient: requests into an App without a socket, as Flask's test_client.
//
//   retort::TestClient client(app);
//   retort::Response r = client.get("/user/7");
//   CHECK(r.status() == 200);
//
// Requests go through App::handle, the same dispatch the server uses.
#pragma once

#include <string>
#include <string_view>

#include "retort/app.hpp"

namespace retort {

class TestClient {
 public:
  explicit TestClient(const App& app) : app_(app) {}  // `app` must outlive the client

  Response request(std::string_view method, std::string_view target, std::string body = {},
                   Headers headers = {}) const;
  Response get(std::string_view target, Headers headers = {}) const {
    return request("GET", target, {}, std::move(headers));
  }
  Response post(std::string_view target, std::string body = {}, Headers headers = {}) const {
    return request("POST", target, std::move(body), std::move(headers));
  }

 private:
  const App& app_;
};

}  // namespace retort

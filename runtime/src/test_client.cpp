#include "retort/test_client.hpp"

namespace retort {

Response TestClient::request(std::string_view method, std::string_view target, std::string body,
                             Headers headers) const {
  Request request(method, target);
  if (!headers.contains("Host")) headers.set("Host", "localhost");  // as Flask's test client
  for (const auto& [name, value] : headers.items()) request.headers().add(name, value);
  request.set_body(std::move(body));
  request.set_remote_addr("127.0.0.1");
  return app_.handle(request);
}

}  // namespace retort

#include "retort/make_response.hpp"

namespace retort {

Response make_response(std::string body) { return Response(std::move(body)); }

Response make_response(const nlohmann::json& body) {
  // As Flask's jsonify: compact, keys sorted (nlohmann's objects are), non-
  // ASCII escaped, newline-terminated. Text from a request may be invalid
  // UTF-8; it becomes U+FFFD instead of an exception.
  return Response(body.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace) + "\n", 200,
                  "application/json");
}

}  // namespace retort

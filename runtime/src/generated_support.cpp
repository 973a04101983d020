#include "retort/generated_support.hpp"

#include "retort/detail/percent_encoding.hpp"

namespace retort::detail {

Response to_response(std::string body) { return Response(std::move(body)); }

Response to_response(const nlohmann::json& body) {
  // Flask's jsonify: compact, UTF-8 kept as is, newline-terminated.
  return Response(body.dump() + "\n", 200, "application/json");
}

void UrlBuilder::append_text(std::string_view value) { append_path_encoded(url_, value); }

}  // namespace retort::detail

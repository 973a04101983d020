// Response: status, headers and body, as a handler returns it.
#pragma once

#include <string>
#include <string_view>

#include "retort/headers.hpp"

namespace retort {

class Response {
 public:
  Response() = default;
  explicit Response(std::string body, int status = 200,
                    std::string_view content_type = "text/html; charset=utf-8");

  int status() const { return status_; }
  void set_status(int status) { status_ = status; }
  const Headers& headers() const { return headers_; }
  Headers& headers() { return headers_; }
  const std::string& body() const { return body_; }
  void set_body(std::string body) { body_ = std::move(body); }

  // The header's value, or empty: `response.header("Location")`.
  std::string_view header(std::string_view name) const;

 private:
  int status_ = 200;
  Headers headers_;
  std::string body_;
};

// A response with `location` and a small HTML body, as Flask's redirect().
Response redirect(std::string_view location, int status = 302);

// The reason phrase of a status code: 404 -> "Not Found".
std::string_view status_reason(int status) noexcept;

}  // namespace retort

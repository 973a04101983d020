// Response: status, headers and body, as a handler returns it.
#pragma once

#include <string>
#include <string_view>

#include "retort/cookies.hpp"
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

  // Adds a Set-Cookie header, as Werkzeug's set_cookie writes it:
  //   response.set_cookie("session", id, {.max_age = std::chrono::hours(1),
  //                       .secure = true, .http_only = true, .same_site = retort::SameSite::lax});
  void set_cookie(std::string_view name, std::string_view value, const CookieOptions& options = {});
  // Tells the client to drop a cookie: give the path and domain it was set with.
  void delete_cookie(std::string_view name, const CookieOptions& options = {});

 private:
  int status_ = 200;
  Headers headers_;
  std::string body_;
};

// A response with `location` and a small HTML body, as Flask's redirect().
// As Werkzeug sends it, the Location has spaces, controls, non-ASCII bytes
// and "<>\^`{|} percent-encoded (`/\evil` is `/%5Cevil`, not a way to
// `//evil`); a CR or LF throws std::invalid_argument (Werkzeug's
// ValueError), so a handler passing one answers 500, never a split header.
Response redirect(std::string_view location, int status = 302);

// The reason phrase of a status code: 404 -> "Not Found".
std::string_view status_reason(int status) noexcept;

}  // namespace retort

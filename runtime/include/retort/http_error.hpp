// HttpError: an HTTP error status raised from anywhere in a request, as
// Werkzeug's HTTPException; abort() throws one.
//
//   if (!user) retort::abort(404, "No such user.");
//
// The app turns it into its error handler's response for that status, or
// into the default error page (HTML, or JSON when the client asks for JSON).
#pragma once

#include <exception>
#include <string>
#include <string_view>

#include "retort/headers.hpp"

namespace retort {

// Not a std::runtime_error: a handler for runtime errors (a database's,
// say) must not receive every 404, as Flask's errorhandler(RuntimeError)
// never sees NotFound. A std::exception handler does take it, as
// errorhandler(Exception) does in Flask.
class HttpError : public std::exception {
 public:
  // An empty description means the status's standard one (Werkzeug's).
  explicit HttpError(int status, std::string description = {});

  int status() const noexcept { return status_; }
  const char* what() const noexcept override { return what_.c_str(); }
  // What the error page says: the given text, or the standard description.
  const std::string& description() const noexcept { return description_; }
  // Headers the error response carries (a 405's Allow), as Werkzeug's
  // HTTPException.get_headers.
  const Headers& headers() const noexcept { return headers_; }
  HttpError& with_header(std::string_view name, std::string_view value) {
    headers_.set(name, value);
    return *this;
  }

 private:
  int status_;
  std::string what_;  // "404 Not Found"
  std::string description_;
  Headers headers_;
};

// Flask's abort(): throws HttpError(status, description).
[[noreturn]] void abort(int status, std::string description = {});

// Werkzeug's standard description of an error status ("The requested URL
// was not found on the server. …"), or empty for one it has none for.
std::string_view status_description(int status) noexcept;

}  // namespace retort

// HttpError: an HTTP error status raised from anywhere in a request, as
// Werkzeug's HTTPException; abort() throws one.
//
//   if (!user) retort::abort(404, "No such user.");
//
// The app turns it into its error handler's response for that status, or
// into the default error page (HTML, or JSON when the client asks for JSON).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "retort/headers.hpp"

namespace retort {

class HttpError : public std::runtime_error {
 public:
  // An empty description means the status's standard one (Werkzeug's).
  explicit HttpError(int status, std::string description = {});

  int status() const noexcept { return status_; }
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
  std::string description_;
  Headers headers_;
};

// Flask's abort(): throws HttpError(status, description).
[[noreturn]] void abort(int status, std::string description = {});

// Werkzeug's standard description of an error status ("The requested URL
// was not found on the server. …"), or empty for one it has none for.
std::string_view status_description(int status) noexcept;

}  // namespace retort

// Debug page: what an app running for the development intent with DEBUG on
// answers for an exception no error handler took, instead of the plain 500
// (Flask's debugger, without its console). It shows the exception's type
// and message (and the ones nested in it), the endpoint and rule when a
// route matched, the request line, URL, remote address and headers.
//
// App::error_response decides when (never for the testing or production
// intent, whatever DEBUG says); this file only renders. Everything shown is
// HTML-escaped. Credentials are hidden: the Authorization and
// Proxy-Authorization values keep their scheme only, the Cookie header its
// cookie names only, and headers and query parameters whose name is secret
// by secrets.hpp's rule show "(hidden)".
#pragma once

#include <exception>
#include <string>
#include <vector>

#include "retort/request.hpp"
#include "retort/response.hpp"

namespace retort::detail {

struct RouteEntry;

// One exception of a chain: the thrown one, then what std::nested_exception
// carried (std::throw_with_nested), outermost first.
struct ExceptionInfo {
  std::string type;  // demangled: "std::runtime_error", "int"
  std::string what;  // what(), or empty when it is no std::exception
};
std::vector<ExceptionInfo> describe_exception(std::exception_ptr error);

struct DebugPageInput {
  const Request& request;
  const RouteEntry* route = nullptr;   // the matched route, if one was
  std::exception_ptr error;            // what nothing took
  std::exception_ptr while_handling;   // when an error handler threw `error`: what it was handling
};

// The 500 response: HTML, or JSON when the client prefers it (the error
// page's {"code", "name", "description"} plus "debug").
Response debug_page(const DebugPageInput& input);

}  // namespace retort::detail

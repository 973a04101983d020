// Hooks: the request hooks and error handlers of one scope, the app or one
// blueprint (Flask's before_request, after_request, teardown_request and
// errorhandler).
//
//   app.before_request([](const retort::Request& r) -> std::optional<retort::Response> {
//     if (!r.cookie("session")) return retort::redirect("/login");
//     return std::nullopt;                        // go on to the handler
//   });
//   app.error_handler(404, [](const retort::Request&, const retort::HttpError& e) {
//     return retort::Response("<h1>Nothing here</h1>", e.status());
//   });
//   app.blueprint("api").error_handler<NotFoundInDb>([](const retort::Request&, const NotFoundInDb& e) {
//     return retort::make_response(nlohmann::json{{"error", e.what()}}, 404);
//   });
//
// The order is Flask's: before_request hooks run app first, then each
// blueprint from the outermost in, in registration order, and the first to
// return a response ends the request there; after_request and teardown hooks
// run innermost blueprint first and the app last, each scope's in reverse
// registration order. Error handlers are looked up innermost blueprint
// first: by status for an HttpError, then by exception type, the most
// derived registered type winning. Blueprint hooks and handlers apply only
// to requests that matched one of the blueprint's routes.
#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <type_traits>
#include <vector>

#include "retort/http_error.hpp"
#include "retort/request.hpp"
#include "retort/response.hpp"

namespace retort {

class Hooks {
 public:
  // A response ends the request before the handler (after_request hooks
  // still run); nullopt goes on.
  using BeforeRequest = std::function<std::optional<Response>(const Request& request)>;
  // May change the response.
  using AfterRequest = std::function<void(const Request& request, Response& response)>;
  // Runs after the response is made, even when a handler or hook threw;
  // `error` is an exception no error handler took (it became a 500), or
  // null, as Flask's teardown_request gets.
  using Teardown = std::function<void(const Request& request, std::exception_ptr error)>;
  using StatusHandler = std::function<Response(const Request& request, const HttpError& error)>;

  Hooks& before_request(BeforeRequest hook);
  Hooks& after_request(AfterRequest hook);
  Hooks& teardown_request(Teardown hook);

  // For HttpError `status` (abort(status), no route, 405, 413, …) and, for
  // 500, any exception no type handler took.
  Hooks& error_handler(int status, StatusHandler handler);

  // For exceptions of type E or derived from it:
  //   error_handler<std::out_of_range>([](const Request&, const std::out_of_range& e) { … });
  template <class E, class Handler>
  Hooks& error_handler(Handler handler) {
    return add_exception_handler({
        [handler = std::move(handler)](std::exception_ptr error, const Request& request) -> Response {
          try {
            std::rethrow_exception(error);
          } catch (const E& e) {
            static_assert(std::is_same_v<decltype(handler(request, e)), Response>,
                          "an error handler returns retort::Response (retort::make_response builds one from "
                          "JSON, text or a tuple)");
            return handler(request, e);  // what the handler throws propagates
          }
        },
        [](std::exception_ptr error) {
          try {
            std::rethrow_exception(error);
          } catch (const E&) {
            return true;
          } catch (...) {
          }
          return false;
        },
        [] { throw static_cast<const E*>(nullptr); },
        [](void (*thrower)()) {
          try {
            thrower();
          } catch (const E*) {
            return true;
          } catch (...) {
          }
          return false;
        },
    });
  }

 private:
  friend class App;

  struct ExceptionHandler {
    // The handler's response; `error` is an E (accepts said so).
    std::function<Response(std::exception_ptr error, const Request& request)> handle;
    bool (*accepts)(std::exception_ptr error);
    // Throws a null E*: with `catches` of another handler, tells whether
    // this E derives from that one's (is more specific).
    void (*throw_pointer)();
    bool (*catches)(void (*thrower)());
  };
  Hooks& add_exception_handler(ExceptionHandler handler);

  // The response of this scope's handler for `error`, or nullopt.
  std::optional<Response> handle_error(std::exception_ptr error, const HttpError* http_error,
                                       const Request& request) const;

  std::vector<BeforeRequest> before_;
  std::vector<AfterRequest> after_;
  std::vector<Teardown> teardown_;
  std::vector<std::pair<int, StatusHandler>> by_status_;
  std::vector<ExceptionHandler> by_type_;
};

}  // namespace retort

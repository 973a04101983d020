#include "retort/hooks.hpp"

namespace retort {

Hooks& Hooks::before_request(BeforeRequest hook) {
  before_.push_back(std::move(hook));
  return *this;
}

Hooks& Hooks::after_request(AfterRequest hook) {
  after_.push_back(std::move(hook));
  return *this;
}

Hooks& Hooks::teardown_request(Teardown hook) {
  teardown_.push_back(std::move(hook));
  return *this;
}

Hooks& Hooks::error_handler(int status, StatusHandler handler) {
  // Registering a status again replaces its handler, as Flask's does.
  for (auto& [code, existing] : by_status_) {
    if (code == status) {
      existing = std::move(handler);
      return *this;
    }
  }
  by_status_.emplace_back(status, std::move(handler));
  return *this;
}

Hooks& Hooks::add_exception_handler(ExceptionHandler handler) {
  by_type_.push_back(std::move(handler));
  return *this;
}

std::optional<Response> Hooks::handle_error(std::exception_ptr error, const HttpError* http_error,
                                            const Request& request) const {
  if (http_error != nullptr) {
    for (const auto& [code, handler] : by_status_)
      if (code == http_error->status()) return handler(request, *http_error);
  }
  // Flask walks the exception's MRO: the most derived registered type wins.
  // C++ has no MRO to walk, but a handler for E catches a thrown D* when D
  // derives from E, which orders any two handlers' types. Registering a
  // type again replaces the earlier handler.
  const ExceptionHandler* best = nullptr;
  for (const ExceptionHandler& candidate : by_type_) {
    if (!candidate.accepts(error)) continue;
    if (best == nullptr || best->catches(candidate.throw_pointer)) best = &candidate;
  }
  if (best != nullptr) return best->handle(error, request);
  return std::nullopt;
}

}  // namespace retort

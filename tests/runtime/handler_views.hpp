// Types the handler_views.cpp handlers take and return.
#pragma once

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace shapes {

struct Point {
  int x = 0;
  int y = 0;
};
void to_json(nlohmann::json& j, const Point& p);
void from_json(const nlohmann::json& j, Point& p);

// A domain exception with a base class, for type-dispatched error handlers.
class PaperError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};
class OutOfPaper : public PaperError {
  using PaperError::PaperError;
};

}  // namespace shapes

// adapter_code: how a generated adapter calls its handler.
//
// An adapter turns (app, request, match) into the handler's arguments in
// parameter order: URL variables from the match, defaults as constants,
// the request and the app, query parameters and the JSON body through
// retort::detail functions that answer 400/415 for bad input. Query and
// body values are read into locals first, in parameter order, so the error
// a bad request gets does not depend on the compiler's argument order.
#pragma once

#include <string>
#include <vector>

#include "model/route_table.hpp"

namespace retortc {

struct AdapterCall {
  std::vector<std::string> locals;  // `auto arg1 = rd::query_value<int>(request, "page");`
  std::string arguments;            // `request, match.args[0].text, std::move(arg1)`
  bool uses_app = false, uses_request = false, uses_match = false;
};

AdapterCall adapter_call(const Route& route);

}  // namespace retortc

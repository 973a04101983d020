// Match: the result of matching a method and path against a route table.
//
// Produced by the generated `<name>_routes::match(method, path)` without
// allocating: arguments are views into the path that was matched, so the
// path must outlive the Match.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "retort/method.hpp"

namespace retort {

// One URL variable's value. `text` is the decoded path segment; `integer`
// holds the value of an `int` converter.
struct PathArgument {
  std::string_view text;
  std::int64_t integer = 0;
  bool valid = true;  // false: the value did not fit the handler's type
};

inline constexpr std::size_t kMaxPathArguments = 16;

struct Match {
  enum class Kind : std::uint8_t {
    found,               // `rule` and `args` are set
    redirect_with_slash, // the canonical URL is the path plus a trailing `/`
    not_found,
    method_not_allowed,  // `allowed` holds the methods the path does accept
  };

  Kind kind = Kind::not_found;
  std::uint16_t rule = 0;  // index into the table's routes
  std::uint8_t arg_count = 0;
  MethodSet allowed;
  std::array<PathArgument, kMaxPathArguments> args{};
};

}  // namespace retort

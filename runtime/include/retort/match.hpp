// Match: the result of matching a method and path against a route table.
//
// Produced by the generated `<name>_routes::match(method, path)` without
// allocating: text arguments are views into the path that was matched, so
// the path must outlive the Match.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <string_view>

#include "retort/method.hpp"
#include "retort/uuid.hpp"

namespace retort {

// One URL variable's value, converted as its converter says (Werkzeug's
// to_python): `text` always holds the decoded text that matched; `integer`
// for `int`, `number` for `float`, `uuid` for `uuid`.
struct PathArgument {
  std::string_view text;
  union {
    std::int64_t integer = 0;
    double number;
    Uuid uuid;
  };
};

inline constexpr std::size_t kMaxPathArguments = 16;

// Room for kMaxPathArguments values, of which a Match sets the first
// `arg_count`. The room is not initialised: zeroing 16 arguments costs more
// than a whole lookup, and no one reads past arg_count. (Raw bytes begin
// their lifetime with the Match, which creates the PathArgument objects
// in them as they are written: C++20's implicit object creation.)
class PathArguments {
 public:
  PathArgument& operator[](std::size_t i) noexcept { return data()[i]; }
  const PathArgument& operator[](std::size_t i) const noexcept { return data()[i]; }

 private:
  PathArgument* data() noexcept { return std::launder(reinterpret_cast<PathArgument*>(bytes_)); }
  const PathArgument* data() const noexcept { return std::launder(reinterpret_cast<const PathArgument*>(bytes_)); }
  alignas(PathArgument) unsigned char bytes_[sizeof(PathArgument) * kMaxPathArguments];
};

struct Match {
  enum class Kind : std::uint8_t {
    found,               // `rule` and `args` are set
    redirect,            // to the canonical URL; `redirect` says which
    not_found,
    method_not_allowed,  // `allowed` holds the methods the path does accept
  };
  // Werkzeug's RequestRedirect reasons, all answered with 308.
  enum class Redirect : std::uint8_t {
    none,
    add_slash,        // a branch rule (`/users/`) requested without its slash
    merge_slashes,    // `/a//b` for the rule `/a/b`
    merge_and_add_slash,
    canonical,        // a rule with defaults is the canonical URL of this one;
                      // `rule` and `args` are this match, `canonical` the target
  };

  Kind kind = Kind::not_found;
  Redirect redirect = Redirect::none;
  std::uint16_t rule = 0;       // index into the table's routes
  std::uint16_t canonical = 0;  // Redirect::canonical: which default redirect
  std::uint8_t arg_count = 0;
  MethodSet allowed;
  PathArguments args;  // the first arg_count are set
};

}  // namespace retort

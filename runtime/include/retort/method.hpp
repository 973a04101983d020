// Method and MethodSet: HTTP methods as bits, so a rule's methods are one word.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace retort {

enum class Method : std::uint16_t {
  get = 1 << 0,
  head = 1 << 1,
  post = 1 << 2,
  put = 1 << 3,
  delete_ = 1 << 4,
  patch = 1 << 5,
  options = 1 << 6,
  trace = 1 << 7,
  connect = 1 << 8,
  other = 0,  // any method retort does not know; no rule allows it
};

class MethodSet {
 public:
  constexpr MethodSet() = default;
  constexpr MethodSet(std::initializer_list<Method> methods) {
    for (Method m : methods) bits_ |= static_cast<std::uint16_t>(m);
  }

  constexpr bool contains(Method m) const { return (bits_ & static_cast<std::uint16_t>(m)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr MethodSet& operator|=(MethodSet other) {
    bits_ |= other.bits_;
    return *this;
  }
  constexpr bool operator==(const MethodSet&) const = default;

  // "GET, HEAD, POST": the value of an Allow header.
  std::string to_string() const;

 private:
  std::uint16_t bits_ = 0;
};

// "GET" (or "get": Werkzeug upper-cases methods) -> Method::get; unknown
// names -> Method::other, which no rule allows.
Method parse_method(std::string_view name) noexcept;
std::string_view method_name(Method method) noexcept;

}  // namespace retort

// AnyOf: the url_for parameter of an `<any(a, b, …):name>` variable.
//
// A string literal converts to it only when it is one of the items, and the
// check happens at compile time: `url_for::docs("en")` compiles,
// `url_for::docs("fr")` is an error naming
// value_is_not_one_of_the_rules_any_items. A value known only at run time
// goes through AnyOf<…>::checked(text), which throws std::invalid_argument
// with Werkzeug's message (`'fr' is not one of 'de', 'en'`).
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace retort {

// A string literal as a template argument: `AnyOf<"en", "de">`.
template <std::size_t N>
struct RuleText {
  char chars[N]{};
  consteval RuleText(const char (&text)[N]) { std::copy_n(text, N, chars); }
  constexpr std::string_view view() const { return {chars, N - 1}; }
};

namespace detail {
// Never defined: calling it in a constant expression is the compile error.
void value_is_not_one_of_the_rules_any_items();
[[noreturn]] void throw_not_one_of(std::string_view value, const std::string_view* items, std::size_t count);
}  // namespace detail

template <RuleText... Items>
class AnyOf {
 public:
  template <std::size_t N>
  consteval AnyOf(const char (&text)[N]) : value_(text, N - 1) {
    if (!contains(value_)) detail::value_is_not_one_of_the_rules_any_items();
  }

  static AnyOf checked(std::string_view text) {
    if (!contains(text)) {
      constexpr std::string_view items[] = {Items.view()...};
      detail::throw_not_one_of(text, items, sizeof...(Items));
    }
    return AnyOf(text, Unchecked{});
  }

  static constexpr bool contains(std::string_view text) { return ((text == Items.view()) || ...); }

  constexpr std::string_view value() const { return value_; }

 private:
  struct Unchecked {};
  constexpr AnyOf(std::string_view text, Unchecked) : value_(text) {}

  std::string_view value_;
};

}  // namespace retort

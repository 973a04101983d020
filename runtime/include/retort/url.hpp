// URL building: the values and options url_for takes, and its error.
//
// Flask's `url_for("user", id=7, tab="posts", _anchor="top")` is, in
// retort, the generated `url_for::user(7, {.query = {{"tab", "posts"}},
// .anchor = "top"})`, or by name `app.url_for("user", {{"id", 7}, {"tab",
// "posts"}}, {.anchor = "top"})`. Both build exactly the URL Flask builds.
//
// UrlValue, UrlValues and UrlOptions are views, like std::string_view: they
// point at the caller's objects, so build them in the call that uses them.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <ranges>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

#include "retort/method.hpp"
#include "retort/uuid.hpp"

namespace retort {

// One value for a URL, as Flask's url_for accepts it: text, a number, a
// bool, a Uuid, std::nullopt (the value is left out, as Flask drops None),
// a std::optional of those, or a range of them (a repeated query key).
class UrlValue {
 public:
  enum class Kind : std::uint8_t { absent, text, integer, unsigned_integer, boolean, floating, uuid, list };

  constexpr UrlValue() noexcept : integer_(0) {}  // absent
  constexpr UrlValue(std::nullopt_t) noexcept : UrlValue() {}
  constexpr UrlValue(std::string_view text) noexcept : kind_(Kind::text), text_(text) {}
  constexpr UrlValue(const char* text) noexcept : UrlValue(std::string_view(text)) {}
  UrlValue(const std::string& text) noexcept : UrlValue(std::string_view(text)) {}
  template <class T>
    requires std::same_as<T, bool>
  constexpr UrlValue(T value) noexcept : kind_(Kind::boolean), integer_(value ? 1 : 0) {}
  template <std::signed_integral T>
    requires(!std::same_as<T, char> && !std::same_as<T, wchar_t>)
  constexpr UrlValue(T value) noexcept : kind_(Kind::integer), integer_(value) {}
  template <std::unsigned_integral T>
    requires(!std::same_as<T, bool> && !std::same_as<T, char> && !std::same_as<T, char8_t> &&
             !std::same_as<T, char16_t> && !std::same_as<T, char32_t> && !std::same_as<T, wchar_t>)
  constexpr UrlValue(T value) noexcept : kind_(Kind::unsigned_integer), unsigned_(value) {}
  template <std::floating_point T>
  constexpr UrlValue(T value) noexcept : kind_(Kind::floating), number_(static_cast<double>(value)) {}
  constexpr UrlValue(const Uuid& value) noexcept : kind_(Kind::uuid), uuid_(&value) {}
  template <class T>
  constexpr UrlValue(const std::optional<T>& value) noexcept : UrlValue() {
    if (value) *this = UrlValue(*value);
  }
  // A list: each item becomes one `key=item` of the query string.
  template <std::ranges::input_range R>
    requires(!std::convertible_to<const R&, std::string_view> && std::constructible_from<UrlValue, std::ranges::range_reference_t<const R&>>)
  UrlValue(const R& range) noexcept : kind_(Kind::list), list_{&range, &visit_items<R>} {}

  constexpr Kind kind() const noexcept { return kind_; }
  constexpr bool absent() const noexcept { return kind_ == Kind::absent; }
  constexpr std::string_view text() const noexcept { return text_; }
  constexpr std::int64_t integer() const noexcept { return integer_; }  // integer, boolean
  constexpr std::uint64_t unsigned_integer() const noexcept { return unsigned_; }
  constexpr double floating() const noexcept { return number_; }
  constexpr const Uuid& uuid() const noexcept { return *uuid_; }

  // Calls visit(context, item) for each item of a list.
  using ItemVisitor = void (*)(void* context, const UrlValue& item);
  void for_each_item(ItemVisitor visit, void* context) const { list_.each(list_.range, visit, context); }

 private:
  template <class R>
  static void visit_items(const void* range, ItemVisitor visit, void* context) {
    for (auto&& item : *static_cast<const R*>(range)) visit(context, UrlValue(item));
  }
  struct List {
    const void* range;
    void (*each)(const void* range, ItemVisitor visit, void* context);
  };

  Kind kind_ = Kind::absent;
  union {
    std::string_view text_;
    std::int64_t integer_;
    std::uint64_t unsigned_;
    double number_;
    const Uuid* uuid_;
    List list_;
  };
};

// A named value: `{"page", 2}`.
struct UrlArg {
  std::string_view name = {};
  UrlValue value = {};
};

// Named values in the caller's order: `{{"tab", "posts"}, {"tag", tags}}`,
// or any contiguous range of UrlArg.
class UrlValues {
 public:
  constexpr UrlValues() noexcept = default;
  constexpr UrlValues(std::initializer_list<UrlArg> values) noexcept : values_(values.begin(), values.size()) {}
  constexpr UrlValues(std::span<const UrlArg> values) noexcept : values_(values) {}

  constexpr std::span<const UrlArg> span() const noexcept { return values_; }

 private:
  std::span<const UrlArg> values_;
};

// Where external URLs point: Flask's PREFERRED_URL_SCHEME and SERVER_NAME
// (App::url_origin()), or whatever host the caller names.
struct UrlOrigin {
  std::string_view scheme = "http";
  std::string_view host = {};  // `example.com` or `example.com:8080`
};

// Flask's underscore arguments, and the values that become the query.
struct UrlOptions {
  // Every member has an initializer, so GCC's -Wmissing-field-initializers
  // stays quiet about the ones a designated initializer leaves out.
  UrlValues query = {};                          // extra values -> `?tab=posts&tag=a&tag=b`
  std::optional<std::string_view> anchor = {};   // _anchor: `#…`
  std::optional<UrlOrigin> external = {};        // _external: `http://host/…` instead of `/…`
  std::optional<std::string_view> scheme = {};   // _scheme: replaces external's scheme
  std::optional<Method> method = {};             // _method: build a rule that takes it
};

// Werkzeug's BuildError: no rule of the endpoint can be built from the
// values (or no such endpoint). what() is Werkzeug's message, e.g.
// `Could not build url for endpoint 'user'. Did you forget to specify
// values ['id']?`
class BuildError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace retort

// make_response: Flask's make_response, and every return type a handler
// may have.
//
//   return "<h1>Hi</h1>";                                   // text/html
//   return nlohmann::json{{"id", 7}};                       // application/json
//   return user;                                            // any type with to_json
//   return std::tuple{user, 201};                           // body and status
//   return std::tuple{"gone", 410, retort::Headers{{"X-Why", "moved"}}};
//   return std::pair{body, retort::Headers{{"Cache-Control", "no-store"}}};
//   return retort::make_response(nlohmann::json{{"ok", true}}, 201);
//
// The generated adapters pass whatever a handler returns to make_response.
#pragma once

#include <concepts>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <nlohmann/json.hpp>

#include "retort/headers.hpp"
#include "retort/response.hpp"

namespace retort {

namespace detail {
template <class T>
inline constexpr bool is_tuple_like = false;
template <class... T>
inline constexpr bool is_tuple_like<std::tuple<T...>> = true;
template <class A, class B>
inline constexpr bool is_tuple_like<std::pair<A, B>> = true;
}  // namespace detail

// A type nlohmann::json can be built from (it has to_json, or is a standard
// container of such types), other than the ones with a meaning of their own
// (text, a Response, Flask's tuples).
template <class T>
concept JsonConvertible = std::is_constructible_v<nlohmann::json, const T&> &&
                          !std::convertible_to<const T&, std::string_view> &&
                          !std::same_as<std::remove_cvref_t<T>, Response> &&
                          !detail::is_tuple_like<std::remove_cvref_t<T>>;

inline Response make_response(Response response) { return response; }
Response make_response(std::string body);
inline Response make_response(std::string_view body) { return make_response(std::string(body)); }
inline Response make_response(const char* body) { return make_response(std::string(body)); }
// As Flask's jsonify: compact, keys sorted, non-ASCII escaped, one newline.
Response make_response(const nlohmann::json& body);
template <JsonConvertible T>
  requires(!std::same_as<std::remove_cvref_t<T>, nlohmann::json>)
Response make_response(const T& body) {
  return make_response(nlohmann::json(body));
}

namespace detail {

template <class T>
inline constexpr bool is_response_body =
    std::convertible_to<const T&, std::string_view> || std::same_as<T, Response> || std::same_as<T, std::string> ||
    JsonConvertible<T>;

// Flask's tuple forms: (body, status), (body, headers), (body, status, headers).
// Headers given here replace same-named ones of the body's response.
template <class Tuple, std::size_t... I>
Response make_response_from_tuple(Tuple&& tuple, std::index_sequence<I...>) {
  using Body = std::remove_cvref_t<std::tuple_element_t<0, std::remove_cvref_t<Tuple>>>;
  static_assert(is_response_body<Body>,
                "the first element of a returned tuple must be a body: text, retort::Response, nlohmann::json "
                "or a type it converts from");
  Response response = make_response(std::get<0>(std::forward<Tuple>(tuple)));
  auto apply = [&response](auto&& item) {
    using Item = std::remove_cvref_t<decltype(item)>;
    if constexpr (std::is_integral_v<Item> && !std::is_same_v<Item, bool>) {
      response.set_status(static_cast<int>(item));
    } else if constexpr (std::is_same_v<Item, Headers>) {
      response.headers().update(item);
    } else {
      static_assert(sizeof(Item) == 0, "after the body, a returned tuple holds an int status and/or retort::Headers");
    }
  };
  (apply(std::get<I + 1>(std::forward<Tuple>(tuple))), ...);
  return response;
}

}  // namespace detail

// Flask's make_response(body, status[, headers]).
template <class Body>
  requires detail::is_response_body<std::remove_cvref_t<Body>>
Response make_response(Body&& body, int status, const Headers& headers = {}) {
  Response response = make_response(std::forward<Body>(body));
  response.set_status(status);
  response.headers().update(headers);
  return response;
}

template <class Tuple>
  requires detail::is_tuple_like<std::remove_cvref_t<Tuple>>
Response make_response(Tuple&& tuple) {
  constexpr std::size_t size = std::tuple_size_v<std::remove_cvref_t<Tuple>>;
  static_assert(size == 2 || size == 3, "a returned tuple is (body, status), (body, headers) or (body, status, headers)");
  return detail::make_response_from_tuple(std::forward<Tuple>(tuple), std::make_index_sequence<size - 1>());
}

}  // namespace retort

// Store: values that live as long as one request, Flask's `g`.
//
// A before_request hook loads something once and handlers read it:
//
//   app.before_request([](const retort::Request& request) -> std::optional<retort::Response> {
//     request.g().set("user", load_user(request));
//     return std::nullopt;
//   });
//   ...
//   const User& user = request.g().get<User>("user");
//
// Values are keyed by name and typed: get<T> checks the type it was set
// with, so a wrong type is an error naming the key, not a bad cast.
#pragma once

#include <any>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>
#include <deque>

namespace retort {

class Store {
 public:
  // Sets (or replaces) `key`.
  template <class T>
  T& set(std::string_view key, T value) {
    std::any* slot = find_slot(key);
    if (slot == nullptr) slot = &items_.emplace_back(std::string(key), std::any()).second;
    return slot->emplace<T>(std::move(value));
  }
  // The value of `key` if it is set and holds a T, else nullptr.
  template <class T>
  T* find(std::string_view key) {
    return std::any_cast<T>(find_slot(key));
  }
  template <class T>
  const T* find(std::string_view key) const {
    return std::any_cast<T>(const_cast<Store*>(this)->find_slot(key));
  }
  // The value of `key`; throws std::out_of_range naming the key when it is
  // not set or holds another type.
  template <class T>
  T& get(std::string_view key) {
    if (T* value = find<T>(key)) return *value;
    throw_missing(key, typeid(T));
  }
  template <class T>
  const T& get(std::string_view key) const {
    if (const T* value = find<T>(key)) return *value;
    throw_missing(key, typeid(T));
  }
  bool contains(std::string_view key) const { return const_cast<Store*>(this)->find_slot(key) != nullptr; }
  void erase(std::string_view key);

 private:
  std::any* find_slot(std::string_view key);
  [[noreturn]] void throw_missing(std::string_view key, const std::type_info& wanted) const;

  // A deque: references set() and get() return stay valid as values are
  // added (until that key is erased).
  std::deque<std::pair<std::string, std::any>> items_;
};

}  // namespace retort

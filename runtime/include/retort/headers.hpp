// Headers: HTTP header fields, names compared case-insensitively.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace retort {

class Headers {
 public:
  Headers() = default;
  // `retort::Headers{{"Location", url}, {"Cache-Control", "no-store"}}`
  Headers(std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
    for (const auto& [name, value] : fields) add(name, value);
  }

  // The first value of `name`, as sent.
  std::optional<std::string_view> get(std::string_view name) const;
  bool contains(std::string_view name) const { return get(name).has_value(); }
  // Replaces every field called `name` with one.
  void set(std::string_view name, std::string_view value);
  // Adds a field, keeping others of the same name (Set-Cookie).
  void add(std::string_view name, std::string_view value);
  void remove(std::string_view name);
  // Flask's headers.update for Flask's (body, status, headers) returns:
  // every name in `other` replaces this one's fields of that name, and a
  // name given twice (Set-Cookie) keeps both values.
  void update(const Headers& other);

  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// ASCII case-insensitive comparison, as header names need.
bool iequals(std::string_view a, std::string_view b) noexcept;

}  // namespace retort

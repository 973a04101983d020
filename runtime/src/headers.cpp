#include "retort/headers.hpp"

#include <algorithm>

namespace retort {

bool iequals(std::string_view a, std::string_view b) noexcept {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
  for (const auto& [key, value] : items_)
    if (iequals(key, name)) return std::string_view(value);
  return std::nullopt;
}

void Headers::set(std::string_view name, std::string_view value) {
  remove(name);
  add(name, value);
}

void Headers::add(std::string_view name, std::string_view value) {
  items_.emplace_back(std::string(name), std::string(value));
}

void Headers::update(const Headers& other) {
  for (const auto& [name, value] : other.items_) remove(name);
  for (const auto& [name, value] : other.items_) add(name, value);
}

void Headers::remove(std::string_view name) {
  std::erase_if(items_, [&](const auto& item) { return iequals(item.first, name); });
}

}  // namespace retort

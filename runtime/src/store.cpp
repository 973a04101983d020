#include "retort/store.hpp"

#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace retort {
namespace {

// `std::string` rather than `NSt7__cxx1112basic_string…` in error messages.
std::string readable(const std::type_info& type) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), std::free);
  return status == 0 && name ? std::string(name.get()) : std::string(type.name());
}

}  // namespace

std::any* Store::find_slot(std::string_view key) {
  for (auto& [name, value] : items_)
    if (name == key) return &value;
  return nullptr;
}

void Store::erase(std::string_view key) {
  std::erase_if(items_, [&](const auto& item) { return item.first == key; });
}

void Store::throw_missing(std::string_view key, const std::type_info& wanted) const {
  for (const auto& [name, value] : items_)
    if (name == key)
      throw std::out_of_range("g['" + std::string(key) + "'] holds a " + readable(value.type()) + ", not a " +
                              readable(wanted));
  throw std::out_of_range("g['" + std::string(key) + "'] is not set");
}

}  // namespace retort

#include "retort/method.hpp"

#include <array>
#include <utility>

namespace retort {
namespace {

constexpr std::array<std::pair<Method, std::string_view>, 9> kNames = {{
    {Method::get, "GET"},
    {Method::head, "HEAD"},
    {Method::post, "POST"},
    {Method::put, "PUT"},
    {Method::delete_, "DELETE"},
    {Method::patch, "PATCH"},
    {Method::options, "OPTIONS"},
    {Method::trace, "TRACE"},
    {Method::connect, "CONNECT"},
}};

}  // namespace

Method parse_method(std::string_view name) noexcept {
  // Case-insensitive: Werkzeug upper-cases the method before matching.
  for (const auto& [method, text] : kNames) {
    if (text.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i) {
      char c = name[i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      same = c == text[i];
    }
    if (same) return method;
  }
  return Method::other;
}

std::string_view method_name(Method method) noexcept {
  for (const auto& [m, text] : kNames)
    if (m == method) return text;
  return {};
}

std::string MethodSet::to_string() const {
  // Sorted by name, as Werkzeug's Allow header reads most naturally.
  static constexpr Method kSorted[] = {Method::connect, Method::delete_, Method::get,
                                       Method::head,    Method::options, Method::patch,
                                       Method::post,    Method::put,     Method::trace};
  std::string out;
  for (Method m : kSorted) {
    if (!contains(m)) continue;
    if (!out.empty()) out += ", ";
    out += method_name(m);
  }
  return out;
}

}  // namespace retort

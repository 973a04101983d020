// method_names: a MethodSet as its methods' names, sorted by name (the
// order of an Allow header), for the routes command's table and JSON.
#pragma once

#include <string>
#include <vector>

#include "retort/method.hpp"

namespace retort::cli {

inline std::vector<std::string> method_names(MethodSet methods) {
  std::vector<std::string> names;
  const std::string text = methods.to_string();  // "GET, HEAD, OPTIONS"
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find(", ", start);
    if (end == std::string::npos) end = text.size();
    names.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return names;
}

}  // namespace retort::cli

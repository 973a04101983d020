// rule_variables: the variable names of a rule as RouteEntry::rule spells
// it (`/repos/<owner>/<int:id>` gives owner, id), in order, for the fuzz
// targets that name a match's arguments to url_for.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace retort::fuzz {

inline std::vector<std::string_view> variables_of(std::string_view rule) {
  std::vector<std::string_view> names;
  for (std::size_t open = rule.find('<'); open != std::string_view::npos; open = rule.find('<', open + 1)) {
    std::string_view inside = rule.substr(open + 1, rule.find('>', open) - open - 1);
    if (const std::size_t colon = inside.find(':'); colon != std::string_view::npos) inside = inside.substr(colon + 1);
    names.push_back(inside);
  }
  return names;
}

}  // namespace retort::fuzz

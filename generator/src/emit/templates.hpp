// The Mustache templates of generator/templates/, compiled into retortc.
//
// The .mustache files are the source; a build step (cmake/embed_templates.cmake)
// turns them into templates.cpp, so retortc needs no files at run time.
#pragma once

#include <span>
#include <string_view>

namespace retortc {

struct EmbeddedTemplate {
  std::string_view name;  // file name: `routes.hpp.mustache`
  std::string_view text;
};

std::span<const EmbeddedTemplate> embedded_templates();

// The template called `name`; asserts that it exists (a missing template is a
// build bug, not a user error).
std::string_view embedded_template(std::string_view name);

}  // namespace retortc

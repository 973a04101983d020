// renderer: one template + emit context -> the text of one generated file.
#pragma once

#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

namespace retortc {

// Renders `template_text` with HTML escaping off: generated C++ must contain
// `<` and `&` as they are. A template that does not parse is a bug in
// retortc, so it asserts rather than reporting to the user.
std::string render(std::string_view template_text, const kainjow::mustache::data& context);

}  // namespace retortc

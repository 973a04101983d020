# Turns generator/templates/*.mustache into a C++ source of string literals.
# Run as a script: cmake -DOUTPUT=templates.cpp -DTEMPLATES="a;b" -P embed_templates.cmake
# A raw-string delimiter that cannot occur in the templates keeps them verbatim.
set(delimiter "retort_template")
set(body "")
foreach(path IN LISTS TEMPLATES)
  file(READ "${path}" text)
  string(FIND "${text}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${path} contains the raw-string delimiter )${delimiter}\"")
  endif()
  get_filename_component(name "${path}" NAME)
  string(APPEND body "    {\"${name}\", R\"${delimiter}(${text})${delimiter}\"},\n")
endforeach()
set(content "// Generated from generator/templates by cmake/embed_templates.cmake. DO NOT EDIT.
#include \"emit/templates.hpp\"

#include <algorithm>
#include <array>
#include <cassert>

namespace retortc {
namespace {

constexpr EmbeddedTemplate kTemplates[] = {
${body}};

}  // namespace

std::span<const EmbeddedTemplate> embedded_templates() { return kTemplates; }

std::string_view embedded_template(std::string_view name) {
  for (const EmbeddedTemplate& t : kTemplates)
    if (t.name == name) return t.text;
  assert(false && \"no such template\");
  return {};
}

}  // namespace retortc
")
# Rewrite only on change, so a reconfigure does not rebuild retortc.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${content}")

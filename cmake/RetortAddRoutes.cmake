# retort_add_routes(<target> SOURCES <file>... [NAME <name>])
#
# Runs retortc over the annotated SOURCES of <target> during the build and
# adds the generated <name>_routes.cpp to the target; <name>_routes.hpp is on
# the target's include path. <name> defaults to the target's name.
#
# retortc parses the sources as the target's compiler does: with its include
# directories, compile definitions and C++ standard. It re-runs when any file
# it read changes (a depfile lists them), and a no-op build does not run it.
function(retort_add_routes target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "NAME" "SOURCES")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "retort_add_routes: unexpected arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "retort_add_routes(${target}): SOURCES is required")
  endif()
  if(NOT arg_NAME)
    set(arg_NAME "${target}")
  endif()

  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/retort_generated/${target}")
  set(out "${out_dir}/${arg_NAME}_routes")
  set(sources "")
  foreach(source IN LISTS arg_SOURCES)
    cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    list(APPEND sources "${source}")
  endforeach()

  # Sources include the generated header; on the very first build it must
  # exist before retortc parses them. The placeholder is what the real header
  # is while retortc scans (RETORT_SCANNING), so every scan sees the same.
  if(NOT EXISTS "${out}.hpp")
    file(WRITE "${out}.hpp" "// Placeholder: retortc replaces this file on the first build.\n"
                            "#pragma once\n#include <retort/generated_support.hpp>\n")
  endif()

  # The target's own flags, as generator expressions evaluated at build time.
  set(includes "$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>")
  set(defines "$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>")
  set(standard "$<TARGET_PROPERTY:${target},CXX_STANDARD>")
  set(flags
    "-std=c++$<IF:$<BOOL:${standard}>,${standard},20>"
    "$<$<BOOL:${includes}>:-I$<JOIN:${includes},$<SEMICOLON>-I>>"
    "$<$<BOOL:${defines}>:-D$<JOIN:${defines},$<SEMICOLON>-D>>")

  # retortc leaves unchanged outputs untouched, so dependents are not rebuilt
  # (Ninja re-stats byproducts). The stamp, rewritten on every successful
  # run, is what tells make that the rule ran, so a no-op build stays one.
  add_custom_command(
    OUTPUT "${out}.stamp"
    BYPRODUCTS "${out}.hpp" "${out}.cpp" "${out}.json"
    COMMAND retort::retortc
      --out-dir "${out_dir}" --name "${arg_NAME}"
      --source-root "${CMAKE_CURRENT_SOURCE_DIR}"
      --depfile "${out}.d" --stamp "${out}.stamp"
      ${sources} -- ${flags}
    DEPENDS ${sources} retort::retortc
    DEPFILE "${out}.d"
    COMMENT "retortc: routes of ${target}"
    COMMAND_EXPAND_LISTS VERBATIM)

  target_sources(${target} PRIVATE "${out}.stamp" "${out}.cpp" "${out}.hpp")
  # The generated table repeats the sources' `#include "items.hpp"` lines
  # for the handlers' own types; quoted includes are found next to the
  # source that wrote them, so search the sources' folders too.
  set(source_dirs "")
  foreach(source IN LISTS sources)
    get_filename_component(source_dir "${source}" DIRECTORY)
    list(APPEND source_dirs "${source_dir}")
  endforeach()
  list(REMOVE_DUPLICATES source_dirs)
  set_property(SOURCE "${out}.cpp" TARGET_DIRECTORY ${target} APPEND PROPERTY INCLUDE_DIRECTORIES ${source_dirs})
  target_include_directories(${target} PRIVATE "${out_dir}")
  target_link_libraries(${target} PRIVATE retort::runtime)
endfunction()

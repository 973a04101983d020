# RETORT_SANITIZE and RETORT_FUZZ: compile and link flags for every target.
#
# Sanitizers: ASan finds memory errors and, at exit, leaks (LeakSanitizer);
# UBSan finds undefined behaviour. -fno-sanitize-recover makes the first
# report fatal, so a test cannot pass past one. Uninstrumented libraries
# (Pistache, yaml-cpp, LLVM) still run, unchecked.
#
# Fuzzing: -fsanitize=fuzzer-no-link adds libFuzzer's coverage feedback to
# all code; only the fuzz targets link libFuzzer itself (tests/fuzz).
if(RETORT_SANITIZE)
  set(sanitize_compile -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  set(sanitize_link -fsanitize=address,undefined)
  add_compile_options(${sanitize_compile})
  add_link_options(${sanitize_link})
  # The environment each sanitized test runs under (tests/CMakeLists.txt).
  # CC, CXX and the *FLAGS are for the tests that configure projects of
  # their own against this build (e2e, conformance): CMake reads them when
  # it configures a new build tree, so those projects are sanitized too and
  # link with this build's sanitized library.
  list(JOIN sanitize_compile " " compile_flags)
  list(JOIN sanitize_link " " link_flags)
  set(RETORT_SANITIZER_ENVIRONMENT
    "CC=${CMAKE_C_COMPILER}" "CXX=${CMAKE_CXX_COMPILER}"
    "CFLAGS=${compile_flags}" "CXXFLAGS=${compile_flags}" "LDFLAGS=${link_flags}"
    "ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
    "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1"
    "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/sanitizer/lsan.supp:print_suppressions=0")
endif()
if(RETORT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "RETORT_FUZZ needs Clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_C_COMPILER=clang-14")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# Gives every test of the calling directory the sanitizer environment; call
# it at the end of each CMakeLists.txt that adds tests.
function(retort_sanitize_tests)
  if(RETORT_SANITIZE)
    get_property(tests DIRECTORY PROPERTY TESTS)
    if(tests)
      set_property(TEST ${tests} APPEND PROPERTY ENVIRONMENT ${RETORT_SANITIZER_ENVIRONMENT})
    endif()
  endif()
endfunction()

// An inline handler may have no out-of-line definition for the table to call.
#include <string>

#include <retort/route.hpp>

RETORT_GET("/inline")
inline std::string inlined() { return "inline"; }

RETORT_GET("/constexpr")
constexpr int compile_time() { return 1; }

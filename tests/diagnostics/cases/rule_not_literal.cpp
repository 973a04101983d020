// retortc reads the rule from the source, so it must be a string literal.
#include <string>

#include <retort/route.hpp>

constexpr const char* kPath = "/path";
RETORT_GET(kPath)
std::string not_literal();

// A template has no single function for the table to call.
#include <string>

#include <retort/route.hpp>

template <class T>
RETORT_GET("/template")
std::string templated();

// Handlers return text, JSON or a retort::Response.
#include <retort/route.hpp>

RETORT_GET("/count")
int count();

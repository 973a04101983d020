// A static (or anonymous-namespace) handler is invisible to the generated table.
#include <string>

#include <retort/route.hpp>

RETORT_GET("/hidden")
static std::string hidden() { return "hidden"; }

namespace {
RETORT_GET("/anonymous")
std::string anonymous();
}  // namespace

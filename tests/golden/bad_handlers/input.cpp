// Golden case: handlers the generated table cannot call.
#include <string>

#include <retort/route.hpp>

struct Views {
  RETORT_GET("/member")
  std::string member();
};

RETORT_GET("/hidden")
static std::string hidden() { return "hidden"; }

namespace {
RETORT_GET("/anonymous")
std::string anonymous();
}  // namespace

template <class T>
RETORT_GET("/template")
std::string templated();

RETORT_GET("/broken")
std::string broken(UnknownType value);

RETORT_GET("/inline")
inline std::string inlined() { return "inline"; }

RETORT_GET("/constexpr")
constexpr int compile_time() { return 1; }

constexpr const char* kPath = "/path";
RETORT_GET(kPath)
std::string not_literal();

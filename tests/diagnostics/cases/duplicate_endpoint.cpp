// Two handlers named alike in different namespaces share one endpoint name.
#include <string>

#include <retort/route.hpp>

RETORT_GET("/")
std::string index();

namespace other {
RETORT_GET("/other")
std::string index();
}  // namespace other

// A blueprint prefix is a static path: no placeholders.
#include <string>

#include <retort/route.hpp>

namespace RETORT_BLUEPRINT("/<int:org>") orgs {
RETORT_GET("/members")
std::string members();
}  // namespace orgs

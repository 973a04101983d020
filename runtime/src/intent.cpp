#include <retort/intent.hpp>

namespace retort {

std::string_view to_string(Intent intent) noexcept {
  switch (intent) {
    case Intent::development: return "development";
    case Intent::testing: return "testing";
    case Intent::production: return "production";
  }
  return "production";  // not reached: every enumerator is handled above
}

std::optional<Intent> parse_intent(std::string_view name) noexcept {
  for (Intent intent : {Intent::development, Intent::testing, Intent::production})
    if (name == to_string(intent)) return intent;
  return std::nullopt;
}

}  // namespace retort

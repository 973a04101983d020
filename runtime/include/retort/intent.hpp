// Intent: what a run of the app is for. Each command of a built app sets one
// before the app is created (`develop` → development, `serve` → production,
// the test suite → testing), and the config file has one section per intent.
#pragma once

#include <optional>
#include <string_view>

namespace retort {

enum class Intent { development, testing, production };

// "development", "testing" or "production": the config file's section names.
std::string_view to_string(Intent intent) noexcept;

// The intent with exactly that name (lower case, as to_string spells it).
std::optional<Intent> parse_intent(std::string_view name) noexcept;

}  // namespace retort

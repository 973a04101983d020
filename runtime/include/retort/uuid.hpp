// Uuid: the value of a `<uuid:name>` URL variable.
//
// Sixteen bytes, compared and hashed by value; to_string() is the lowercase
// canonical form Python's str(uuid.UUID(...)) gives, which is also what
// url_for puts in a URL.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace retort {

struct Uuid {
  std::array<std::uint8_t, 16> bytes{};

  // `12345678-1234-5678-1234-567812345678`, upper or lower case hex.
  static std::optional<Uuid> parse(std::string_view text) noexcept;
  // Lowercase, with dashes: `12345678-1234-5678-1234-567812345678`.
  std::string to_string() const;
  // The same 36 characters, written to `out` without allocating.
  void write(char* out) const noexcept;

  auto operator<=>(const Uuid&) const = default;
};

}  // namespace retort

// FuzzInput: reads structured values off a fuzzer's bytes, the way
// FuzzedDataProvider does, but small and header-only so the same targets
// also build with GCC for corpus replay. Running out of bytes gives zeros
// and empty strings, never an error: every input is a valid test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace retort::fuzz {

class FuzzInput {
 public:
  FuzzInput(const std::uint8_t* data, std::size_t size) : bytes_(reinterpret_cast<const char*>(data), size) {}

  bool empty() const { return bytes_.empty(); }
  std::uint8_t byte() {
    if (bytes_.empty()) return 0;
    const auto b = static_cast<std::uint8_t>(bytes_[0]);
    bytes_.remove_prefix(1);
    return b;
  }
  std::uint64_t integer(int bytes = 8) {
    std::uint64_t value = 0;
    for (int i = 0; i < bytes; ++i) value = value << 8 | byte();
    return value;
  }
  // A string whose length (up to 255) is the next byte: a fuzzer mutates
  // the length and the content independently.
  std::string_view text() { return take(byte()); }
  // Everything that is left.
  std::string_view rest() { return take(bytes_.size()); }

 private:
  std::string_view take(std::size_t n) {
    const std::string_view taken = bytes_.substr(0, n);
    bytes_.remove_prefix(taken.size());
    return taken;
  }
  std::string_view bytes_;
};

}  // namespace retort::fuzz

// Counts heap allocations made through operator new in this process, so
// the benchmark can report allocations per lookup.
#pragma once

#include <cstdint>

namespace router_bench {

// Allocations since the process started (all threads).
std::uint64_t allocations() noexcept;

}  // namespace router_bench

// The version of the contract between retortc's output and the runtime.
//
// retortc writes it into every generated file, which static_asserts it
// against this header; change it whenever one side stops fitting the other.
#pragma once

namespace retort::detail {

inline constexpr int kCodegenAbi = 5;

}  // namespace retort::detail

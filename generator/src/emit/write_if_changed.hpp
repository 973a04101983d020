// write_if_changed: writes a file only when its content differs.
//
// Leaving an identical file untouched keeps its timestamp, so the build does
// not recompile what includes it (with Ninja's restat, not even the rule's
// dependents run).
#pragma once

#include <string>
#include <string_view>

namespace retortc {

enum class WriteResult { unchanged, written, failed };

// On failure, `error` says why (errno text).
WriteResult write_if_changed(const std::string& path, std::string_view content, std::string& error);

}  // namespace retortc

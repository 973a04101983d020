// depfile: the Makefile-syntax list of files retortc read, for the build
// system (CMake's DEPFILE), so editing any of them re-runs retortc.
#pragma once

#include <string>
#include <vector>

namespace retortc {

// `targets: dependencies` in Makefile syntax, one dependency per line.
std::string make_depfile(const std::vector<std::string>& targets, const std::vector<std::string>& dependencies);

}  // namespace retortc

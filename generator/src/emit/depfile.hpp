// depfile: the Makefile-syntax list of files retortc read, for the build
// system (CMake's DEPFILE), so editing any of them re-runs retortc.
#pragma once

#include <string>
#include <vector>

namespace retortc {

std::string make_depfile(const std::string& target, const std::vector<std::string>& dependencies);

}  // namespace retortc

#include "emit/write_if_changed.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace retortc {

WriteResult write_if_changed(const std::string& path, std::string_view content, std::string& error) {
  {
    std::ifstream in(path, std::ios::binary);
    if (in) {
      std::ostringstream existing;
      existing << in.rdbuf();
      if (existing.str() == content) return WriteResult::unchanged;
    }
  }
  // Write beside the target and rename, so a reader (or a build killed
  // half-way) never sees a truncated file.
  std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = std::strerror(errno);
      return WriteResult::failed;
    }
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) {
      error = std::strerror(errno);
      return WriteResult::failed;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    error = ec.message();
    std::filesystem::remove(temporary, ec);
    return WriteResult::failed;
  }
  return WriteResult::written;
}

}  // namespace retortc

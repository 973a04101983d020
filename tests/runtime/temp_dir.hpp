// A fresh folder under the system's temp directory for one test, removed
// afterwards, with files written into it by relative name.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <system_error>

namespace test_support {

struct TempDir {
  // `prefix` names the test file in the folder's name ("retort-static-…").
  explicit TempDir(std::string_view prefix) {
    std::random_device seed;
    path = std::filesystem::temp_directory_path() /
           (std::string(prefix) + std::to_string(seed()) + std::to_string(seed()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `text` to path/name, creating the folders on the way.
  void write(const std::filesystem::path& name, std::string_view text) const {
    std::filesystem::create_directories((path / name).parent_path());
    std::ofstream(path / name, std::ios::binary) << text;
  }

  std::filesystem::path path;
};

}  // namespace test_support

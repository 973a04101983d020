// Helpers of the Config tests (config_test.cpp, config_get_test.cpp). The
// fixture files are in tests/runtime/config, which the build passes as
// RETORT_TEST_CONFIG_DIR; edge cases write their own files to a temp folder.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <retort/config.hpp>
#include <retort/intent.hpp>
#include <string>
#include <vector>

#ifndef RETORT_TEST_CONFIG_DIR
#error "define RETORT_TEST_CONFIG_DIR as the path of tests/runtime/config"
#endif

namespace config_test {

using retort::Config;
using retort::ConfigError;
using retort::Intent;
using nlohmann::json;
namespace fs = std::filesystem;

inline const std::string kDir = RETORT_TEST_CONFIG_DIR;
inline const std::string kApp = kDir + "/app.yaml";

inline constexpr Intent kIntents[] = {Intent::development, Intent::testing, Intent::production};

// A config file written for one test, removed with its folder afterwards.
class TempFile {
 public:
  explicit TempFile(const std::string& text, const std::string& name = "config.yaml") {
    static int counter = 0;  // unique per test in this process; not state of the code tested
    dir_ = fs::temp_directory_path() /
           ("retort-config-test-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
    fs::create_directories(dir_);
    path_ = (dir_ / name).string();
    std::ofstream(path_, std::ios::binary) << text;
  }
  ~TempFile() { fs::remove_all(dir_); }
  const std::string& path() const { return path_; }

 private:
  fs::path dir_;
  std::string path_;
};

inline std::string source_of(const Config& config, const std::string& key) {
  for (const retort::ConfigEntry& entry : config.entries())
    if (entry.key == key) return entry.source;
  return "(no entry)";
}

// A production Config loaded from these "RETORT_…=…" strings alone.
inline Config from_environment(std::vector<const char*> variables) {
  variables.push_back(nullptr);
  Config config(Intent::production);
  config.load_environment("RETORT_", variables.data());
  return config;
}

}  // namespace config_test

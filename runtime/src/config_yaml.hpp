// Reading YAML for Config: a config file's sections and environment values
// become JSON under YAML 1.2's core schema (`yes` and `2024-01-01` stay
// strings; scripts/validate-config reads files the same way). Mistakes
// become one ConfigError in the compiler's format, every one of them:
//
//   config.yaml:7:1: error: unknown section 'prodution' (the sections are …)
//   prodution:
//   ^~~~~~~~~
//   config.yaml:7:1: note: did you mean 'production'?
//
// This and config_yaml.cpp are the only yaml-cpp users; no yaml-cpp type
// crosses this header.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace retort::detail {

// A value read from YAML, and `raw`: the text of its plain scalars that
// became numbers or bools, mirrored in shape (null where there is none), so
// get<std::string> can return "007" for `007`.
struct ConfigValue {
  nlohmann::json value;
  nlohmann::json raw;
};

// The sections the file has, by name ("default", "production", …); each a
// mapping. Throws ConfigError ("path:line:col: error: …") for a file that
// cannot be read, bad YAML, an unknown or repeated section, a section that
// is not a mapping, a repeated key, or a key that is empty or holds a '.'.
std::map<std::string, ConfigValue, std::less<>> read_config_sections(
    const std::filesystem::path& file);

// An environment variable's value: a flow list or mapping, or a quoted
// string, if the whole value is one and parses (else the text, as Flask
// keeps values that are not JSON); otherwise a plain scalar, but the text
// itself when empty, and never cut at " #" (a password may hold one).
ConfigValue read_environment_value(const std::string& name, const std::string& value);

}  // namespace retort::detail

// Config: an app's settings, as Flask's app.config, but typed and layered per
// intent. Later layers win:
//
//   built-in defaults < the file's `default` section < its intent section
//                     < RETORT_* environment variables < set() in code
//
//   retort::Config config(retort::Intent::production);
//   config.load_yaml("/srv/blog/config.yaml");  // [default], then [production]
//   config.load_environment();                  // RETORT_DATABASE__POOL=8
//   int pool = config.get<int>("DATABASE.POOL");
//
// Values live in a JSON tree; a dotted key ("DATABASE.URL") addresses a
// nested one. Every leaf remembers where it came from, so an error names the
// key and the source of its value. yaml-cpp stays private to the runtime
// (runtime/src/config_yaml.cpp); no public header includes it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>
#include <retort/intent.hpp>

namespace retort {

// A bad config file, environment variable, key or value. File errors read
// like compiler diagnostics ("config.yaml:3:5: error: …", with the line and
// a caret); value errors name the key and the source of its value.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One leaf of the configuration, for listing it (`./app config`).
struct ConfigEntry {
  std::string key;       // dotted: "DATABASE.URL"
  nlohmann::json value;  // a scalar, a list, null or an empty mapping
  std::string source;    // "built-in default", "config.yaml [production]", …
};

class Config {
 public:
  // The built-in defaults (Flask's names): DEBUG is true only in development,
  // TESTING only in testing; see docs/config.md for the others.
  // `root`: where a relative load_yaml path points (the App passes its
  // root); empty: the working directory.
  explicit Config(Intent intent = Intent::production, std::filesystem::path root = {});

  Intent intent() const noexcept { return intent_; }
  // Counts changes: whoever caches values read from the config (the App)
  // knows when to read them again.
  std::uint64_t version() const noexcept { return version_; }

  // Applies the file's `default` section (a relative path is resolved
  // against the root), then the section named after this
  // intent; mappings merge key by key, scalars and lists replace. Nothing is
  // applied if the file has any error (ConfigError, "path:line:col: error: …").
  void load_yaml(const std::filesystem::path& file);

  // Every variable PREFIX_A__B=v sets key A.B ("__" separates levels) to v
  // read as a YAML scalar or flow value: 8 is an integer, true a bool, [a, b]
  // a list, '[a]' the string "[a]", anything else (or empty) the text itself.
  // Variables apply in sorted order, as Flask's from_prefixed_env; nullptr
  // reads the process's environment, tests pass their own array.
  void load_environment(std::string_view prefix = "RETORT_",
                        const char* const* environment = nullptr);

  // Replaces the value at `key` (a mapping too, as Flask's config[key] = …).
  void set(std::string_view key, nlohmann::json value, std::string source = "set in code");

  // Set and not null.
  bool contains(std::string_view key) const;

  // Typed access. T: bool, an integral type (range-checked), float, double,
  // std::string, std::vector<std::string>, std::filesystem::path or
  // nlohmann::json. Lenient where settings arrive as text: bool accepts
  // true/false/yes/no/on/off/1/0 in any case and the integers 0 and 1; numbers
  // accept decimal strings ("8080"); strings accept any scalar, as written.
  // get throws ConfigError when the key is unset or null or the value does
  // not fit T; get_or and find only when it does not fit T.
  template <class T>
  T get(std::string_view key) const {
    return convert<T>(require(key));
  }
  template <class T>
  T get_or(std::string_view key, T fallback) const {
    const Found found = lookup(key);
    return found.value && !found.value->is_null() ? convert<T>(found) : std::move(fallback);
  }
  // get_or("NAME", "text") means a string, not a const char*.
  std::string get_or(std::string_view key, const char* fallback) const {
    return get_or<std::string>(key, fallback);
  }
  template <class T>
  std::optional<T> find(std::string_view key) const {
    const Found found = lookup(key);
    if (!found.value || found.value->is_null()) return std::nullopt;
    return convert<T>(found);
  }

  // Every leaf (scalars, lists, nulls, empty mappings) with its dotted key and
  // source, sorted by key.
  std::vector<ConfigEntry> entries() const;

  // The files load_yaml applied, in order, as opened (a relative one joined
  // to the root); for `./app config`'s heading.
  const std::vector<std::filesystem::path>& files() const noexcept { return files_; }

 private:
  // A key and its value (nullptr when unset), as the conversions see it.
  struct Found {
    std::string_view key;
    const nlohmann::json* value;
  };
  // Where a leaf's value came from; `raw` keeps the text of plain YAML
  // scalars that became numbers or bools (a list's raw is a list), so
  // get<std::string> returns "007" for `007`, not "7".
  struct Origin {
    std::string source;
    nlohmann::json raw;
  };

  Found lookup(std::string_view key) const;
  Found require(std::string_view key) const;  // throws unless set and not null
  std::string source_of(std::string_view key) const;
  void put(std::string_view key, const nlohmann::json& value, const nlohmann::json& raw,
           const std::string& source);
  void write(nlohmann::json& slot, const std::string& key, const nlohmann::json& value,
             const nlohmann::json& raw, const std::string& source);
  void erase_origins(const std::string& key);
  [[noreturn]] void type_error(const Found& found, std::string_view expected) const;

  // The conversions behind the templates, kept out of the header.
  bool to_bool(const Found& found) const;
  std::int64_t to_signed(const Found& found, std::int64_t min, std::int64_t max) const;
  std::uint64_t to_unsigned(const Found& found, std::uint64_t max) const;
  double to_floating(const Found& found, double max) const;
  std::string to_string(const Found& found) const;
  std::vector<std::string> to_strings(const Found& found) const;

  template <class T>
  T convert(const Found& found) const {
    if constexpr (std::is_same_v<T, bool>) {
      return to_bool(found);
    } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
      return static_cast<T>(
          to_signed(found, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
    } else if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(to_unsigned(found, std::numeric_limits<T>::max()));
    } else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
      return static_cast<T>(to_floating(found, std::numeric_limits<T>::max()));
    } else if constexpr (std::is_same_v<T, std::string>) {
      return to_string(found);
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
      return to_strings(found);
    } else if constexpr (std::is_same_v<T, std::filesystem::path>) {
      return std::filesystem::path(to_string(found));
    } else if constexpr (std::is_same_v<T, nlohmann::json>) {
      return *found.value;
    } else {
      static_assert(sizeof(T) == 0,
                    "Config supports bool, integral types, float, double, std::string, "
                    "std::vector<std::string>, std::filesystem::path and nlohmann::json");
    }
  }

  Intent intent_;
  std::filesystem::path root_;
  std::uint64_t version_ = 0;
  nlohmann::json values_ = nlohmann::json::object();
  std::map<std::string, Origin, std::less<>> origins_;  // by dotted leaf key
  std::vector<std::filesystem::path> files_;
};

}  // namespace retort

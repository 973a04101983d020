// Config (config.hpp): the layered store and the typed conversions. Reading
// YAML (files and environment values) is config_yaml.cpp's, the only place
// that knows yaml-cpp.
#include <retort/config.hpp>

#include <unistd.h>  // environ

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "config_text.hpp"
#include "config_yaml.hpp"

namespace retort {
namespace {

using nlohmann::json;
using detail::describe_value;
using detail::shown_value;

json child_raw(const json& raw, const std::string& name) {
  if (!raw.is_object()) return nullptr;
  const auto it = raw.find(name);
  return it == raw.end() ? json() : *it;
}

// The dotted key an environment variable names once its prefix is gone:
// "DATABASE__URL" → "DATABASE.URL", split as Python's str.split("__").
std::optional<std::string> environment_key(std::string_view rest) {
  std::string key;
  for (std::size_t start = 0;;) {
    const std::size_t end = std::min(rest.find("__", start), rest.size());
    const std::string_view part = rest.substr(start, end - start);
    if (part.empty() || part.find('.') != std::string_view::npos) return std::nullopt;
    key += (key.empty() ? "" : ".") + std::string(part);
    if (end == rest.size()) return key;
    start = end + 2;
  }
}

std::vector<std::string> split_key(std::string_view key) {
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    const std::size_t dot = std::min(key.find('.', start), key.size());
    parts.emplace_back(key.substr(start, dot - start));
    if (parts.back().empty())
      throw ConfigError("'" + std::string(key) + "' is not a config key: it has an empty part");
    if (dot == key.size()) return parts;
    start = dot + 1;
  }
}

std::string child_key(const std::string& key, const std::string& name) {
  return key.empty() ? name : key + "." + name;
}

// The text of a scalar for get<std::string>: as written in YAML if it was.
std::string scalar_text(const json& value, const json& raw) {
  if (raw.is_string()) return raw.get<std::string>();
  if (value.is_string()) return value.get<std::string>();
  return shown_value(value);
}

}  // namespace

// ---- Building

Config::Config(Intent intent, std::filesystem::path root) : intent_(intent), root_(std::move(root)) {
  const json defaults = {
      {"DEBUG", intent == Intent::development},
      {"TESTING", intent == Intent::testing},
      {"PREFERRED_URL_SCHEME", "http"},
      {"TEMPLATES_FOLDER", "templates"},
      {"STATIC_FOLDER", "static"},
      {"STATIC_URL_PATH", "/static"},
      {"TEMPLATES_AUTO_RELOAD", nullptr},  // null: follow DEBUG
      {"MAX_CONTENT_LENGTH", nullptr},
      {"SERVER_NAME", nullptr},
      {"SECRET_KEY", nullptr},
      {"SEND_FILE_MAX_AGE_DEFAULT", nullptr},
  };
  write(values_, "", defaults, nullptr, "built-in default");
}

void Config::load_yaml(const std::filesystem::path& file) {
  // Read (and check) the whole file before applying any of it.
  const std::filesystem::path opened = file.is_relative() && !root_.empty() ? root_ / file : file;
  const auto sections = detail::read_config_sections(opened);
  ++version_;
  files_.push_back(opened);
  for (std::string_view section : {std::string_view("default"), retort::to_string(intent_)}) {
    if (const auto it = sections.find(section); it != sections.end())
      write(values_, "", it->second.value, it->second.raw,
            file.string() + " [" + std::string(section) + "]");
  }
}

void Config::load_environment(std::string_view prefix, const char* const* environment) {
  ++version_;
  if (!environment) environment = environ;
  std::vector<std::pair<std::string, std::string>> variables;
  for (const char* const* entry = environment; *entry; ++entry) {
    const std::string_view text(*entry);
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos || !text.substr(0, equals).starts_with(prefix)) continue;
    variables.emplace_back(text.substr(0, equals), text.substr(equals + 1));
  }
  std::sort(variables.begin(), variables.end());  // Flask's order: RETORT_A before RETORT_A__B

  Config staged = *this;  // all or nothing
  std::string errors;
  for (const auto& [name, value] : variables) {
    try {
      const std::optional<std::string> key =
          environment_key(std::string_view(name).substr(prefix.size()));
      if (!key)
        throw ConfigError("environment variable " + name + " does not name a config key (" +
                          std::string(prefix) + "A__B names key A.B)");
      detail::ConfigValue loaded = detail::read_environment_value(name, value);
      staged.put(*key, loaded.value, loaded.raw, "environment " + name);
    } catch (const ConfigError& e) {
      errors += (errors.empty() ? "" : "\n") + std::string(e.what());
    }
  }
  if (!errors.empty()) throw ConfigError(errors);
  *this = std::move(staged);
}

void Config::set(std::string_view key, nlohmann::json value, std::string source) {
  ++version_;
  put(key, value, nullptr, source);
}

// Replaces the value at `key`, creating mappings on the way. A scalar on the
// way is an error (Flask's TypeError), found before anything changes; a null
// one is an unset key and becomes a mapping.
void Config::put(std::string_view key, const json& value, const json& raw,
                 const std::string& source) {
  const std::vector<std::string> parts = split_key(key);
  std::string path;
  const json* node = &values_;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    path = child_key(path, parts[i]);
    const auto it = node->find(parts[i]);
    if (it == node->end() || it->is_null()) break;
    if (!it->is_object())
      throw ConfigError("cannot set config key '" + std::string(key) + "' (from " + source +
                        "): '" + path + "' (from " + source_of(path) + ") is " +
                        describe_value(*it) + ", not a mapping");
    node = &*it;
  }
  json* slot = &values_;
  path.clear();
  for (const std::string& part : parts) {
    path = child_key(path, part);
    json& next = (*slot)[part];
    if (next.is_null() || (next.is_object() && next.empty())) erase_origins(path);
    if (&part != &parts.back() && !next.is_object()) next = json::object();
    slot = &next;
  }
  erase_origins(path);
  *slot = nullptr;
  write(*slot, path, value, raw, source);
}

// Merges `value` into `slot`: mappings key by key, anything else replaces.
// origins_ keeps one entry per leaf (a non-mapping or an empty mapping).
void Config::write(json& slot, const std::string& key, const json& value, const json& raw,
                   const std::string& source) {
  if (!value.is_object() || !slot.is_object()) {
    erase_origins(key);
    slot = value.is_object() ? json::object() : value;
    if (!value.is_object()) {
      origins_[key] = Origin{source, raw};
      return;
    }
  }
  for (const auto& [name, child] : value.items())
    write(slot[name], child_key(key, name), child, child_raw(raw, name), source);
  if (key.empty()) return;
  if (slot.empty()) origins_[key] = Origin{source, nullptr};
  else origins_.erase(key);
}

void Config::erase_origins(const std::string& key) {
  origins_.erase(key);
  const std::string prefix = key + ".";
  for (auto it = origins_.lower_bound(prefix);
       it != origins_.end() && it->first.starts_with(prefix);)
    it = origins_.erase(it);
}

// ---- Reading

Config::Found Config::lookup(std::string_view key) const {
  const json* node = &values_;
  for (const std::string& part : split_key(key)) {
    if (!node->is_object()) return {key, nullptr};
    const auto it = node->find(part);
    if (it == node->end()) return {key, nullptr};
    node = &*it;
  }
  return {key, node};
}

Config::Found Config::require(std::string_view key) const {
  const Found found = lookup(key);
  if (found.value && !found.value->is_null()) return found;
  const std::string name(key);
  std::string suggestion;
  if (found.value) {  // null: a default that nobody set is simply not set
    const std::string source = source_of(key);
    if (source != "built-in default")
      throw ConfigError("config key '" + name + "' (from " + source + ") is null");
  } else {  // a typo? Any key that is there, a leaf or a mapping, may be the one meant
    std::set<std::string> keys;
    for (const auto& [leaf, origin] : origins_) {
      for (auto dot = leaf.find('.'); dot != std::string::npos; dot = leaf.find('.', dot + 1))
        keys.insert(leaf.substr(0, dot));
      keys.insert(leaf);
    }
    // 'SITE_TITLE' for 'SITE_TITLE.X' would be no typo but a scalar on the way.
    std::erase_if(keys, [&](const std::string& k) { return name.starts_with(k + "."); });
    suggestion = detail::closest_name(name, {keys.begin(), keys.end()}, false);
  }
  throw ConfigError("config key '" + name + "' is not set" +
                    (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)"));
}

// A leaf's source; for a mapping, its leaves' sources in key order.
std::string Config::source_of(std::string_view key) const {
  if (const auto it = origins_.find(key); it != origins_.end()) return it->second.source;
  std::vector<std::string> sources;
  const std::string prefix = std::string(key) + ".";
  for (auto it = origins_.lower_bound(prefix);
       it != origins_.end() && it->first.starts_with(prefix); ++it)
    if (std::find(sources.begin(), sources.end(), it->second.source) == sources.end())
      sources.push_back(it->second.source);
  std::string joined;
  for (const std::string& source : sources) joined += (joined.empty() ? "" : ", ") + source;
  return joined;
}

bool Config::contains(std::string_view key) const {
  const Found found = lookup(key);
  return found.value && !found.value->is_null();
}

std::vector<ConfigEntry> Config::entries() const {
  std::vector<ConfigEntry> out;
  for (const auto& [key, origin] : origins_)
    out.push_back({key, *lookup(key).value, origin.source});
  return out;  // origins_ is a map with one entry per leaf: sorted already
}

// ---- Conversions

void Config::type_error(const Found& found, std::string_view expected) const {
  throw ConfigError("config key '" + std::string(found.key) + "' (from " + source_of(found.key) +
                    ") must be " + std::string(expected) + ", not " + describe_value(*found.value));
}

namespace {

[[noreturn]] void out_of_range(std::string_view key, const std::string& source,
                               const std::string& value, std::string_view type) {
  throw ConfigError("config key '" + std::string(key) + "' (from " + source + ") is " + value +
                    ", out of range for this " + std::string(type) + " type");
}

// An integer, or a string of decimal digits (settings often arrive quoted)
// as one; nullopt with `overflow` set for digits beyond 64 bits.
std::optional<json> as_integer(const json& value, bool& overflow) {
  overflow = false;
  if (value.is_number_integer()) return value;
  if (value.is_string()) return detail::decimal_integer(value.get<std::string>(), overflow);
  return std::nullopt;
}

}  // namespace

bool Config::to_bool(const Found& found) const {
  const json& v = *found.value;
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number_integer() && (v == 0 || v == 1)) return v == 1;
  if (v.is_string()) {
    std::string text = v.get<std::string>();
    std::transform(text.begin(), text.end(), text.begin(), detail::ascii_lower);
    for (std::string_view yes : {"true", "yes", "on", "1"})
      if (text == yes) return true;
    for (std::string_view no : {"false", "no", "off", "0"})
      if (text == no) return false;
  }
  type_error(found, "a boolean (true/false, yes/no, on/off or 1/0)");
}

std::int64_t Config::to_signed(const Found& found, std::int64_t min, std::int64_t max) const {
  bool overflow = false;
  const std::optional<json> v = as_integer(*found.value, overflow);
  if (overflow) out_of_range(found.key, source_of(found.key), 
                 found.value->get<std::string>(), "integer");
  if (!v) type_error(found, "an integer");
  const bool fits = v->is_number_unsigned()
                        ? v->get<std::uint64_t>() <= static_cast<std::uint64_t>(max)
                        : v->get<std::int64_t>() >= min && v->get<std::int64_t>() <= max;
  if (!fits) out_of_range(found.key, source_of(found.key), shown_value(*v), "integer");
  return v->get<std::int64_t>();
}

std::uint64_t Config::to_unsigned(const Found& found, std::uint64_t max) const {
  bool overflow = false;
  const std::optional<json> v = as_integer(*found.value, overflow);
  if (overflow) out_of_range(found.key, source_of(found.key), 
                 found.value->get<std::string>(), "integer");
  if (!v) type_error(found, "an integer");
  // set(key, 5) stores a signed 5: the sign decides, not the JSON type.
  const bool fits = v->is_number_unsigned() ? v->get<std::uint64_t>() <= max
                                            : v->get<std::int64_t>() >= 0 &&
                                                  v->get<std::uint64_t>() <= max;
  if (!fits) out_of_range(found.key, source_of(found.key), shown_value(*v), "integer");
  return v->get<std::uint64_t>();
}

double Config::to_floating(const Found& found, double max) const {
  const json& v = *found.value;
  std::optional<double> d;
  if (v.is_number()) d = v.get<double>();
  else if (v.is_string()) d = detail::decimal_float(v.get<std::string>());
  if (!d) type_error(found, "a number");
  if (std::isfinite(*d) && std::abs(*d) > max)
    out_of_range(found.key, source_of(found.key),
                 v.is_string() ? v.get<std::string>() : shown_value(v), "floating-point");
  return *d;
}

std::string Config::to_string(const Found& found) const {
  const json& v = *found.value;
  if (v.is_array() || v.is_object()) type_error(found, "a string");
  const auto origin = origins_.find(found.key);
  return scalar_text(v, origin == origins_.end() ? json() : origin->second.raw);
}

std::vector<std::string> Config::to_strings(const Found& found) const {
  const json& v = *found.value;
  if (!v.is_array()) type_error(found, "a list of strings");
  const auto origin = origins_.find(found.key);
  const json raw = origin == origins_.end() ? json() : origin->second.raw;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i].is_null() || v[i].is_array() || v[i].is_object())
      throw ConfigError("config key '" + std::string(found.key) + "' (from " +
                        source_of(found.key) + ") must be a list of strings, but item [" +
                        std::to_string(i) + "] is " + describe_value(v[i]));
    out.push_back(scalar_text(v[i], raw.is_array() ? raw[i] : json()));
  }
  return out;
}

}  // namespace retort

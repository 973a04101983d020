// `./app config [--intent NAME] [--json]`: the effective configuration of an
// intent, one line per leaf with where its value came from, secrets hidden
// (secrets.hpp has the rule):
//
//   intent production, config files: /srv/hello/config.yaml
//
//   KEY                        VALUE            SOURCE
//   DEBUG                      false            built-in default
//   PROXY_FIX.X_FOR            1                config.yaml [production]
//   SECRET_KEY                 (hidden, set)    environment RETORT_SECRET_KEY
//
// Values are JSON (strings quoted, so "8080" and 8080 differ). A hidden
// value shows no character of itself, only whether it is set or empty;
// --json leaves its "value" out and says "masked": "set" or "empty".
#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "secrets.hpp"

namespace retort::cli {
namespace {

using nlohmann::json;

constexpr Option kOptions[] = {
    {"--intent", "NAME", "the intent to make the app for: development (default), testing or production"},
    {"--json", "", "print JSON: {\"intent\", \"files\", \"entries\": [{\"key\", \"value\", \"source\"}]}"},
};

// One line of the listing: an entry as it may be shown.
struct Shown {
  std::string key;
  json value;          // hidden values: null, and `masked` says so
  std::string masked;  // "", "set", "empty" (value hidden) or "url-password" (shown without it)
  std::string source;
};

bool is_empty_value(const json& value) {
  return (value.is_string() && value.get_ref<const std::string&>().empty()) ||
         ((value.is_array() || value.is_object()) && value.empty());
}

// Strings (also inside lists) with any URL password hidden; `hid` is set
// when one was.
json without_url_passwords(const json& value, bool& hid) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    std::string shown = detail::hide_url_password(text);
    if (shown != text) hid = true;
    return shown;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const json& item : value) out.push_back(without_url_passwords(item, hid));
    return out;
  }
  return value;  // a leaf is never a non-empty mapping
}

Shown show(const ConfigEntry& entry) {
  Shown shown{entry.key, nullptr, "", entry.source};
  if (detail::is_secret_key(entry.key) && !entry.value.is_null()) {
    shown.masked = is_empty_value(entry.value) ? "empty" : "set";
    return shown;
  }
  bool hid = false;
  shown.value = without_url_passwords(entry.value, hid);
  if (hid) shown.masked = "url-password";
  return shown;
}

std::string dump(const json& value) {
  // Replace, not throw: a value from the environment may be any bytes.
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string value_text(const Shown& shown) {
  if (shown.masked == "set" || shown.masked == "empty") return "(hidden, " + shown.masked + ")";
  return dump(shown.value);
}

// Columns are counted in code points, so UTF-8 values line up.
std::size_t width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string padded(std::string_view text, std::size_t column) {
  const std::size_t w = width(text);
  return std::string(text) + std::string(column > w ? column - w : 0, ' ');
}

void print_table(const App& app, const std::vector<Shown>& entries, std::ostream& out) {
  const auto& files = app.config().files();
  out << "intent " << to_string(app.intent());
  if (files.empty()) out << ", no config file";
  for (std::size_t i = 0; i < files.size(); ++i) out << (i == 0 ? ", config files: " : ", ") << files[i].string();
  out << "\n\n";

  // A long value pushes its own source right, not every line's.
  constexpr std::size_t kMaxValueColumn = 48;
  std::size_t key_column = 3, value_column = 5;
  std::vector<std::string> values;
  for (const Shown& shown : entries) {
    values.push_back(value_text(shown));
    key_column = std::max(key_column, width(shown.key));
    value_column = std::max(value_column, std::min(width(values.back()), kMaxValueColumn));
  }
  out << padded("KEY", key_column + 2) << padded("VALUE", value_column + 2) << "SOURCE\n";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::string value = padded(values[i], value_column);
    out << padded(entries[i].key, key_column + 2) << value << "  " << entries[i].source << "\n";
  }
}

void print_json(const App& app, const std::vector<Shown>& entries, std::ostream& out) {
  using ordered = nlohmann::ordered_json;  // keys in the order documented, not sorted
  ordered listing = {{"intent", std::string(to_string(app.intent()))}, {"files", ordered::array()},
                     {"entries", ordered::array()}};
  for (const auto& file : app.config().files()) listing["files"].push_back(file.string());
  for (const Shown& shown : entries) {
    ordered entry = {{"key", shown.key}};
    if (shown.masked != "set" && shown.masked != "empty") entry["value"] = shown.value;
    if (!shown.masked.empty()) entry["masked"] = shown.masked;
    entry["source"] = shown.source;
    listing["entries"].push_back(std::move(entry));
  }
  out << listing.dump(2, ' ', false, ordered::error_handler_t::replace) << "\n";
}

}  // namespace

const CommandSpec kConfigSpec{"config", "[OPTIONS]",
                              "Show the effective configuration of an intent, where each value came from, secrets "
                              "hidden.",
                              kOptions};

int config_command(const App& app, const Arguments& args, Io& io) {
  if (!args.positionals().empty())
    throw UsageError("unexpected argument '" + std::string(args.positionals().front()) + "'");
  std::vector<Shown> entries;
  for (const ConfigEntry& entry : app.config().entries()) entries.push_back(show(entry));  // sorted by key
  if (args.flag("--json")) print_json(app, entries, io.out);
  else print_table(app, entries, io.out);
  return 0;
}

}  // namespace retort::cli

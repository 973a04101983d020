#include "config_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include <retort/config.hpp>

#include "config_text.hpp"

namespace retort::detail {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 4> kSections = {"default", "development", "testing",
                                                       "production"};

// Compiler-style messages about one text (a file, or an environment value),
// with the source line and a caret as retortc's printer makes them: 1-based
// lines and byte columns, tabs expanded to the next multiple of 8 (Clang's
// TextDiagnostic).
class Diagnostics {
 public:
  Diagnostics(std::string name, std::string_view text) : name_(std::move(name)) {
    for (std::size_t start = 0; start <= text.size();) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      std::string_view line = text.substr(start, end - start);
      if (line.ends_with('\r')) line.remove_suffix(1);
      lines_.emplace_back(line);
      start = end + 1;
    }
  }

  void error(const YAML::Mark& at, std::size_t length, const std::string& message) {
    report("error", at, length, message, true);
  }
  // A note at the error's own place shows no second copy of the line.
  void note(const YAML::Mark& at, std::size_t length, const std::string& message, bool source) {
    report("note", at, length, message, source);
  }
  bool empty() const { return text_.empty(); }
  [[noreturn]] void raise() const { throw ConfigError(text_); }

 private:
  void report(std::string_view severity, const YAML::Mark& at, std::size_t length,
              const std::string& message, bool source) {
    const bool placed = !at.is_null() && at.line >= 0 && at.column >= 0;
    std::string text = name_ + ":";
    if (placed) text += std::to_string(at.line + 1) + ":" + std::to_string(at.column + 1) + ":";
    text += " " + std::string(severity) + ": " + message;
    if (placed && source && static_cast<std::size_t>(at.line) < lines_.size()) {
      const std::string& line = lines_[at.line];
      const auto column = static_cast<std::size_t>(at.column);
      std::string expanded, caret;
      for (std::size_t i = 0; i < line.size(); ++i) {
        const std::size_t width = line[i] == '\t' ? 8 - expanded.size() % 8 : 1;
        const char mark = i == column ? '^' : i > column && i < column + length ? '~' : ' ';
        expanded.append(width, line[i] == '\t' ? ' ' : line[i]);
        caret.append(width, mark);
      }
      if (column >= line.size()) caret.append(column - line.size(), ' ') += '^';
      while (!caret.empty() && caret.back() == ' ') caret.pop_back();
      text += "\n" + expanded + "\n" + caret;
    }
    // An anchor merged or aliased twice would report its errors twice.
    if (!seen_.insert(text).second) return;
    text_ += (text_.empty() ? "" : "\n") + text;
  }

  std::string name_;
  std::vector<std::string> lines_;
  std::set<std::string> seen_;
  std::string text_;
};

json child_raw(const json& raw, const std::string& name) {
  if (!raw.is_object()) return nullptr;
  const auto it = raw.find(name);
  return it == raw.end() ? json() : *it;
}

class YamlReader {
 public:
  explicit YamlReader(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  // `config_keys`: mapping keys are config keys (not so inside lists), which
  // may not be empty or hold the '.' that dotted keys use.
  ConfigValue read(const YAML::Node& node, bool config_keys) {
    if (node.IsMap()) return mapping(node, config_keys);
    if (node.IsSequence()) {
      ConfigValue out{json::array(), json::array()};
      bool any_raw = false;
      for (const YAML::Node& item : node) {
        ConfigValue child = read(item, false);
        any_raw = any_raw || !child.raw.is_null();
        out.value.push_back(std::move(child.value));
        out.raw.push_back(std::move(child.raw));
      }
      if (!any_raw) out.raw = nullptr;
      return out;
    }
    if (!node.IsScalar()) return {};  // yaml-cpp resolved null, ~ and nothing itself
    const std::string& text = node.Scalar();
    // "!" is yaml-cpp's tag for quoted and block scalars: strings.
    if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str") return {text, nullptr};
    json value = resolve_plain_scalar(text);
    if (value.is_string()) return {std::move(value), nullptr};
    return {std::move(value), text};
  }

 private:
  ConfigValue mapping(const YAML::Node& node, bool config_keys) {
    ConfigValue out{json::object(), json::object()};
    std::map<std::string, YAML::Mark> seen;
    std::vector<YAML::Node> merges;
    for (const auto& item : node) {
      const YAML::Node& key = item.first;
      if (!key.IsScalar()) {
        diagnostics_.error(key.Mark(), 1, "a mapping key must be a scalar");
        continue;
      }
      const std::string& name = key.Scalar();
      if (name == "<<" && key.Tag() == "?") {
        merges.push_back(item.second);
        continue;
      }
      // yaml-cpp keeps both; PyYAML would keep the last one silently.
      if (const auto [previous, fresh] = seen.try_emplace(name, key.Mark()); !fresh) {
        diagnostics_.error(key.Mark(), name.size(), "duplicate key '" + name + "'");
        diagnostics_.note(previous->second, name.size(), "previous definition is here", true);
        continue;
      }
      if (config_keys && (name.empty() || name.find('.') != std::string::npos)) {
        diagnostics_.error(key.Mark(), name.size(),
                           "config key '" + name +
                               "' may not be empty or contain '.' (a dotted key names a nested "
                               "one)");
        continue;
      }
      ConfigValue child = read(item.second, config_keys);
      out.value[name] = std::move(child.value);
      if (!child.raw.is_null()) out.raw[name] = std::move(child.raw);
    }
    // `<<: *base`, YAML's merge key, which PyYAML reads too: the keys of the
    // merged mappings that this one does not set itself; earlier ones win.
    for (const YAML::Node& merge : merges) {
      std::vector<YAML::Node> bases;
      if (merge.IsSequence()) {
        for (const YAML::Node& base : merge) bases.push_back(base);
      } else {
        bases.push_back(merge);
      }
      for (const YAML::Node& base : bases) {
        if (!base.IsMap()) {
          diagnostics_.error(base.Mark(), 1, "'<<' merges mappings only");
          continue;
        }
        ConfigValue merged = mapping(base, config_keys);
        for (const auto& [name, value] : merged.value.items()) {
          if (out.value.contains(name)) continue;
          out.value[name] = value;
          if (json raw = child_raw(merged.raw, name); !raw.is_null()) out.raw[name] = raw;
        }
      }
    }
    if (out.raw.empty()) out.raw = nullptr;
    return out;
  }

  Diagnostics& diagnostics_;
};

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

std::map<std::string, ConfigValue, std::less<>> read_config_sections(
    const std::filesystem::path& file) {
  const std::string name = file.string();
  std::ifstream in(file, std::ios::binary);
  std::error_code ignored;
  // A directory opens and reads as empty; say what it is instead.
  const int error = !in ? errno : std::filesystem::is_directory(file, ignored) ? EISDIR : 0;
  if (error != 0)
    throw ConfigError(name + ":1:1: error: cannot read config file: " + std::strerror(error));
  const std::string text(std::istreambuf_iterator<char>(in), {});

  Diagnostics diagnostics(name, text);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    diagnostics.error(e.mark, 1, e.msg);
    diagnostics.raise();
  }
  YamlReader reader(diagnostics);
  if (!root.IsNull() && !root.IsMap())
    diagnostics.error(root.Mark(), 1,
                      "a config file is a mapping of sections (default, development, testing, "
                      "production), not " +
                          describe_value(reader.read(root, false).value));

  std::map<std::string, ConfigValue, std::less<>> sections;
  std::map<std::string, YAML::Mark, std::less<>> marks;
  for (const auto& item : root.IsMap() ? root : YAML::Node()) {
    const std::string section = item.first.Scalar();
    const YAML::Mark at = item.first.Mark();
    if (std::find(kSections.begin(), kSections.end(), section) == kSections.end()) {
      diagnostics.error(at, section.size(),
                        "unknown section '" + section +
                            "' (the sections are default, development, testing and production)");
      const std::string suggestion =
          closest_name(section, {kSections.begin(), kSections.end()}, true);
      if (!suggestion.empty())
        diagnostics.note(at, section.size(), "did you mean '" + suggestion + "'?", false);
      continue;
    }
    if (const auto [previous, fresh] = marks.try_emplace(section, at); !fresh) {
      diagnostics.error(at, section.size(), "duplicate section '" + section + "'");
      diagnostics.note(previous->second, section.size(), "previous definition is here", true);
      continue;
    }
    const YAML::Node& body = item.second;
    if (body.IsNull()) {
      sections[section] = {json::object(), nullptr};  // `testing:` with nothing under it
    } else if (body.IsMap()) {
      sections[section] = reader.read(body, true);
    } else {
      diagnostics.error(body.Mark(), 1,
                        "section '" + section + "' must be a mapping, not " +
                            describe_value(reader.read(body, false).value));
    }
  }
  if (!diagnostics.empty()) diagnostics.raise();
  return sections;
}

ConfigValue read_environment_value(const std::string& name, const std::string& value) {
  const std::string_view text = trim(value);
  auto framed = [&](char open, char close) {
    return text.size() >= 2 && text.front() == open && text.back() == close;
  };
  if (framed('[', ']') || framed('{', '}') || framed('"', '"') || framed('\'', '\'')) {
    YAML::Node node;
    try {
      node = YAML::Load(std::string(text));
    } catch (const YAML::Exception&) {
      return {value, nullptr};
    }
    Diagnostics diagnostics(name, text);
    ConfigValue read = YamlReader(diagnostics).read(node, true);
    if (!diagnostics.empty()) diagnostics.raise();
    return read;
  }
  json resolved = resolve_plain_scalar(text);
  if (text.empty() || resolved.is_string()) return {value, nullptr};
  json raw = resolved.is_null() ? json() : json(std::string(text));
  return {std::move(resolved), std::move(raw)};
}

}  // namespace retort::detail

#include "cli/arguments.hpp"

#include <algorithm>
#include <charconv>

namespace retort::cli {

Arguments Arguments::parse(const CommandSpec& spec, std::span<const std::string_view> words) {
  Arguments parsed;
  bool options_ended = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string_view word = words[i];
    if (options_ended || !word.starts_with("--") || word.size() == 2) {
      if (!options_ended && word == "--") {
        options_ended = true;
        continue;
      }
      if (!options_ended && word.starts_with('-') && word.size() > 1)
        throw UsageError("unknown option '" + std::string(word) + "'");
      parsed.positionals_.push_back(word);
      continue;
    }
    std::string_view name = word;
    std::optional<std::string_view> inline_value;
    if (auto equals = word.find('='); equals != std::string_view::npos) {
      name = word.substr(0, equals);
      inline_value = word.substr(equals + 1);
    }
    auto option = std::find_if(spec.options.begin(), spec.options.end(),
                               [&](const Option& o) { return o.name == name; });
    if (option == spec.options.end()) throw UsageError("unknown option '" + std::string(name) + "'");
    if (option->value_name.empty()) {
      if (inline_value) throw UsageError("option '" + std::string(name) + "' takes no value");
      parsed.values_.emplace_back(option->name, std::string_view());
    } else if (inline_value) {
      parsed.values_.emplace_back(option->name, *inline_value);
    } else {
      if (i + 1 >= words.size())
        throw UsageError("option '" + std::string(name) + "' needs a value (" + std::string(option->value_name) + ")");
      parsed.values_.emplace_back(option->name, words[++i]);
    }
  }
  return parsed;
}

bool Arguments::flag(std::string_view name) const {
  return std::any_of(values_.begin(), values_.end(), [&](const auto& v) { return v.first == name; });
}

std::optional<std::string_view> Arguments::value(std::string_view name) const {
  for (auto v = values_.rbegin(); v != values_.rend(); ++v) {
    if (v->first == name) return v->second;
  }
  return std::nullopt;
}

std::optional<unsigned long> Arguments::number(std::string_view name, unsigned long min, unsigned long max) const {
  auto text = value(name);
  if (!text) return std::nullopt;
  unsigned long number = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), number);
  if (text->empty() || error != std::errc() || end != text->data() + text->size() || number < min || number > max)
    throw UsageError("option '" + std::string(name) + "' must be a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max) + ", not '" + std::string(*text) + "'");
  return number;
}

std::optional<std::string_view> Arguments::choice(std::string_view name,
                                                  std::span<const std::string_view> choices) const {
  auto text = value(name);
  if (!text || std::find(choices.begin(), choices.end(), *text) != choices.end()) return text;
  std::string listed;
  for (std::string_view c : choices) listed += (listed.empty() ? "'" : ", '") + std::string(c) + "'";
  throw UsageError("option '" + std::string(name) + "' must be one of " + listed + ", not '" + std::string(*text) + "'");
}

bool asks_for_help(std::span<const std::string_view> words) {
  for (std::string_view word : words) {
    if (word == "--") return false;
    if (word == "--help" || word == "-h") return true;
  }
  return false;
}

std::string help_text(const CommandSpec& spec, std::string_view program) {
  std::string text = "usage: " + std::string(program) + " " + std::string(spec.name);
  if (!spec.usage.empty()) text += " " + std::string(spec.usage);
  text += "\n\n" + std::string(spec.help) + "\n";
  if (spec.options.empty()) return text;
  std::size_t width = 0;
  auto left = [](const Option& o) {
    return std::string(o.name) + (o.value_name.empty() ? "" : " " + std::string(o.value_name));
  };
  for (const Option& o : spec.options) width = std::max(width, left(o).size());
  text += "\noptions:\n";
  for (const Option& o : spec.options) {
    std::string l = left(o);
    text += "  " + l + std::string(width - l.size() + 2, ' ') + std::string(o.help) + "\n";
  }
  return text;
}

}  // namespace retort::cli

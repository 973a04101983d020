// Arguments: one command's words, parsed against what the command accepts.
//
// Small on purpose: long options only (`--port 8000`, `--port=8000`,
// `--json`), positionals, `--` to end options. Debian has no argument
// parser with subcommands that is worth a dependency for five commands.
#pragma once

#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace retort::cli {

// A mistake on the command line: printed with the command's usage, exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Option {
  std::string_view name;        // "--port"
  std::string_view value_name;  // "PORT"; empty: a flag without a value
  std::string_view help;
};

struct CommandSpec {
  std::string_view name;   // "routes"
  std::string_view usage;  // what follows the name in the usage line: "[OPTIONS] [match METHOD PATH | match -]"
  std::string_view help;   // one line
  std::span<const Option> options;
};

class Arguments {
 public:
  // Parses `words` (what follows the command's name). Throws UsageError for
  // an unknown option, a missing or unexpected value, naming it.
  static Arguments parse(const CommandSpec& spec, std::span<const std::string_view> words);

  bool flag(std::string_view name) const;
  // The option's value (the last one given), if it was given.
  std::optional<std::string_view> value(std::string_view name) const;
  // The option's value as a whole number in [min, max]; UsageError naming
  // the option otherwise.
  std::optional<unsigned long> number(std::string_view name, unsigned long min, unsigned long max) const;
  // One of `choices`; UsageError listing them otherwise.
  std::optional<std::string_view> choice(std::string_view name, std::span<const std::string_view> choices) const;
  const std::vector<std::string_view>& positionals() const { return positionals_; }

 private:
  std::vector<std::pair<std::string_view, std::string_view>> values_;  // flags have an empty value
  std::vector<std::string_view> positionals_;
};

// True when `words` asks for help (`--help` or `-h` before any `--`).
bool asks_for_help(std::span<const std::string_view> words);

// `usage: PROGRAM NAME USAGE`, the help line and the options, aligned.
std::string help_text(const CommandSpec& spec, std::string_view program);

}  // namespace retort::cli

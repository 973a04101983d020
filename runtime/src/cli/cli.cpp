// The dispatcher: argv → the built-in command or the app's own, its usage
// and help, and every error turned into a message and an exit status.
#include "retort/cli.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.hpp"

namespace retort {
namespace {

using cli::Arguments;
using cli::CommandSpec;
using cli::UsageError;

std::filesystem::path running_executable(std::string_view argv0) {
  std::error_code error;
  auto path = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) return path;
  return std::filesystem::absolute(std::filesystem::path(argv0), error);
}

std::string overview(const cli::Program& program, const std::vector<Command>& commands) {
  const std::array<const CommandSpec*, 5> builtins = {&cli::kDevelopSpec, &cli::kServeSpec, &cli::kRoutesSpec,
                                                      &cli::kConfigSpec, &cli::kDeploySpec};
  std::size_t width = 0;
  for (const CommandSpec* spec : builtins) width = std::max(width, spec->name.size());
  for (const Command& command : commands) width = std::max(width, command.name.size());
  std::string text = "usage: " + program.name + " COMMAND [ARGS]...\n\ncommands:\n";
  for (const CommandSpec* spec : builtins)
    text += "  " + std::string(spec->name) + std::string(width - spec->name.size() + 2, ' ') + std::string(spec->help) + "\n";
  if (!commands.empty()) {
    text += "\nthe app's commands:\n";
    for (const Command& command : commands)
      text += "  " + command.name + std::string(width - command.name.size() + 2, ' ') + command.help + "\n";
  }
  text += "\n'" + program.name + " COMMAND --help' describes a command.\n";
  return text;
}

// The intent a command's `--intent NAME` names, else `fallback`.
Intent intent_option(const Arguments& args, Intent fallback) {
  auto name = args.value("--intent");
  if (!name) return fallback;
  if (auto intent = parse_intent(*name)) return *intent;
  throw UsageError("option '--intent' must be 'development', 'testing' or 'production', not '" + std::string(*name) + "'");
}

int run_builtin(const CommandSpec& spec, std::span<const std::string_view> words, const AppFactory& factory,
                cli::Io& io, const cli::Program& program) {
  const Arguments args = Arguments::parse(spec, words);
  if (&spec == &cli::kDevelopSpec) return cli::develop_command(factory, args, io, program);
  if (&spec == &cli::kServeSpec) return cli::serve_command(factory, args, io, program);
  if (&spec == &cli::kRoutesSpec) return cli::routes_command(factory(intent_option(args, Intent::development)), args, io);
  if (&spec == &cli::kConfigSpec) return cli::config_command(factory(intent_option(args, Intent::development)), args, io);
  return cli::deploy_command(factory(Intent::production), args, io, program);
}

int run_app_command(const Command& command, std::span<const std::string_view> words, const AppFactory& factory,
                    cli::Io& io, const std::string& program_name) {
  Intent intent = command.intent;
  std::optional<std::string_view> name;  // `--intent NAME` or `--intent=NAME`, before the command's own words
  if (!words.empty() && words[0].starts_with("--intent=")) {
    name = words[0].substr(9);
    words = words.subspan(1);
  } else if (!words.empty() && words[0] == "--intent") {
    if (words.size() < 2) throw UsageError("option '--intent' needs a value (NAME)");
    name = words[1];
    words = words.subspan(2);
  }
  if (name) {
    auto parsed = parse_intent(*name);
    if (!parsed)
      throw UsageError("option '--intent' must be 'development', 'testing' or 'production', not '" +
                       std::string(*name) + "'");
    intent = *parsed;
  }
  if (!words.empty() && (words[0] == "--help" || words[0] == "-h")) {
    io.out << "usage: " << program_name << " " << command.name << " [--intent NAME] [ARGS]...\n\n"
           << command.help << "\n";
    return 0;
  }
  App app = factory(intent);
  app.enter();
  CommandContext context{app, words, io.in, io.out, io.err};
  return command.run(context);
}

}  // namespace

void cli::say(std::ostream& out, std::string_view line) {
  std::string whole(line);
  whole += '\n';
  out.write(whole.data(), static_cast<std::streamsize>(whole.size()));
  out.flush();
}

int run_cli(int argc, const char* const* argv, AppFactory factory, std::vector<Command> commands) {
  cli::Program program;
  program.name = argc > 0 && argv[0] != nullptr ? argv[0] : "app";
  program.executable = running_executable(program.name);
  for (int i = 0; i < argc; ++i) program.argv.emplace_back(argv[i]);
  cli::Io io{std::cin, std::cout, std::cerr, ::isatty(STDERR_FILENO) == 1};

  const std::array<const CommandSpec*, 5> builtins = {&cli::kDevelopSpec, &cli::kServeSpec, &cli::kRoutesSpec,
                                                      &cli::kConfigSpec, &cli::kDeploySpec};
  for (const Command& command : commands) {
    const bool taken = std::any_of(builtins.begin(), builtins.end(),
                                   [&](const CommandSpec* spec) { return spec->name == command.name; }) ||
                       std::count_if(commands.begin(), commands.end(),
                                     [&](const Command& other) { return other.name == command.name; }) > 1;
    if (taken || command.name.empty() || command.name.starts_with('-') || command.name == "help" || !command.run) {
      io.err << program.name << ": the app's command '" << command.name
             << "' is unnamed, unrunnable, or named as another command\n";
      return 1;
    }
  }

  if (argc < 2) {
    io.err << overview(program, commands);
    return 2;
  }
  const std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    io.out << overview(program, commands);
    return 0;
  }
  std::vector<std::string_view> words(argv + 2, argv + argc);

  const CommandSpec* builtin = nullptr;
  for (const CommandSpec* spec : builtins) {
    if (spec->name == name) builtin = spec;
  }
  auto app_command = std::find_if(commands.begin(), commands.end(), [&](const Command& c) { return c.name == name; });
  if (builtin == nullptr && app_command == commands.end()) {
    io.err << program.name << ": no command '" << name << "'\n\n" << overview(program, commands);
    return 2;
  }

  try {
    if (builtin != nullptr) {
      if (cli::asks_for_help(words)) {
        io.out << cli::help_text(*builtin, program.name);
        return 0;
      }
      return run_builtin(*builtin, words, factory, io, program);
    }
    return run_app_command(*app_command, words, factory, io, program.name);
  } catch (const UsageError& e) {
    io.err << program.name << " " << name << ": " << e.what() << "\n";
    if (builtin != nullptr) io.err << "\n" << cli::help_text(*builtin, program.name);
    return 2;
  } catch (const std::exception& e) {
    io.err << program.name << " " << name << ": error: " << e.what() << "\n";
    return 1;
  } catch (...) {
    io.err << program.name << " " << name << ": error: an exception of unknown type\n";
    return 1;
  }
}

}  // namespace retort

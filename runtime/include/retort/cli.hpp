// The command line: a built app is its own tool. Its main() is one call,
//
//   int main(int argc, char** argv) { return retort::run_cli(argc, argv, create_app); }
//
// and `./app COMMAND` does the rest (docs/cli.md):
//
//   develop   development server: debug pages, coloured log, reloads on rebuild
//   serve     production server: threads, graceful shutdown, access log
//   routes    the route table as `flask routes` prints it; `routes match`
//   config    the effective configuration of an intent, and where each value came from
//   deploy    an nginx server block and a systemd unit for production
//
// Each command makes the app for its intent with the factory; `develop`,
// `serve` and the app's own commands then enter() it (App::on_enter).
#pragma once

#include <functional>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "retort/app.hpp"
#include "retort/intent.hpp"

namespace retort {

// Makes a configured app for an intent: the application factory.
using AppFactory = std::function<App(Intent)>;

// What an application's own command receives.
struct CommandContext {
  App& app;                                 // made for the command's intent, entered
  std::span<const std::string_view> args;   // the words after the command's name
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

// An application's own command: `./app NAME ARGS...`.
struct Command {
  std::string name;
  std::string help;                      // one line, for `./app --help`
  Intent intent = Intent::development;   // `--intent NAME` before its arguments overrides it
  std::function<int(CommandContext&)> run;  // returns the exit status
};

// Runs the command argv names, with the built-in commands and `commands`.
// Returns the process's exit status: 0, 1 when the command failed, 2 for a
// usage error; it prints errors and never throws.
int run_cli(int argc, const char* const* argv, AppFactory factory, std::vector<Command> commands = {});

}  // namespace retort

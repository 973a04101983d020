// What the built-in commands share: their streams and the running program.
// Each command is one file (routes_command.cpp, config_command.cpp, …) with
// a CommandSpec and a function; cli.cpp dispatches to them.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "cli/arguments.hpp"
#include "retort/app.hpp"
#include "retort/cli.hpp"

namespace retort::cli {

struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool err_is_tty = false;  // the request log is coloured only then
};

struct Program {
  std::string name;                   // argv[0] as typed, for messages and usage lines
  std::filesystem::path executable;   // the running binary, absolute (/proc/self/exe)
  std::vector<std::string> argv;      // the whole command line, for re-running it
};

// Writes `line` and a newline in one write: other threads and processes
// (a develop child's request log) share the stream, and a line written in
// pieces could be cut by theirs.
void say(std::ostream& out, std::string_view line);

// The built-in commands. Each gets the app made for its intent (not
// entered, except develop and serve, which enter it themselves), its parsed
// arguments, and returns the exit status. UsageError propagates to the
// dispatcher, which prints it with the usage (status 2).
extern const CommandSpec kRoutesSpec;
int routes_command(const App& app, const Arguments& args, Io& io);

extern const CommandSpec kConfigSpec;
int config_command(const App& app, const Arguments& args, Io& io);

extern const CommandSpec kDeploySpec;
int deploy_command(const App& app, const Arguments& args, Io& io, const Program& program);

// develop and serve make (and enter) the app themselves: develop's reloader
// runs it in a child process, never in the supervisor.
extern const CommandSpec kDevelopSpec;
int develop_command(const AppFactory& factory, const Arguments& args, Io& io, const Program& program);

extern const CommandSpec kServeSpec;
int serve_command(const AppFactory& factory, const Arguments& args, Io& io, const Program& program);

}  // namespace retort::cli

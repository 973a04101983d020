// `develop`: the development server. Development config, the debug page for
// exceptions (App), Werkzeug's request log (coloured on a terminal), and a
// reloader that serves each new build of the executable as soon as it is
// linked (reloader.hpp). The same command runs as the supervisor and, with
// the reloader's environment variables set, as the child serving one build.
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <mutex>

#include "cli/command.hpp"
#include "cli/listen_socket.hpp"
#include "cli/reloader.hpp"
#include "cli/request_log.hpp"
#include "cli/run_server.hpp"
#include "cli/server_settings.hpp"

namespace retort::cli {
namespace {

constexpr Option kOptions[] = {
    {"--host", "HOST", "the address to listen on (default: 127.0.0.1)"},
    {"--port", "PORT", "the port (default: 5000)"},
    {"--threads", "N", "worker threads (default: one per core)"},
    {"--no-reload", "", "serve this build only; do not watch the executable"},
};

// A whole number from the environment variable `name`, or -1.
int fd_from_environment(const char* name) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return -1;
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  return *end == '\0' && value >= 0 && value < 65536 ? static_cast<int>(value) : -1;
}

// Serves one build: the app for development, entered, on `listen_fd` (the
// supervisor's socket) or on its own socket. `started` runs once it serves.
int serve_development(const AppFactory& factory, const Arguments& args, Io& io, int listen_fd,
                      const std::function<void(const Server&, const ServerOptions&)>& started) {
  const sigset_t stop_signals = block_stop_signals();
  App app = factory(Intent::development);
  ServerOptions options = server_options(app, args, "127.0.0.1", 5000);
  options.listen_fd = listen_fd;
  std::mutex log_mutex;
  const bool colour = io.err_is_tty;
  options.access_log = [&io, &log_mutex, colour](const AccessLogEntry& entry) {
    std::string line = development_log_line(entry, colour);
    line += '\n';
    std::lock_guard lock(log_mutex);
    io.err << line << std::flush;
  };
  app.enter();
  Server server(app, options);
  return run_server(server, stop_signals, std::chrono::seconds(5), io,
                    [&] { started(server, options); });
}

void print_banner(Io& io, const Program& program, const std::string& host, std::uint16_t port, bool reloading) {
  // Every interface includes loopback: the URL to open here.
  const std::string shown_host = host == "0.0.0.0" || host == "::" || host == "[::]" ? "127.0.0.1" : url_host(host);
  std::string banner = " * Serving " + program.executable.filename().string() + " (development)\n * Running on http://" +
                       shown_host + ":" +
                       std::to_string(port) + "/ (Ctrl+C to quit)";
  if (reloading) banner += "\n * Reloading when " + program.executable.string() + " is rebuilt";
  if (host != "127.0.0.1" && host != "localhost" && host != "::1" && host != "[::1]")
    banner += "\n * Warning: " + host + " is reachable from other machines, and the debug page shows them "
              "your exceptions and request headers. Use `serve` for anything but development.";
  say(io.err, banner);
}

}  // namespace

const CommandSpec kDevelopSpec{"develop", "[OPTIONS]",
                               "Run the development server: debug pages, a request log, reloads on rebuild.",
                               kOptions};

int develop_command(const AppFactory& factory, const Arguments& args, Io& io, const Program& program) {
  // A child of the reloader: serve this build on the supervisor's socket,
  // and tell it once serving.
  if (const int listen_fd = fd_from_environment(kListenFdVariable); listen_fd >= 0) {
    const int ready_fd = fd_from_environment(kReadyFdVariable);
    // Not for the app's own subprocesses (a hook may start one): they would
    // keep the port bound, or the pipe open so the supervisor never hears
    // that this build failed.
    ::unsetenv(kListenFdVariable);
    ::unsetenv(kReadyFdVariable);
    ::fcntl(listen_fd, F_SETFD, FD_CLOEXEC);
    if (ready_fd >= 0) ::fcntl(ready_fd, F_SETFD, FD_CLOEXEC);
    return serve_development(factory, args, io, listen_fd, [ready_fd](const Server&, const ServerOptions&) {
      if (ready_fd < 0) return;
      [[maybe_unused]] auto written = ::write(ready_fd, "ready\n", 6);
      ::close(ready_fd);
    });
  }

  if (args.flag("--no-reload")) {
    return serve_development(factory, args, io, -1, [&](const Server& server, const ServerOptions& options) {
      print_banner(io, program, options.host, server.port(), false);
    });
  }

  // The supervisor: it binds the socket (so a taken port fails here, once)
  // and never makes the app itself.
  const sigset_t stop_signals = block_stop_signals();
  const std::string host(args.value("--host").value_or("127.0.0.1"));
  const auto port = static_cast<std::uint16_t>(args.number("--port", 0, 65535).value_or(5000));
  args.number("--threads", 1, 1024);  // a bad value is a usage error now, not in every child
  ListenSocket socket(host, port);
  print_banner(io, program, host, socket.port(), true);
  Reloader reloader(program, io, socket.fd());
  return reloader.run(stop_signals);
}

}  // namespace retort::cli

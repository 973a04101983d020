// `serve`: the production server. Production config, a worker thread per
// core, the Combined Log Format on stdout, X-Forwarded-* trusted only as
// far as PROXY_FIX says, a graceful stop on SIGTERM, and no start at all
// with the development secret key.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>

#include "cli/command.hpp"
#include "cli/request_log.hpp"
#include "cli/run_server.hpp"
#include "cli/server_settings.hpp"

namespace retort::cli {
namespace {

constexpr Option kOptions[] = {
    {"--host", "HOST", "the address to listen on (default: 127.0.0.1; 0.0.0.0 for every interface)"},
    {"--port", "PORT", "the port (default: 8000)"},
    {"--threads", "N", "worker threads (default: one per core)"},
    {"--shutdown-timeout", "SECONDS", "how long SIGTERM waits for requests in flight (default: 30)"},
    {"--access-log", "FILE", "where the access log goes: a file, '-' for stdout (default), 'off'"},
};

// Writes whole lines from every worker thread.
class AccessLog {
 public:
  explicit AccessLog(std::ostream& out) : out_(out) {}
  void write(const AccessLogEntry& entry) {
    std::string line = combined_log_line(entry);
    line += '\n';
    std::lock_guard lock(mutex_);
    out_ << line << std::flush;
    if (!out_) {
      // A full disk, say: the stream stays failed until cleared, and every
      // later line would be lost without a word.
      out_.clear();
      if (!failed_) std::cerr << "warning: cannot write the access log; lines are being lost" << std::endl;
      failed_ = true;
    } else {
      failed_ = false;
    }
  }

 private:
  std::mutex mutex_;
  std::ostream& out_;
  bool failed_ = false;  // warned about the current run of failures
};

}  // namespace

const CommandSpec kServeSpec{"serve", "[OPTIONS]",
                             "Run the production server (production config; SIGTERM stops it gracefully).", kOptions};

int serve_command(const AppFactory& factory, const Arguments& args, Io& io, const Program& program) {
  const sigset_t stop_signals = block_stop_signals();  // before any thread starts
  const auto timeout = std::chrono::seconds(
      args.number("--shutdown-timeout", 0, 3600).value_or(kServeShutdownTimeout.count()));

  App app = factory(Intent::production);
  check_production_secret_key(app, io.err);

  ServerOptions options = server_options(app, args, "127.0.0.1", 8000);

  std::unique_ptr<std::ofstream> log_file;
  std::unique_ptr<AccessLog> access_log;
  const std::string_view log_target = args.value("--access-log").value_or("-");
  if (log_target != "off") {
    std::ostream* out = &io.out;
    if (log_target != "-") {
      log_file = std::make_unique<std::ofstream>(std::string(log_target), std::ios::app);
      if (!*log_file) throw std::runtime_error("cannot open the access log '" + std::string(log_target) + "'");
      out = log_file.get();
    }
    access_log = std::make_unique<AccessLog>(*out);
    options.access_log = [log = access_log.get()](const AccessLogEntry& entry) { log->write(entry); };
  }

  app.enter();
  Server server(app, options);
  return run_server(server, stop_signals, timeout, io, [&] {
    say(io.err, "Serving " + program.executable.filename().string() + " (production) on http://" + url_host(options.host) + ":" +
                    std::to_string(server.port()) + "/ with " + std::to_string(options.threads) + " thread" +
                    (options.threads == 1 ? "" : "s") + " (SIGTERM or Ctrl+C stops it)");
  });
}

}  // namespace retort::cli

#include "cli/run_server.hpp"

#include <pthread.h>

#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <future>
#include <ostream>

namespace retort::cli {

sigset_t block_stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

int run_server(Server& server, const sigset_t& stop_signals, std::chrono::milliseconds shutdown_timeout, Io& io,
               const std::function<void()>& started) {
  server.start();
  started();
  int signal = 0;
  while (sigwait(&stop_signals, &signal) != 0) {
  }
  say(io.err, std::string("Received ") + (signal == SIGINT ? "SIGINT" : "SIGTERM") +
                  ": finishing the requests in flight (up to " +
                  std::to_string(std::chrono::duration_cast<std::chrono::seconds>(shutdown_timeout).count()) + " s)");
  // The shutdown waits for handlers; meanwhile a second Ctrl+C means "now".
  // Another SIGTERM does not: a supervisor (systemd, timeout(1), develop's
  // reloader) may send one to the process and one to its group, a moment
  // apart. And a handler that never returns would hold the shutdown (which
  // joins the worker threads) forever: past the timeout and a grace to
  // close connections, the process ends without it.
  const auto first = std::chrono::steady_clock::now();
  const auto give_up = first + shutdown_timeout + std::chrono::seconds(5);
  auto finished = std::async(std::launch::async, [&] { return server.shutdown(shutdown_timeout); });
  const timespec tick{0, 100'000'000};
  while (finished.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    if (sigtimedwait(&stop_signals, nullptr, &tick) == SIGINT &&
        std::chrono::steady_clock::now() - first > std::chrono::milliseconds(500)) {
      say(io.err, "Received a second SIGINT: stopping now");
      std::_Exit(1);
    }
    if (std::chrono::steady_clock::now() > give_up) {
      say(io.err, "Some requests did not finish within the shutdown timeout, and a handler is still running: "
                  "stopping now");
      std::_Exit(1);
    }
  }
  if (!finished.get()) {
    say(io.err, "Some requests did not finish within the shutdown timeout; their connections were closed");
    return 1;
  }
  say(io.err, "Stopped");
  return 0;
}

}  // namespace retort::cli

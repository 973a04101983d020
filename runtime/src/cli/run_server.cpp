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
  io.err << "Received " << (signal == SIGINT ? "SIGINT" : "SIGTERM") << ": finishing the requests in flight (up to "
         << std::chrono::duration<double>(shutdown_timeout).count() << " s)" << std::endl;
  // The shutdown waits for handlers; meanwhile a second Ctrl+C means "now".
  // Another SIGTERM does not: a supervisor (systemd, timeout(1), develop's
  // reloader) may send one to the process and one to its group.
  const auto first = std::chrono::steady_clock::now();
  auto finished = std::async(std::launch::async, [&] { return server.shutdown(shutdown_timeout); });
  const timespec tick{0, 100'000'000};
  while (finished.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    if (sigtimedwait(&stop_signals, nullptr, &tick) == SIGINT &&
        std::chrono::steady_clock::now() - first > std::chrono::milliseconds(500)) {
      io.err << "Received a second signal: stopping now" << std::endl;
      std::_Exit(1);
    }
  }
  if (!finished.get()) {
    io.err << "Some requests did not finish within the shutdown timeout; their connections were closed" << std::endl;
    return 1;
  }
  io.err << "Stopped" << std::endl;
  return 0;
}

}  // namespace retort::cli

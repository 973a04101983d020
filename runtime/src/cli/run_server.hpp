// Running a server until the process is told to stop: what `serve`, a
// `develop` child and `develop --no-reload` share.
#pragma once

#include <chrono>
#include <csignal>
#include <functional>

#include "cli/command.hpp"
#include "retort/server.hpp"

namespace retort::cli {

// Blocks SIGINT and SIGTERM in the calling thread, so every thread started
// after it inherits the mask and run_server's sigwait is the only place
// they arrive. Call it before anything starts a thread.
sigset_t block_stop_signals();

// Starts `server`, calls `started` (the banner, a readiness note), waits for
// SIGINT or SIGTERM, then shuts down gracefully within `shutdown_timeout`;
// a second SIGINT meanwhile (Ctrl+C again) ends the process at once. Returns the exit status.
int run_server(Server& server, const sigset_t& stop_signals, std::chrono::milliseconds shutdown_timeout, Io& io,
               const std::function<void()>& started);

}  // namespace retort::cli

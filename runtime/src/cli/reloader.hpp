// Reloader: `develop`'s supervisor. It owns the listening socket and runs
// the app in a child process started from the executable's file; when that
// file is rebuilt it starts the new build on the same socket, and only once
// the new build says it is serving does it stop the old one gracefully, so
// no request fails across a rebuild. A build that does not start (it
// crashes, its factory throws, the file is half written) changes nothing:
// the previous build keeps serving until a good one arrives.
//
// Unlike Werkzeug's reloader, which restarts the whole process and drops
// connections meanwhile, the supervisor's own code never changes; each
// child is a fresh exec of the file, told by two environment variables
// which socket to serve on and where to say it is ready.
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.hpp"

namespace retort::cli {

// Set in a develop child's environment: the inherited listening socket and
// the pipe to write "ready\n" to once it serves.
inline constexpr char kListenFdVariable[] = "RETORT_DEVELOP_LISTEN_FD";
inline constexpr char kReadyFdVariable[] = "RETORT_DEVELOP_READY_FD";

class Reloader {
 public:
  Reloader(const Program& program, Io& io, int listen_fd);
  // Runs until SIGINT or SIGTERM (which the caller has blocked), then stops
  // the child. Returns the exit status.
  int run(const sigset_t& stop_signals);

 private:
  // Starts the executable as a child and waits until it serves; the pid, or
  // nullopt after saying why it did not start. It gives up on the child
  // early when a stop signal arrives (stop_requested_) or the file changes
  // again (the next build is tried instead).
  std::optional<pid_t> start_child();
  // SIGTERM, then up to kStopTimeout for its graceful stop, then SIGKILL.
  void stop_child(pid_t pid);

  struct FileState {
    bool exists = false;
    std::filesystem::file_time_type modified;
    std::uintmax_t size = 0;
    ino_t inode = 0;
    bool operator==(const FileState&) const = default;
  };
  FileState look() const;

  const Program& program_;
  Io& io_;
  const int listen_fd_;
  sigset_t stop_signals_{};
  bool stop_requested_ = false;
};

}  // namespace retort::cli

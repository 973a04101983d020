#include "cli/reloader.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ostream>
#include <algorithm>
#include <thread>

extern char** environ;

namespace retort::cli {
namespace {

using Clock = std::chrono::steady_clock;

// How often the executable is looked at, and how long it must stay
// unchanged before a build counts as finished (a linker writes in steps).
constexpr auto kPollInterval = std::chrono::milliseconds(200);
constexpr auto kSettleTime = std::chrono::milliseconds(400);
// How long a new build may take to start serving (its factory may open
// files, parse templates), and an old one to finish its requests.
constexpr auto kStartTimeout = std::chrono::seconds(60);
constexpr auto kStopTimeout = std::chrono::seconds(10);

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return std::string("signal ") + ::strsignal(WTERMSIG(status));
  return "status " + std::to_string(status);
}

// The child's environment: ours, minus stale develop variables, plus the
// two that make it a develop child.
std::vector<std::string> child_environment(int listen_fd, int ready_fd) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string_view text = *entry;
    if (text.starts_with(kListenFdVariable) || text.starts_with(kReadyFdVariable)) continue;
    env.emplace_back(text);
  }
  env.push_back(std::string(kListenFdVariable) + "=" + std::to_string(listen_fd));
  env.push_back(std::string(kReadyFdVariable) + "=" + std::to_string(ready_fd));
  return env;
}

}  // namespace

Reloader::Reloader(const Program& program, Io& io, int listen_fd)
    : program_(program), io_(io), listen_fd_(listen_fd) {}

Reloader::FileState Reloader::look() const {
  struct stat info {};
  if (::stat(program_.executable.c_str(), &info) != 0) return {};
  std::error_code error;
  return {true, std::filesystem::last_write_time(program_.executable, error), static_cast<std::uintmax_t>(info.st_size),
          info.st_ino};
}

std::optional<pid_t> Reloader::start_child() {
  int ready[2];
  if (::pipe2(ready, O_CLOEXEC) != 0) {
    say(io_.err, std::string(" * Cannot start the app: pipe: ") + std::strerror(errno));
    return std::nullopt;
  }
  // Everything exec needs is made before fork: the child only execs.
  std::vector<std::string> env = child_environment(listen_fd_, ready[1]);
  std::vector<char*> envp;
  for (std::string& entry : env) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = program_.argv;
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const std::string path = program_.executable.string();

  const pid_t supervisor = ::getpid();
  const FileState started_from = look();
  const pid_t pid = ::fork();
  if (pid < 0) {
    say(io_.err, std::string(" * Cannot start the app: fork: ") + std::strerror(errno));
    ::close(ready[0]);
    ::close(ready[1]);
    return std::nullopt;
  }
  if (pid == 0) {
    // The child: die with the supervisor (a killed supervisor must not leave
    // a build holding the port), hand over the socket and the pipe's write
    // end, undo the signal mask (exec keeps it), and become the new build.
    // Only async-signal-safe calls between fork and exec.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != supervisor) ::_exit(127);  // it died before prctl
    ::fcntl(listen_fd_, F_SETFD, 0);
    ::fcntl(ready[1], F_SETFD, 0);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execve(path.c_str(), argv.data(), envp.data());
    // strerror is not async-signal-safe: the number, in digits made here.
    char message[] = " * Cannot run the new build: execve failed with errno 000\n";
    const int error = errno;
    char* digits = message + sizeof message - 5;
    digits[0] = static_cast<char>('0' + error / 100 % 10);
    digits[1] = static_cast<char>('0' + error / 10 % 10);
    digits[2] = static_cast<char>('0' + error % 10);
    [[maybe_unused]] auto written = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(127);
  }
  ::close(ready[1]);

  // Wait for "ready\n"; end of file first means the build did not start.
  std::string said;
  const auto deadline = Clock::now() + kStartTimeout;
  bool ok = false;
  bool given_up = false;  // a stop signal, or a newer build
  while (Clock::now() < deadline) {
    const timespec now{0, 0};
    if (const int signal = ::sigtimedwait(&stop_signals_, nullptr, &now); signal == SIGINT || signal == SIGTERM) {
      stop_requested_ = given_up = true;
      break;
    }
    if (!(look() == started_from)) {
      say(io_.err, " * A newer build arrived while this one was starting");
      given_up = true;
      break;
    }
    pollfd wait{ready[0], POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    const auto slice = std::min<long>(std::max<long>(left.count(), 1), kPollInterval.count());
    if (::poll(&wait, 1, static_cast<int>(slice)) <= 0) continue;
    char buffer[16];
    const ssize_t got = ::read(ready[0], buffer, sizeof buffer);
    if (got > 0) {
      said.append(buffer, static_cast<std::size_t>(got));
      if (said.find('\n') != std::string::npos) {
        ok = said == "ready\n";
        break;
      }
    } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
      break;
    }
  }
  ::close(ready[0]);
  if (ok) return pid;

  // The pipe closed without "ready" (the build exited, or is exiting: a
  // process closes its files before it can be waited for), or time ran out.
  if (given_up) {  // it is not serving yet: nothing to finish gracefully
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return std::nullopt;
  }
  const bool timed_out = Clock::now() >= deadline;
  int status = 0;
  const auto grace = Clock::now() + std::chrono::seconds(2);
  pid_t reaped = 0;
  while (!timed_out && (reaped = ::waitpid(pid, &status, WNOHANG)) == 0 && Clock::now() < grace)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (reaped != pid) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    say(io_.err, timed_out ? " * The build did not start serving within " + std::to_string(kStartTimeout.count()) + " s"
                           : " * The build closed its readiness pipe without serving; stopped it");
  } else {
    say(io_.err, " * The build did not start (" + describe_status(status) + ")");
  }
  return std::nullopt;
}

void Reloader::stop_child(pid_t pid) {
  ::kill(pid, SIGTERM);
  const auto deadline = Clock::now() + kStopTimeout;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (Clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

int Reloader::run(const sigset_t& stop_signals) {
  stop_signals_ = stop_signals;
  const std::string name = program_.executable.filename().string();
  FileState seen = look();
  pid_t child = start_child().value_or(-1);
  if (stop_requested_) return 0;
  if (child < 0) say(io_.err, " * Waiting for a build of " + program_.executable.string() + " that starts");
  bool changed = false;  // a change not yet acted on, seen at changed_at
  Clock::time_point changed_at;

  for (;;) {
    const timespec tick{0, std::chrono::nanoseconds(kPollInterval).count()};
    const int signal = ::sigtimedwait(&stop_signals, nullptr, &tick);
    if (signal == SIGINT || signal == SIGTERM) {
      if (child >= 0) stop_child(child);
      return 0;
    }
    if (child >= 0) {
      int status = 0;
      if (::waitpid(child, &status, WNOHANG) == child) {
        say(io_.err, " * The app stopped (" + describe_status(status) + "); waiting for a new build");
        child = -1;
      }
    }
    const FileState now = look();
    if (!(now == seen)) {
      seen = now;
      changed = true;
      changed_at = Clock::now();
      continue;
    }
    if (!changed || Clock::now() - changed_at < kSettleTime || !now.exists) continue;
    changed = false;

    say(io_.err, " * Detected a new build of " + name + ", reloading");
    std::optional<pid_t> next = start_child();
    if (stop_requested_) {
      if (child >= 0) stop_child(child);
      return 0;
    }
    if (next) {
      if (child >= 0) stop_child(child);  // the new build already serves
      child = *next;
      say(io_.err, " * Serving the new build (pid " + std::to_string(child) + ")");
    } else if (child >= 0) {
      say(io_.err, " * Still serving the previous build");
    }
  }
}

}  // namespace retort::cli

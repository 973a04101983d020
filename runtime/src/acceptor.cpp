#include "acceptor.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace retort::detail {
namespace {

// Connections accepted before the thread polls again (and so notices stop()).
constexpr int kAcceptBatch = 64;
// At most what Linux queues by default (net.core.somaxconn).
constexpr int kMaxBacklogTaken = 4096;
// How long accepting pauses when the process or the system is out of file
// descriptors or memory. The listening socket stays readable meanwhile, so
// polling it again at once would spin; the clients wait in the kernel's
// backlog instead, and are served once connections close and free fds.
constexpr int kBackOffMs = 100;

std::runtime_error system_error(int error) { return std::runtime_error(std::strerror(error)); }

std::uint16_t bound_port(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return 0;
  if (address.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in&>(address).sin_port);
  if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6&>(address).sin6_port);
  return 0;
}

// One listening socket for one getaddrinfo() result, or -1 with errno set.
int listen_on(const addrinfo& address) {
  int fd = ::socket(address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, address.ai_protocol);
  if (fd < 0) return -1;
  // A restarted server must not wait out TIME_WAIT of the last one's
  // connections before it can bind again.
  int one = 1;
  if (::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
      ::bind(fd, address.ai_addr, address.ai_addrlen) == 0 && ::listen(fd, SOMAXCONN) == 0)
    return fd;
  const int error = errno;
  ::close(fd);
  errno = error;
  return -1;
}

}  // namespace

int Acceptor::open_listening_socket(const std::string& host, std::uint16_t port) {
  std::string name = host;
  if (name.size() >= 2 && name.front() == '[' && name.back() == ']') name = name.substr(1, name.size() - 2);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;  // an empty host: every interface
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (int rc = ::getaddrinfo(name.empty() ? nullptr : name.c_str(), service.c_str(), &hints, &found); rc != 0)
    throw std::runtime_error(rc == EAI_SYSTEM ? std::strerror(errno) : ::gai_strerror(rc));
  int fd = -1, error = EADDRNOTAVAIL;
  for (const addrinfo* address = found; address && fd < 0; address = address->ai_next) {
    fd = listen_on(*address);
    if (fd < 0) error = errno;
  }
  ::freeaddrinfo(found);
  if (fd < 0) throw system_error(error);
  return fd;
}

Acceptor Acceptor::bind(const std::string& host, std::uint16_t port) {
  const int fd = open_listening_socket(host, port);
  try {
    return Acceptor(fd, false);
  } catch (...) {
    ::close(fd);
    throw;
  }
}

Acceptor Acceptor::adopt(int fd) {
  int type = 0, listening = 0;
  socklen_t length = sizeof type;
  if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) != 0) throw system_error(errno);
  length = sizeof listening;
  if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length) != 0) throw system_error(errno);
  if (type != SOCK_STREAM || !listening) throw std::runtime_error("not a listening stream socket");
  // O_NONBLOCK belongs to the open file, so it is set for every process
  // sharing the socket; they all must poll before accept() anyway.
  const int status = ::fcntl(fd, F_GETFL);
  if (status < 0 || ::fcntl(fd, F_SETFL, status | O_NONBLOCK) != 0) throw system_error(errno);
  // FD_CLOEXEC is this process's alone: what a handler runs does not get
  // the socket (and keep the port busy after the server is gone).
  const int flags = ::fcntl(fd, F_GETFD);
  if (flags < 0 || ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC) != 0) throw system_error(errno);
  return Acceptor(fd, true);
}

Acceptor::Acceptor(int fd, bool adopted) : fd_(fd), adopted_(adopted) {
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd_ < 0) throw system_error(errno);
}

Acceptor::Acceptor(Acceptor&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      adopted_(other.adopted_),
      wake_fd_(std::exchange(other.wake_fd_, -1)),
      on_accept_(std::move(other.on_accept_)),
      thread_(std::move(other.thread_)) {}

Acceptor::~Acceptor() {
  stop(Backlog::reset);
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

std::uint16_t Acceptor::port() const { return fd_ >= 0 ? bound_port(fd_) : 0; }

std::uint16_t Acceptor::port_of(int fd) { return bound_port(fd); }

void Acceptor::start(OnAccept on_accept) {
  on_accept_ = std::move(on_accept);
  thread_ = std::thread([this] { run(); });
}

void Acceptor::stop(Backlog backlog) {
  if (thread_.joinable()) {
    const std::uint64_t one = 1;
    // Cannot fail short of a counter overflow; the eventfd stays readable,
    // so every poll() of the accept thread from now on returns at once
    // (and so does back_off()).
    [[maybe_unused]] ssize_t written = ::write(wake_fd_, &one, sizeof one);
    thread_.join();
    // Bounded: clients may keep connecting while it runs.
    if (backlog == Backlog::take && !adopted_)
      for (int i = 0; i < kMaxBacklogTaken && accept_one() == Accepted::one; ++i) {
      }
  }
  if (!adopted_ && fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void Acceptor::run() {
  pollfd polled[2] = {{wake_fd_, POLLIN, 0}, {fd_, POLLIN, 0}};
  bool accepting = true;
  while (true) {
    // Once the socket cannot accept any more, wait for stop() alone.
    if (::poll(polled, accepting ? 2 : 1, -1) < 0) {
      if (errno != EINTR) back_off();  // ENOMEM; nothing else can happen here
      continue;
    }
    if (polled[0].revents != 0) return;
    if (accepting && polled[1].revents != 0) accepting = accept_ready();
  }
}

bool Acceptor::accept_ready() {
  for (int i = 0; i < kAcceptBatch; ++i) {
    switch (accept_one()) {
      case Accepted::one: continue;
      case Accepted::none: return true;
      case Accepted::broken: return false;
    }
  }
  return true;
}

Acceptor::Accepted Acceptor::accept_one() {
  while (true) {
    sockaddr_storage peer{};
    socklen_t length = sizeof peer;
    const int fd = ::accept4(fd_, reinterpret_cast<sockaddr*>(&peer), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      on_accept_(fd, peer);
      return Accepted::one;
    }
    switch (errno) {
      case EAGAIN:  // the backlog is empty, or another process sharing the socket took the connection
        return Accepted::none;
      case EMFILE:
      case ENFILE:
      case ENOBUFS:
      case ENOMEM:
        back_off();
        return Accepted::none;
      case EBADF:
      case EINVAL:  // the socket was shut down, or is not listening any more
      case ENOTSOCK:
      case EFAULT:
        return Accepted::broken;
      default:
        // ECONNABORTED and EPROTO (the client gave up while it waited in the
        // backlog), EINTR, EPERM (a firewall), and the network errors Linux
        // passes on from the new connection (accept(2)): that connection
        // is lost, not the socket.
        continue;
    }
  }
}

void Acceptor::back_off() {
  pollfd wake{wake_fd_, POLLIN, 0};
  ::poll(&wake, 1, kBackOffMs);  // returns early for stop()
}

}  // namespace retort::detail

// Acceptor: the server's listening socket and the thread that accepts on
// it. It binds host:port itself, or adopts a socket that is already bound
// and listening (one a supervisor or systemd passed down), and hands every
// new connection to a callback. Sockets and a thread only: no Pistache, no
// HTTP.
//
//   Acceptor acceptor = Acceptor::bind("127.0.0.1", 0);  // or Acceptor::adopt(fd)
//   acceptor.start([](int fd, const sockaddr_storage& peer) { ... });  // owns fd now
//   acceptor.stop();   // accepts nothing more once it returns
//
// Why not Pistache's Tcp::Listener: it cannot serve on a socket it did not
// bind, and it closes its socket itself. An adopted socket is never closed
// here: the process that passed it may still accept on it (the develop
// reloader's old and new builds share it during a hand-over).
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <functional>
#include <string>
#include <thread>

namespace retort::detail {

class Acceptor {
 public:
  // Called on the accept thread with a connected socket, nonblocking and
  // close-on-exec, which it then owns. It should return quickly: nothing is
  // accepted while it runs.
  using OnAccept = std::function<void(int fd, const sockaddr_storage& peer)>;

  // A new socket listening on host:port (SO_REUSEADDR, close-on-exec,
  // nonblocking); port 0 lets the kernel pick. `host` is a name or an
  // address, IPv6 ones with or without brackets. Throws std::runtime_error
  // with the reason ("Address already in use") when it cannot.
  static Acceptor bind(const std::string& host, std::uint16_t port);
  // The same socket without an Acceptor, for whoever owns a socket and
  // lends it (the develop reloader's supervisor): its fd, the caller's to close.
  static int open_listening_socket(const std::string& host, std::uint16_t port);
  // The port socket `fd` is bound to, or 0.
  static std::uint16_t port_of(int fd);
  // Serves on `fd`, which must be a listening stream socket (else throws
  // std::runtime_error). Makes it nonblocking (an inherited socket may be
  // blocking, and accept() must not block the thread that also waits for
  // stop()) and close-on-exec in this process; never closes it.
  static Acceptor adopt(int fd);

  Acceptor(Acceptor&& other) noexcept;
  Acceptor& operator=(Acceptor&&) = delete;
  Acceptor(const Acceptor&) = delete;
  Acceptor& operator=(const Acceptor&) = delete;
  ~Acceptor();  // stop(), then closes the socket unless it was adopted

  // The port the socket is bound to (getsockname), also for an adopted one.
  std::uint16_t port() const;

  // Starts the accept thread. Once.
  void start(OnAccept on_accept);
  // Stops accepting: the accept thread has ended when it returns, and a
  // socket of our own is closed, so new connections are refused at once
  // (an adopted one stays open for whoever else accepts on it).
  // Connections the kernel completed but nobody accepted yet are in the
  // socket's backlog: their clients believe they are connected. Closing an
  // own socket resets them, unless they are taken (accepted and handed to
  // the callback) first; on an adopted socket, whoever else accepts on it
  // takes them. Idempotent; not from the callback.
  enum class Backlog { take, reset };
  void stop(Backlog backlog);

 private:
  Acceptor(int fd, bool adopted);
  void run();
  // accept4() until the backlog is empty (or kAcceptBatch times); false
  // when the socket can no longer accept (it was shut down under us).
  bool accept_ready();
  enum class Accepted { one, none, broken };
  Accepted accept_one();
  void back_off();  // after EMFILE and the like

  int fd_ = -1;
  bool adopted_ = false;
  int wake_fd_ = -1;  // an eventfd: stop() writes it, the accept thread polls it
  OnAccept on_accept_;
  std::thread thread_;
};

}  // namespace retort::detail

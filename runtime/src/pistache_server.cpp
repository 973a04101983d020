// The HTTP server. retort's Acceptor (acceptor.hpp) accepts connections;
// Pistache's TCP layer (its reactor threads, Tcp::Transport, Tcp::Peer)
// moves their bytes; retort parses HTTP/1.1 itself (http_request_parser),
// App::handle decides, and http_response_writer frames the answer.
// Pistache's HTTP layer is not used: it loses query order and repeated
// headers, buffers a whole body before a handler can refuse it, and frames
// HEAD responses wrongly. Nor is its Tcp::Listener: it cannot serve on a
// socket it did not bind (ServerOptions::listen_fd), and closes its socket.
//
// Threads. The Acceptor's thread accepts and gives each connection, as a
// Tcp::Peer, to one of `threads` reactor threads in turn, which owns it for
// its life: every callback for it (onConnection, onInput, onDisconnection,
// the socket turning writable) runs on that thread, so a Connection needs
// no lock for its parser and buffers. One housekeeper thread enforces the
// timeouts and, during shutdown(), closes connections that fall idle; it
// only reads a connection's deadline and phase and shuts its socket down,
// under Connection::mutex_, which is also what keeps it from touching an fd
// that Pistache has closed (and the kernel may have handed to a new
// connection).
//
// Writing. A response goes out with send() straight from the reactor
// thread. What the socket does not take at once waits in the connection's
// outbound_ buffer, and an empty Peer::send asks Pistache for a call on the
// same thread once the socket is writable again. Pistache's own write queue
// is not given the bytes: 0.0.5 retries a full socket in a busy loop,
// copying what is left at each try, so one client reading a large response
// slowly (or not at all) would hold its reactor thread, and every
// connection on it, until it had read it all (scripts/load-faults saw 5 s
// stalls). An empty write cannot find the socket full. While anything is
// unsent, further requests wait (held_input_, pending_) so responses stay
// in order and a client that does not read cannot make the server buffer
// responses without bound; each send that makes progress gives the client
// another request_timeout to read on.
//
// Closing. Pistache closes a socket only after reading EOF or an error from
// it, so retort ends a connection with shutdown(): SHUT_WR after the last
// response, so the client reads the response and then EOF, and request
// bytes still arriving are read and dropped instead of turning into a TCP
// reset that could destroy the response in the client's buffers (Apache's
// "lingering close"); SHUT_RDWR once the client closes its side, after
// kLinger, or on a timeout. Pistache then sees EOF, calls onDisconnection
// and closes the fd.
//
// Draining (Server::shutdown). The Acceptor stops first, so no connection
// arrives any more. A connection between requests is closed as above, unless
// bytes of a next request are already waiting in the kernel; one that is
// reading a request, running its handler or sending its response goes on,
// and the response to the last request that has arrived says `Connection:
// close`. Shared::draining tells the reactor threads; the race between a
// reactor thread going idle and the housekeeper closing idle connections is
// settled under Connection::mutex_ (see end_work and close_if_idle).
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pistache/peer.h>
#include <pistache/reactor.h>
#include <pistache/tcp.h>
#include <pistache/transport.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "acceptor.hpp"
#include "http_request_parser.hpp"
#include "http_response_writer.hpp"
#include "proxy_fix.hpp"
#include "retort/server.hpp"

namespace retort {
namespace {

namespace Aio = Pistache::Aio;
namespace Tcp = Pistache::Tcp;
using Clock = std::chrono::steady_clock;
using SystemClock = std::chrono::system_clock;

// How long a closing connection keeps draining what the client still sends.
constexpr auto kLinger = std::chrono::seconds(2);
// Input held while a response waits to be sent; past it the client
// is neither reading nor waiting, and the connection is dropped.
constexpr std::size_t kMaxHeldInput = std::size_t{1} << 20;
// How often the housekeeper looks at deadlines (and, while draining, for
// connections that fell idle).
constexpr auto kTick = std::chrono::milliseconds(250);
// While draining, a connection that has not sent a byte yet is not closed
// as idle before it is this old: its client connected before the server
// stopped accepting, and its request is most likely on the way (a new
// build taking over the develop reloader's socket must not fail it).
constexpr auto kFirstRequestGrace = std::chrono::seconds(1);

constexpr char kPeerDataKey[] = "retort.connection";  // Peer::putData key

class Connection;

// RFC 9112 3.2.2: a server must accept the absolute-form a proxy sends
// (`GET http://host/path?q HTTP/1.1`) and take the host from it, not from
// Host. retort's Request reads origin-form, so rewrite it (as Werkzeug's
// server does); any other target stays as sent.
void use_origin_form(std::string& target, Headers& headers) {
  std::size_t scheme_end = target.find("://");
  if (scheme_end == std::string::npos || target.front() == '/') return;
  std::string_view scheme = std::string_view(target).substr(0, scheme_end);
  if (!iequals(scheme, "http") && !iequals(scheme, "https")) return;
  std::size_t path_start = target.find_first_of("/?", scheme_end + 3);
  std::string authority = target.substr(scheme_end + 3, path_start - (scheme_end + 3));
  std::string rest = path_start == std::string::npos ? "" : target.substr(path_start);
  target = rest.empty() || rest.front() == '?' ? "/" + rest : rest;
  headers.set("Host", authority);
}

// Bytes the kernel received on `fd` that nobody has read yet.
bool has_unread_bytes(int fd) {
  int count = 0;
  return ::ioctl(fd, FIONREAD, &count) == 0 && count > 0;
}

// What every reactor thread's handler clone, the accept thread and the
// housekeeper share.
struct Shared {
  Shared(const App& app, const ServerOptions& options) : app(app), options(options) {}
  const App& app;
  const ServerOptions options;
  // shutdown() has begun: responses close their connections, idle ones close.
  std::atomic<bool> draining{false};

  std::mutex mutex;  // guards what follows
  std::unordered_map<const Connection*, std::shared_ptr<Connection>> connections;
  // Accepted and given to a reactor thread, which has not taken them up yet.
  std::unordered_set<int> arriving;
  std::condition_variable gone;  // while draining: a connection or arrival went away
  bool cut = false;              // stop() ended connections that were still open
};

// When a request began to arrive, for the access log.
struct Arrival {
  static Arrival now() { return {SystemClock::now(), Clock::now()}; }
  SystemClock::time_point time;
  Clock::time_point start;
};

// One client connection: HTTP state on its reactor thread, plus a deadline
// and a phase the housekeeper reads.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(const Shared& shared, int fd, std::string remote_host)
      : shared_(shared),
        fd_(fd),
        remote_host_(std::move(remote_host)),
        logging_(static_cast<bool>(shared.options.access_log)),
        parser_(limits(shared)) {
    const auto now = Clock::now();
    deadline_ = now + shared.options.keep_alive_timeout;
    closable_at_ = now + kFirstRequestGrace;
  }

  // Reactor thread: bytes from the client.
  void on_input(std::string_view bytes, const std::shared_ptr<Tcp::Peer>& peer) {
    if (closing_) return;  // closing: drain and drop
    if (!outbound_.empty() || !held_input_.empty()) {
      if (held_input_.size() + bytes.size() > kMaxHeldInput) return abort();
      held_input_.append(bytes);
      return;
    }
    feed(bytes);
    pump(peer);
  }

  // Reactor thread: Pistache is about to close the socket.
  void on_disconnection() {
    {
      std::lock_guard lock(mutex_);
      open_ = false;
    }
    closing_ = true;
    pending_.clear();
    arrivals_.clear();
    held_input_.clear();
    release_outbound();
  }

  // Housekeeper thread: ends the connection once its deadline has passed.
  void expire(Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (!open_ || now < deadline_) return;
    // Idle with bytes waiting in the kernel: the client sent its next
    // request in time, but this connection's reactor thread was held up
    // (a slow handler of another connection) and has not read it yet. The
    // client did not let the connection idle, so it is not closed; its
    // thread reads the request when it gets to it, which sets a new deadline.
    if (phase_ == Phase::idle && has_unread_bytes(fd_)) return;
    deadline_ = Clock::time_point::max();
    phase_ = Phase::closing;
    ::shutdown(fd_, SHUT_RDWR);  // Pistache reads EOF and cleans up on its thread
  }

  // Another thread, while draining: closes the connection gracefully if it
  // is between requests and nothing of a next one has arrived. A request
  // that arrives after this check finds the connection closing and is
  // dropped, as when a keep-alive timeout ends a connection: its client
  // sees the connection close without a response (and may retry).
  void close_if_idle(Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (!open_ || phase_ != Phase::idle || now < closable_at_ || has_unread_bytes(fd_)) return;
    phase_ = Phase::closing;  // tells the reactor thread (begin_work)
    ::shutdown(fd_, SHUT_WR);
    deadline_ = now + kLinger;
  }

  // Another thread: a request is being read or answered here, or waits in
  // the kernel, or a response has not been handed to the socket yet.
  bool busy() {
    std::lock_guard lock(mutex_);
    return open_ && (phase_ == Phase::busy || (phase_ == Phase::idle && has_unread_bytes(fd_)));
  }

  // After the reactor threads have stopped: Pistache never closes the
  // sockets of connections still open then, so close them here.
  void close_after_stop() {
    std::lock_guard lock(mutex_);
    if (open_) ::close(fd_);
    open_ = false;
  }

 private:
  enum class Phase {
    idle,     // between requests (or before the first)
    busy,     // reading a request, running its handler or writing a response
    closing,  // no more requests: lingering, or shut down
  };

  static detail::HttpLimits limits(const Shared& shared) {
    return {.max_target = shared.options.max_target_length,
            .max_header_bytes = shared.options.max_header_bytes,
            .max_headers = shared.options.max_header_count,
            .max_body = shared.app.max_content_length()};
  }

  void set_deadline(Clock::time_point deadline) {
    std::lock_guard lock(mutex_);
    deadline_ = deadline;
  }

  void feed(std::string_view bytes) {
    Arrival now;
    if (logging_) {
      now = Arrival::now();
      if (parser_.idle()) request_began_ = now;  // these bytes begin the next request
    }
    std::vector<detail::ParseEvent> events;
    parser_.feed(bytes, events);
    for (auto& event : events) {
      if (logging_) {
        arrivals_.push_back(request_began_);
        if (!std::holds_alternative<detail::SendContinue>(event)) request_began_ = now;  // the next began in these bytes
      }
      pending_.push_back(std::move(event));
    }
  }

  // Answers what has been parsed, in order, until a response has to wait
  // for the socket or the connection closes.
  void pump(const std::shared_ptr<Tcp::Peer>& peer) {
    if (closing_) return;
    if (!begin_work()) {  // closed as idle by shutdown(): too late for these bytes
      closing_ = true;
      pending_.clear();
      arrivals_.clear();
      held_input_.clear();
      return;
    }
    while (!closing_ && outbound_.empty()) {
      if (!pending_.empty()) {
        detail::ParseEvent event = std::move(pending_.front());
        pending_.pop_front();
        Arrival arrived;
        if (logging_) {
          arrived = arrivals_.front();
          arrivals_.pop_front();
        }
        answer(event, arrived, peer);
      } else if (!held_input_.empty()) {
        std::string input = std::move(held_input_);
        held_input_.clear();
        feed(input);
      } else {
        break;
      }
    }
    if (!closing_) end_work();  // else finish() or abort() set the deadline
  }

  // False when another thread closed the connection as idle.
  bool begin_work() {
    std::lock_guard lock(mutex_);
    if (phase_ == Phase::closing) return false;  // only close_if_idle and expire set it while !closing_
    phase_ = Phase::busy;
    deadline_ = Clock::time_point::max();  // a slow handler is not a slow client
    return true;
  }

  void end_work() {
    const auto now = Clock::now();
    if (!outbound_.empty()) return set_deadline(now + shared_.options.request_timeout);  // to read the response
    if (!parser_.idle()) {
      if (!request_start_) request_start_ = now;
      return set_deadline(*request_start_ + shared_.options.request_timeout);
    }
    request_start_.reset();
    {
      // `draining` is read under the lock that close_if_idle holds: either
      // shutdown() set it before this, and the connection closes below, or
      // close_if_idle comes after this and finds the connection idle.
      std::lock_guard lock(mutex_);
      if (!shared_.draining.load()) {
        phase_ = Phase::idle;
        closable_at_ = now;
        deadline_ = now + shared_.options.keep_alive_timeout;
        return;
      }
    }
    finish();
  }

  void answer(detail::ParseEvent& event, const Arrival& arrived, const std::shared_ptr<Tcp::Peer>& peer) {
    const auto now = std::chrono::floor<std::chrono::seconds>(SystemClock::now());
    detail::WrittenResponse written;
    detail::WrittenResponse* const summary = logging_ ? &written : nullptr;
    if (std::holds_alternative<detail::SendContinue>(event)) {
      write(std::string(detail::kContinueResponse), peer);
    } else if (auto* error = std::get_if<detail::ParseError>(&event)) {
      write(detail::write_response(detail::protocol_error_page(error->status, error->message), false, false, now,
                                   summary),
            peer);
      finish();
      // ProxyFix is not applied: the request was not understood, so
      // neither are its X-Forwarded-* headers (nor does Werkzeug's server
      // get as far as its ProxyFix middleware).
      if (logging_)
        log(arrived, remote_host_, error->method, error->target, error->protocol, error->headers, written);
    } else {
      auto& parsed = std::get<detail::ParsedRequest>(event);
      std::string target_as_sent;
      if (logging_) target_as_sent = parsed.target;  // use_origin_form may rewrite it
      use_origin_form(parsed.target, parsed.headers);
      Request request(parsed.method, parsed.target);
      request.headers() = std::move(parsed.headers);
      request.set_body(std::move(parsed.body));
      request.set_remote_addr(remote_host_);
      if (shared_.options.proxy_fix.any()) detail::apply_proxy_fix(shared_.options.proxy_fix, request);
      Response response = shared_.app.handle(request);
      bool keep_alive = parsed.keep_alive && !detail::asks_to_close(response);
      // Draining: the last request that has arrived closes the connection.
      if (keep_alive && shared_.draining.load(std::memory_order_relaxed) && nothing_more_arrived())
        keep_alive = false;
      write(detail::write_response(response, request.method() == Method::head, keep_alive, now, summary), peer);
      if (logging_)
        log(arrived, request.remote_addr(), parsed.method, target_as_sent,
            parsed.minor_version == 0 ? "HTTP/1.0" : "HTTP/1.1", std::as_const(request).headers(), written);
      if (!keep_alive) finish();
    }
  }

  bool nothing_more_arrived() const { return pending_.empty() && held_input_.empty() && parser_.idle(); }

  void log(const Arrival& arrived, std::string_view remote_addr, std::string_view method, std::string_view target,
           std::string_view protocol, const Headers& headers, const detail::WrittenResponse& written) const {
    AccessLogEntry entry;
    entry.remote_addr = remote_addr;
    entry.method = method;
    entry.target = target;
    entry.protocol = protocol;
    entry.status = written.status;
    entry.body_bytes = written.body_bytes;
    entry.referer = headers.get("Referer").value_or(std::string_view());
    entry.user_agent = headers.get("User-Agent").value_or(std::string_view());
    entry.time = arrived.time;
    entry.duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - arrived.start);
    try {
      shared_.options.access_log(entry);
    } catch (...) {
      // A log that fails (a full disk) must not fail the connection.
    }
  }

  // Sends what the socket takes now; the rest waits in outbound_ until the
  // socket is writable (on_writable).
  void write(std::string bytes, const std::shared_ptr<Tcp::Peer>& peer) {
    if (!outbound_.empty()) {  // behind what waits already, to keep the order
      outbound_.append(bytes);
      return;
    }
    outbound_ = std::move(bytes);
    if (!send_outbound()) return abort();
    if (!outbound_.empty()) await_writable(peer);
  }

  // Sends from outbound_ until it is all out (and released) or the socket
  // is full. False when the connection failed.
  bool send_outbound() {
    while (outbound_sent_ < outbound_.size()) {
      ssize_t sent =
          ::send(fd_, outbound_.data() + outbound_sent_, outbound_.size() - outbound_sent_, MSG_NOSIGNAL);
      if (sent < 0) {
        if (errno == EINTR) continue;
        return errno == EAGAIN || errno == EWOULDBLOCK;
      }
      outbound_sent_ += static_cast<std::size_t>(sent);
    }
    release_outbound();
    return true;
  }

  // Frees the buffer too: it may have held a large response.
  void release_outbound() {
    std::string().swap(outbound_);
    outbound_sent_ = 0;
  }

  // Asks for on_writable once the socket takes bytes again. The request
  // is an empty write: Pistache completes it, on this thread, at the
  // socket's next EPOLLOUT, and cannot find the socket full for it.
  void await_writable(const std::shared_ptr<Tcp::Peer>& peer) {
    std::weak_ptr<Tcp::Peer> weak_peer = peer;
    peer->send(Pistache::RawBuffer(std::string(), 0))
        .then([self = shared_from_this(), weak_peer](ssize_t) { self->on_writable(weak_peer); },
              [self = shared_from_this()](std::exception_ptr&) { self->abort(); });
  }

  // Reactor thread: the socket takes bytes again.
  void on_writable(const std::weak_ptr<Tcp::Peer>& weak_peer) {
    if (!open_ || outbound_.empty()) return;  // disconnected or aborted meanwhile
    const std::size_t unsent = outbound_.size() - outbound_sent_;
    if (!send_outbound()) return abort();
    auto peer = weak_peer.lock();
    if (!outbound_.empty()) {
      // A client that reads, however slowly, is not timed out; one that
      // stops is, request_timeout after its last progress.
      if (outbound_.size() - outbound_sent_ < unsent)
        set_deadline(Clock::now() + shared_.options.request_timeout);
      if (peer) await_writable(peer);
      return;
    }
    if (close_when_written_) return shut_for_writing();
    if (peer) pump(peer);
  }

  // Closes gracefully once the last response is out.
  void finish() {
    closing_ = true;
    pending_.clear();
    arrivals_.clear();
    held_input_.clear();
    if (!outbound_.empty()) {
      close_when_written_ = true;
      set_deadline(Clock::now() + shared_.options.request_timeout);  // still busy: a response is on its way
    } else {
      shut_for_writing();
    }
  }

  void shut_for_writing() {
    ::shutdown(fd_, SHUT_WR);
    std::lock_guard lock(mutex_);
    phase_ = Phase::closing;
    deadline_ = Clock::now() + kLinger;
  }

  // Ends the connection now (a write failed, the client floods us).
  void abort() {
    closing_ = true;
    pending_.clear();
    arrivals_.clear();
    held_input_.clear();
    release_outbound();
    std::lock_guard lock(mutex_);
    phase_ = Phase::closing;
    if (open_) ::shutdown(fd_, SHUT_RDWR);
  }

  const Shared& shared_;
  const int fd_;
  const std::string remote_host_;
  const bool logging_;  // ServerOptions::access_log is set

  // Reactor thread only.
  detail::HttpRequestParser parser_;
  std::deque<detail::ParseEvent> pending_;  // parsed, not yet answered
  std::deque<Arrival> arrivals_;           // when each of pending_ began to arrive, when logging
  std::string held_input_;                 // received while a response waited to be sent
  std::string outbound_;                   // what the socket has not taken yet, from outbound_sent_
  std::size_t outbound_sent_ = 0;
  bool closing_ = false;           // no more requests are answered
  bool close_when_written_ = false;
  std::optional<Clock::time_point> request_start_;
  Arrival request_began_;  // of the request the parser is reading, when logging

  // Shared with the housekeeper and shutdown(); written on the reactor
  // thread under the lock (but for close_if_idle's), so that thread may read
  // open_ without it.
  std::mutex mutex_;
  bool open_ = true;  // false once Pistache reported the disconnection
  Phase phase_ = Phase::idle;
  Clock::time_point deadline_;
  Clock::time_point closable_at_;  // while idle: from when shutdown() may close it
};

class ConnectionHandler final : public Tcp::Handler {
 public:
  PROTOTYPE_OF(Tcp::Handler, ConnectionHandler)

  explicit ConnectionHandler(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

  void onConnection(const std::shared_ptr<Tcp::Peer>& peer) override {
    // One write per response: Nagle would only delay the next response on
    // a pipelined or keep-alive connection.
    int one = 1;
    ::setsockopt(peer->fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    std::shared_ptr<Connection> connection;
    try {
      connection = std::make_shared<Connection>(*shared_, peer->fd(), peer->address().host());
      peer->putData(kPeerDataKey, connection);
    } catch (...) {
      connection.reset();
      ::shutdown(peer->fd(), SHUT_RDWR);  // out of memory: refuse the connection
    }
    std::lock_guard lock(shared_->mutex);
    shared_->arriving.erase(peer->fd());
    try {
      if (connection) shared_->connections.emplace(connection.get(), connection);
    } catch (...) {
      ::shutdown(peer->fd(), SHUT_RDWR);
    }
    if (shared_->draining) shared_->gone.notify_all();
  }

  void onInput(const char* data, size_t size, const std::shared_ptr<Tcp::Peer>& peer) override {
    auto connection = connection_of(peer);
    if (!connection) return;
    // An exception escaping into Pistache's reactor thread would terminate
    // the process; App::handle does not throw, but memory can run out.
    try {
      connection->on_input(std::string_view(data, size), peer);
    } catch (...) {
      ::shutdown(peer->fd(), SHUT_RDWR);
    }
  }

  void onDisconnection(const std::shared_ptr<Tcp::Peer>& peer) override {
    auto connection = connection_of(peer);
    if (!connection) return;
    // An empty write still in Pistache's queue (await_writable) names the
    // socket by its fd and may reach a new connection that gets the same
    // number: it sends nothing there, and its callback finds this one
    // closed. Transport::flush() must not be called to clear it: it writes
    // every queued entry of the thread at once, whatever the socket, and an
    // entry whose callback queues another (a full socket's await_writable)
    // keeps it looping.
    connection->on_disconnection();
    std::lock_guard lock(shared_->mutex);
    shared_->connections.erase(connection.get());
    if (shared_->draining) shared_->gone.notify_all();
  }

 private:
  static std::shared_ptr<Connection> connection_of(const std::shared_ptr<Tcp::Peer>& peer) {
    return std::static_pointer_cast<Connection>(peer->tryGetData(kPeerDataKey));
  }

  std::shared_ptr<Shared> shared_;
};

}  // namespace

struct Server::Impl {
  Impl(const App& app, ServerOptions options)
      : address(options.listen_fd >= 0 ? "fd " + std::to_string(options.listen_fd)
                                       : options.host + ":" + std::to_string(options.port)),
        shared(std::make_shared<Shared>(app, std::move(options))) {}

  void housekeep() {
    std::unique_lock lock(mutex);
    while (!stopping) {
      wake.wait_for(lock, kTick);
      lock.unlock();
      const auto now = Clock::now();
      const bool draining = shared->draining;
      {
        std::lock_guard connections_lock(shared->mutex);
        for (auto& [key, connection] : shared->connections) {
          connection->expire(now);
          if (draining) connection->close_if_idle(now);  // e.g. one past kFirstRequestGrace
        }
      }
      lock.lock();
    }
  }

  // The Acceptor's callback: hands a new connection to the next reactor thread.
  void accept(int fd, const sockaddr_storage& peer_address) noexcept {
    try {
      sockaddr_storage copy = peer_address;
      auto peer = Tcp::Peer::Create(fd, Pistache::Address::fromUnix(reinterpret_cast<sockaddr*>(&copy)));
      {
        std::lock_guard lock(shared->mutex);
        shared->arriving.insert(fd);
      }
      transports[next_transport++ % transports.size()]->handleNewPeer(peer);
    } catch (...) {
      {
        std::lock_guard lock(shared->mutex);
        shared->arriving.erase(fd);
      }
      ::close(fd);  // out of memory: refuse the connection
    }
  }

  void stop_accepting(detail::Acceptor::Backlog backlog) {
    std::lock_guard lock(acceptor_mutex);
    if (acceptor) acceptor->stop(backlog);
  }

  const std::string address;  // as given, for messages
  std::shared_ptr<Shared> shared;
  std::mutex acceptor_mutex;  // shutdown() and stop() may both stop it
  std::optional<detail::Acceptor> acceptor;
  std::unique_ptr<Aio::Reactor> reactor;
  std::vector<std::shared_ptr<Tcp::Transport>> transports;  // one per reactor thread
  std::size_t next_transport = 0;  // the Acceptor's: its thread, then stop()
  std::thread housekeeper;
  std::uint16_t port = 0;

  std::mutex mutex;  // guards the flags below
  std::condition_variable wake;
  bool started = false;
  bool draining = false;  // shutdown() has begun
  bool stopping = false;
  bool stopped = false;
  bool finished = true;  // what shutdown() returns: no request was cut short
  bool settled = false;  // `finished` is final
};

Server::Server(const App& app, ServerOptions options) : impl_(std::make_unique<Impl>(app, std::move(options))) {}

Server::~Server() {
  if (impl_) stop();
}

std::uint16_t Server::port() const { return impl_->port; }

void Server::start() {
  Impl& impl = *impl_;
  {
    std::lock_guard lock(impl.mutex);
    if (impl.started || impl.stopping || impl.draining)
      throw std::logic_error("retort::Server: start() after start() or stop()");
    impl.started = true;
  }
  const ServerOptions& options = impl.shared->options;
  try {
    impl.acceptor.emplace(options.listen_fd >= 0 ? detail::Acceptor::adopt(options.listen_fd)
                                                 : detail::Acceptor::bind(options.host, options.port));
    impl.reactor = std::make_unique<Aio::Reactor>();
    impl.reactor->init(Aio::AsyncContext(std::max(1u, options.threads), "retort-io"));
    // The reactor clones the Transport, and with it the handler, for each
    // of its threads.
    auto handler = std::make_shared<ConnectionHandler>(impl.shared);
    auto key = impl.reactor->addHandler(std::make_shared<Tcp::Transport>(handler));
    for (auto& transport : impl.reactor->handlers(key))
      impl.transports.push_back(std::static_pointer_cast<Tcp::Transport>(transport));
  } catch (const std::exception& e) {
    impl.transports.clear();
    impl.reactor.reset();
    impl.acceptor.reset();
    std::lock_guard lock(impl.mutex);
    impl.started = false;
    throw std::runtime_error("cannot serve on " + impl.address + ": " + e.what());
  }
  impl.port = impl.acceptor->port();
  impl.reactor->run();
  impl.housekeeper = std::thread([&impl] { impl.housekeep(); });
  impl.acceptor->start([&impl](int fd, const sockaddr_storage& peer) { impl.accept(fd, peer); });
}

void Server::run() {
  bool start_now = false;
  {
    std::lock_guard lock(impl_->mutex);
    start_now = !impl_->started && !impl_->stopping && !impl_->draining;
  }
  if (start_now) start();
  std::unique_lock lock(impl_->mutex);
  impl_->wake.wait(lock, [this] { return impl_->stopped; });
}

void Server::stop() {
  Impl& impl = *impl_;
  {
    std::lock_guard lock(impl.mutex);
    if (impl.stopping) return;
    impl.stopping = true;
    if (!impl.started) {  // nothing runs; a later run() returns at once
      impl.stopped = impl.settled = true;
      impl.wake.notify_all();
      return;
    }
  }
  impl.wake.notify_all();
  if (impl.housekeeper.joinable()) impl.housekeeper.join();
  impl.stop_accepting(detail::Acceptor::Backlog::reset);
  // Destroying the reactor joins its threads (shutdown() only tells them).
  impl.reactor->shutdown();
  impl.transports.clear();
  impl.reactor.reset();
  std::unordered_map<const Connection*, std::shared_ptr<Connection>> left;
  std::unordered_set<int> arrived;  // accepted, never taken up by a reactor thread
  {
    std::lock_guard lock(impl.shared->mutex);
    left.swap(impl.shared->connections);
    arrived.swap(impl.shared->arriving);
    impl.shared->cut = !left.empty() || !arrived.empty();
    impl.shared->gone.notify_all();
  }
  for (auto& [key, connection] : left) connection->close_after_stop();
  for (int fd : arrived) ::close(fd);
  {
    std::lock_guard lock(impl.acceptor_mutex);
    impl.acceptor.reset();  // closes a socket of our own; an adopted one stays open
  }
  {
    std::lock_guard lock(impl.mutex);
    if (!impl.draining) {  // else shutdown() says how it went
      impl.finished = left.empty() && arrived.empty();
      impl.settled = true;
    }
    impl.stopped = true;
  }
  impl.wake.notify_all();
}

bool Server::shutdown(std::chrono::milliseconds timeout) {
  Impl& impl = *impl_;
  const auto deadline = Clock::now() + timeout;
  {
    std::unique_lock lock(impl.mutex);
    if (impl.stopping || impl.draining) {  // another stop() or shutdown() came first
      impl.wake.wait(lock, [&] { return impl.stopped && impl.settled; });
      return impl.finished;
    }
    impl.draining = true;
    if (!impl.started) {
      lock.unlock();
      stop();
      return true;
    }
  }
  Shared& shared = *impl.shared;
  shared.draining = true;
  impl.stop_accepting(detail::Acceptor::Backlog::take);  // their clients think they are connected: serve them
  bool in_time = false;
  {
    std::unique_lock lock(shared.mutex);
    const auto now = Clock::now();
    for (auto& [key, connection] : shared.connections) connection->close_if_idle(now);
    in_time = shared.gone.wait_until(lock, deadline, [&] {
      return shared.cut || (shared.connections.empty() && shared.arriving.empty());
    });
    // Past the deadline, connections that only linger or wait for a first
    // request have no request to cut short.
    if (!in_time)
      in_time = std::none_of(shared.connections.begin(), shared.connections.end(),
                             [](auto& item) { return item.second->busy(); });
    if (shared.cut) in_time = false;  // a stop() from another thread came first
  }
  stop();  // returns at once when another thread's stop() came first
  std::unique_lock lock(impl.mutex);
  impl.wake.wait(lock, [&] { return impl.stopped; });
  impl.finished = in_time;
  impl.settled = true;
  impl.wake.notify_all();
  return in_time;
}

}  // namespace retort

// The HTTP server. Pistache's TCP layer (Tcp::Listener, its reactor threads,
// Tcp::Peer) accepts connections and moves bytes; retort parses HTTP/1.1
// itself (http_request_parser), App::handle decides, and
// http_response_writer frames the answer. Pistache's HTTP layer is not
// used: it loses query order and repeated headers, buffers a whole body
// before a handler can refuse it, and frames HEAD responses wrongly.
//
// Threads. The Listener accepts on its own thread and gives each connection
// to one of `threads` reactor threads, which owns it for its life: every
// callback for it (onConnection, onInput, onDisconnection, completion of a
// queued write) runs on that thread, so a Connection needs no lock for its
// parser and buffers. One housekeeper thread enforces the timeouts; it only
// reads a connection's deadline and shuts its socket down, under
// Connection::mutex_, which is also what keeps it from touching an fd that
// Pistache has closed (and the kernel may have handed to a new connection).
//
// Writing. A response goes out with send() straight from the reactor
// thread; only what the socket does not take at once goes to Pistache's
// write queue (Peer::send). While anything is queued, further requests wait
// (held_input_, pending_) so responses stay in order and a client that does
// not read cannot make the server queue responses without bound.
//
// Closing. Pistache closes a socket only after reading EOF or an error from
// it, so retort ends a connection with shutdown(): SHUT_WR after the last
// response, so the client reads the response and then EOF, and request
// bytes still arriving are read and dropped instead of turning into a TCP
// reset that could destroy the response in the client's buffers (Apache's
// "lingering close"); SHUT_RDWR once the client closes its side, after
// kLinger, or on a timeout. Pistache then sees EOF, calls onDisconnection
// and closes the fd.
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pistache/listener.h>
#include <pistache/peer.h>
#include <pistache/tcp.h>
#include <pistache/transport.h>
#include <sys/socket.h>

#include <unistd.h>

#include <algorithm>
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
#include <variant>
#include <vector>

#include "http_request_parser.hpp"
#include "http_response_writer.hpp"
#include "retort/server.hpp"

namespace retort {
namespace {

namespace Tcp = Pistache::Tcp;
using Clock = std::chrono::steady_clock;

// How long a closing connection keeps draining what the client still sends.
constexpr auto kLinger = std::chrono::seconds(2);
// Input held while a response waits in the write queue; past it the client
// is neither reading nor waiting, and the connection is dropped.
constexpr std::size_t kMaxHeldInput = std::size_t{1} << 20;
// How often the housekeeper looks at deadlines.
constexpr auto kTick = std::chrono::milliseconds(250);

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

// What every reactor thread's handler clone and the housekeeper share.
struct Shared {
  Shared(const App& app, const ServerOptions& options) : app(app), options(options) {}
  const App& app;
  const ServerOptions options;

  std::mutex mutex;  // guards `connections`
  std::unordered_map<const Connection*, std::shared_ptr<Connection>> connections;
};

// One client connection: HTTP state on its reactor thread, plus a deadline
// the housekeeper enforces.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(const Shared& shared, int fd, std::string remote_host)
      : shared_(shared), fd_(fd), remote_host_(std::move(remote_host)), parser_(limits(shared)) {
    set_deadline(Clock::now() + shared.options.keep_alive_timeout);
  }

  // Reactor thread: bytes from the client.
  void on_input(std::string_view bytes, const std::shared_ptr<Tcp::Peer>& peer) {
    if (closing_) return;  // closing: drain and drop
    if (queued_writes_ > 0 || !held_input_.empty()) {
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
    held_input_.clear();
  }
  bool has_queued_writes() const { return queued_writes_ > 0; }

  // Housekeeper thread: ends the connection once its deadline has passed.
  void expire(Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (!open_ || now < deadline_) return;
    deadline_ = Clock::time_point::max();
    ::shutdown(fd_, SHUT_RDWR);  // Pistache reads EOF and cleans up on its thread
  }

  // After the reactor threads have stopped: Pistache never closes the
  // sockets of connections still open then, so close them here.
  void close_after_stop() {
    std::lock_guard lock(mutex_);
    if (open_) ::close(fd_);
    open_ = false;
  }

 private:
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
    std::vector<detail::ParseEvent> events;
    parser_.feed(bytes, events);
    for (auto& event : events) pending_.push_back(std::move(event));
  }

  // Answers what has been parsed, in order, until a response has to wait
  // in the write queue or the connection closes.
  void pump(const std::shared_ptr<Tcp::Peer>& peer) {
    if (closing_) return;
    set_deadline(Clock::time_point::max());  // a slow handler is not a slow client
    while (!closing_ && queued_writes_ == 0) {
      if (!pending_.empty()) {
        detail::ParseEvent event = std::move(pending_.front());
        pending_.pop_front();
        answer(event, peer);
      } else if (!held_input_.empty()) {
        std::string input = std::move(held_input_);
        held_input_.clear();
        feed(input);
      } else {
        break;
      }
    }
    if (closing_) return;  // finish() or abort() set the deadline
    const auto now = Clock::now();
    if (queued_writes_ > 0) {
      set_deadline(now + shared_.options.request_timeout);  // time to read the response
    } else if (parser_.idle()) {
      request_start_.reset();
      set_deadline(now + shared_.options.keep_alive_timeout);
    } else {
      if (!request_start_) request_start_ = now;
      set_deadline(*request_start_ + shared_.options.request_timeout);
    }
  }

  void answer(detail::ParseEvent& event, const std::shared_ptr<Tcp::Peer>& peer) {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    if (std::holds_alternative<detail::SendContinue>(event)) {
      write(std::string(detail::kContinueResponse), peer);
    } else if (auto* error = std::get_if<detail::ParseError>(&event)) {
      write(detail::write_response(detail::protocol_error_page(error->status, error->message), false, false, now),
            peer);
      finish();
    } else {
      auto& parsed = std::get<detail::ParsedRequest>(event);
      use_origin_form(parsed.target, parsed.headers);
      Request request(parsed.method, parsed.target);
      request.headers() = std::move(parsed.headers);
      request.set_body(std::move(parsed.body));
      request.set_remote_addr(remote_host_);
      Response response = shared_.app.handle(request);
      const bool keep_alive = parsed.keep_alive && !detail::asks_to_close(response);
      write(detail::write_response(response, request.method() == Method::head, keep_alive, now), peer);
      if (!keep_alive) finish();
    }
  }

  // Sends what the socket takes now and queues the rest with Pistache.
  void write(std::string bytes, const std::shared_ptr<Tcp::Peer>& peer) {
    if (queued_writes_ == 0) {  // else the queue goes first, to keep the order
      ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return abort();
      if (sent == static_cast<ssize_t>(bytes.size())) return;
      if (sent > 0) bytes.erase(0, static_cast<std::size_t>(sent));
    }
    ++queued_writes_;
    const std::size_t size = bytes.size();
    std::weak_ptr<Tcp::Peer> weak_peer = peer;
    peer->send(Pistache::RawBuffer(std::move(bytes), size))
        .then([self = shared_from_this(), weak_peer](ssize_t) { self->written(weak_peer); },
              [self = shared_from_this()](std::exception_ptr&) { self->abort(); });
  }

  // Reactor thread: Pistache wrote one queued response.
  void written(const std::weak_ptr<Tcp::Peer>& weak_peer) {
    if (!open_) return;  // the disconnection was handled already
    if (--queued_writes_ > 0) return;
    if (close_when_written_) return shut_for_writing();
    if (auto peer = weak_peer.lock()) pump(peer);
  }

  // Closes gracefully once the last response is out.
  void finish() {
    closing_ = true;
    pending_.clear();
    held_input_.clear();
    if (queued_writes_ > 0) {
      close_when_written_ = true;
      set_deadline(Clock::now() + shared_.options.request_timeout);
    } else {
      shut_for_writing();
    }
  }

  void shut_for_writing() {
    ::shutdown(fd_, SHUT_WR);
    set_deadline(Clock::now() + kLinger);
  }

  // Ends the connection now (a write failed, the client floods us).
  void abort() {
    closing_ = true;
    pending_.clear();
    held_input_.clear();
    std::lock_guard lock(mutex_);
    if (open_) ::shutdown(fd_, SHUT_RDWR);
  }

  const Shared& shared_;
  const int fd_;
  const std::string remote_host_;

  // Reactor thread only.
  detail::HttpRequestParser parser_;
  std::deque<detail::ParseEvent> pending_;  // parsed, not yet answered
  std::string held_input_;                  // received while responses were queued
  std::size_t queued_writes_ = 0;           // responses in Pistache's write queue
  bool closing_ = false;                    // no more requests are answered
  bool close_when_written_ = false;
  std::optional<Clock::time_point> request_start_;

  // Shared with the housekeeper; written on the reactor thread only, under
  // the lock, so that thread may read them without it.
  std::mutex mutex_;
  bool open_ = true;  // false once Pistache reported the disconnection
  Clock::time_point deadline_;
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
    try {
      auto connection = std::make_shared<Connection>(*shared_, peer->fd(), peer->address().host());
      peer->putData(kPeerDataKey, connection);
      std::lock_guard lock(shared_->mutex);
      shared_->connections.emplace(connection.get(), connection);
    } catch (...) {
      ::shutdown(peer->fd(), SHUT_RDWR);  // out of memory: refuse the connection
    }
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
    connection->on_disconnection();
    // A queued write names the socket by its fd. Let Pistache move it to
    // this socket's own queue now, which it clears when it closes the fd;
    // left in the shared queue, it could reach a new connection that gets
    // the same fd number.
    if (connection->has_queued_writes()) transport()->flush();
    std::lock_guard lock(shared_->mutex);
    shared_->connections.erase(connection.get());
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
      : address(options.host + ":" + std::to_string(options.port)),
        shared(std::make_shared<Shared>(app, options)) {}

  void housekeep() {
    std::unique_lock lock(mutex);
    while (!stopping) {
      wake.wait_for(lock, kTick);
      lock.unlock();
      const auto now = Clock::now();
      {
        std::lock_guard connections_lock(shared->mutex);
        for (auto& [key, connection] : shared->connections) connection->expire(now);
      }
      lock.lock();
    }
  }

  const std::string address;  // as given, for messages
  std::shared_ptr<Shared> shared;
  std::unique_ptr<Tcp::Listener> listener;
  std::thread housekeeper;
  std::uint16_t port = 0;

  std::mutex mutex;  // guards the flags below
  std::condition_variable wake;
  bool started = false;
  bool stopping = false;
  bool stopped = false;
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
    if (impl.started || impl.stopping) throw std::logic_error("retort::Server: start() after start() or stop()");
    impl.started = true;
  }
  const ServerOptions& options = impl.shared->options;
  try {
    impl.listener = std::make_unique<Tcp::Listener>(Pistache::Address(options.host, Pistache::Port(options.port)));
    impl.listener->init(std::max(1u, options.threads),
                        Pistache::Flags<Tcp::Options>(Tcp::Options::ReuseAddr) | Tcp::Options::CloseOnExec);
    impl.listener->setHandler(std::make_shared<ConnectionHandler>(impl.shared));
    impl.listener->bind();  // throws when the address is taken or invalid
  } catch (const std::exception& e) {
    impl.listener.reset();
    std::lock_guard lock(impl.mutex);
    impl.started = false;
    throw std::runtime_error("cannot serve on " + impl.address + ": " + e.what());
  }
  impl.port = impl.listener->getPort();
  impl.listener->runThreaded();
  impl.housekeeper = std::thread([&impl] { impl.housekeep(); });
}

void Server::run() {
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->stopping) return;
  }
  if (!impl_->listener) start();
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
      impl.stopped = true;
      return;
    }
  }
  impl.wake.notify_all();
  if (impl.housekeeper.joinable()) impl.housekeeper.join();
  // Destroying the listener joins its accept thread and reactor threads.
  if (impl.listener) impl.listener->shutdown();
  impl.listener.reset();
  std::unordered_map<const Connection*, std::shared_ptr<Connection>> left;
  {
    std::lock_guard lock(impl.shared->mutex);
    left.swap(impl.shared->connections);
  }
  for (auto& [key, connection] : left) connection->close_after_stop();
  {
    std::lock_guard lock(impl.mutex);
    impl.stopped = true;
  }
  impl.wake.notify_all();
}

}  // namespace retort

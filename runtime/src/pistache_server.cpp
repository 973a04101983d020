// The HTTP server: Pistache reads and writes the bytes, App::handle decides.
#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>

#include <sys/socket.h>

#include <stdexcept>

#include "retort/server.hpp"

namespace retort {
namespace {

namespace Http = Pistache::Http;

// RFC 9112 9.3: HTTP/1.1 connections persist unless the client sends
// `Connection: close`; HTTP/1.0 ones close unless it sends `keep-alive`.
// Pistache 0.0.5 closes unless asked to keep alive, so decide here.
bool keep_alive(const Http::Request& request) {
  auto connection = request.headers().tryGet<Http::Header::Connection>();
  if (request.version() == Http::Version::Http11)
    return !connection || connection->control() != Http::ConnectionControl::Close;
  return connection && connection->control() == Http::ConnectionControl::KeepAlive;
}

// Pistache splits the query into an unordered map, losing order and repeated
// keys; rebuild a query string from it until retort parses requests itself.
std::string target_of(const Http::Request& request) {
  std::string target = request.resource();
  const auto& query = request.query();
  std::string separator = "?";
  for (auto it = query.parameters_begin(); it != query.parameters_end(); ++it) {
    target += separator + it->first + "=" + it->second;
    separator = "&";
  }
  return target;
}

// Pistache keeps every request header as raw text (and the ones it knows
// typed as well); the raw text is what the client sent.
void copy_headers(const Http::Header::Collection& from, Headers& to) {
  for (const auto& [name, raw] : from.rawList()) to.add(raw.name(), raw.value());
}

// A header with a name chosen at run time. Pistache 0.0.5 writes only typed
// headers to the wire (raw ones are dropped), so every header a handler sets
// goes out through this one type.
class TextHeader : public Http::Header::Header {
 public:
  TextHeader(std::string name, std::string value) : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  // Pistache's checked header casts compare this hash to a typed header's.
  std::uint64_t hash() const override { return Http::Header::detail::hash(name_.c_str()); }
  void write(std::ostream& stream) const override { stream << value_; }

 private:
  std::string name_;
  std::string value_;
};

class Handler : public Http::Handler {
 public:
  HTTP_PROTOTYPE(Handler)

  explicit Handler(const App& app) : app_(app) {}

  void onRequest(const Http::Request& in, Http::ResponseWriter writer) override {
    Request request(Http::methodString(in.method()), target_of(in));
    copy_headers(in.headers(), request.headers());
    request.set_body(in.body());
    request.set_remote_addr(in.address().host());

    Response response = app_.handle(request);

    const bool persist = keep_alive(in);
    writer.headers().remove<Http::Header::Connection>();
    writer.headers().add<Http::Header::Connection>(persist ? Http::ConnectionControl::KeepAlive
                                                           : Http::ConnectionControl::Close);
    for (const auto& [name, value] : response.headers().items())
      writer.headers().add(std::make_shared<TextHeader>(name, value));
    std::shared_ptr<Pistache::Tcp::Peer> peer = writer.peer();
    writer.send(static_cast<Http::Code>(response.status()), response.body())
        .then(
            [peer, persist](ssize_t) {
              // Pistache writes `Connection: close` but keeps the socket;
              // end it once the response is out, so the client sees EOF.
              if (!persist && peer) ::shutdown(peer->fd(), SHUT_RDWR);
            },
            Pistache::Async::NoExcept);
  }

 private:
  const App& app_;
};

}  // namespace

struct Server::Impl {
  Impl(const App& app, const ServerOptions& options)
      : address(options.host + ":" + std::to_string(options.port)),
        endpoint(Pistache::Address(options.host, Pistache::Port(options.port))) {
    auto opts = Http::Endpoint::options().threads(static_cast<int>(options.threads)).flags(
        Pistache::Tcp::Options::ReuseAddr);
    endpoint.init(opts);
    endpoint.setHandler(Http::make_handler<Handler>(app));
  }
  void serve(void (Http::Endpoint::*how)()) {
    try {
      (endpoint.*how)();
    } catch (const std::exception& e) {
      throw std::runtime_error("cannot serve on " + address + ": " + e.what());
    }
  }

  std::string address;
  Http::Endpoint endpoint;
};

Server::Server(const App& app, ServerOptions options) : impl_(std::make_unique<Impl>(app, options)) {}

Server::~Server() {
  if (impl_) stop();
}

std::uint16_t Server::port() const { return impl_->endpoint.getPort(); }
// Pistache binds when serving starts, so that is where a busy port shows.
void Server::start() { impl_->serve(&Http::Endpoint::serveThreaded); }
void Server::run() { impl_->serve(&Http::Endpoint::serve); }
void Server::stop() { impl_->endpoint.shutdown(); }

}  // namespace retort

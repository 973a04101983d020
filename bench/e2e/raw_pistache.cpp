// raw_pistache: the baseline for the end-to-end benchmark (run_e2e.py). A
// hand-written Pistache server doing the work of examples/hello's
// GET /user/<int:id> handler with nothing else: what retort costs on top of
// Pistache is then hello minus this.
//
//   raw_pistache [--host HOST] [--port PORT] [--threads N]
//
// Same shape as retort::Server: one Pistache listener (accept thread) plus N
// reactor threads, N = 1 by default as retort::ServerOptions::threads.
//
// Response headers, compared with hello's (Content-Type, Content-Length,
// Date, Server: retort, Connection: keep-alive|close, in that order): the
// same fields, but in Pistache's order (Content-Type, Server, Date,
// Connection, Content-Length), with the Connection values spelt
// "Keep-Alive"/"Close", and "Server: pistache". The 404 has an empty body
// (hello's is a 207-byte HTML page), and other methods get 404, not 405; the
// benchmark asks for neither.
//
// Three Pistache 0.0.5 quirks are worked around, so the server does what
// retort does:
// - Pistache puts its own Connection header on every response before
//   onRequest: the request's value, or "Close" when the request has none
//   (wrong for HTTP/1.1, whose default is keep-alive); we replace it.
// - Pistache never closes a connection itself (only after reading EOF), even
//   after "Connection: close"; retort (and nginx) close it from the server
//   side after the response, so we shutdown(SHUT_WR) the socket as retort
//   does; the client then closes, and Pistache sees EOF and closes the fd.
// - Header::Date writes "Sat, 21 Nov 2026 10:21:44.214015705 UTC", not an
//   HTTP date, so Date is our own header class, formatted per response as
//   retort does.
//
// Build: g++ -std=c++20 -O2 raw_pistache.cpp $(pkg-config --cflags --libs libpistache)
#include <pthread.h>
#include <sys/socket.h>

#include <charconv>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>

using namespace Pistache;

namespace {

// "/user/<digits>" -> the id, as retort's int converter (digits only, fits an
// int); anything else -> false.
bool parse_user_path(std::string_view path, int& id) {
  constexpr std::string_view prefix = "/user/";
  if (!path.starts_with(prefix)) return false;
  path.remove_prefix(prefix.size());
  if (path.empty()) return false;
  for (char c : path)
    if (c < '0' || c > '9') return false;  // from_chars would take a leading '-'
  auto [end, error] = std::from_chars(path.data(), path.data() + path.size(), id);
  return error == std::errc() && end == path.data() + path.size();
}

// Date: <IMF-fixdate>, e.g. "Sat, 21 Nov 2026 10:21:44 GMT" (RFC 9110 5.6.7).
class HttpDate : public Http::Header::Header {
 public:
  NAME("Date")
  void write(std::ostream& os) const override {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    os.write(text, static_cast<std::streamsize>(std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm)));
  }
};

class UserHandler : public Http::Handler {
 public:
  HTTP_PROTOTYPE(UserHandler)

  void onRequest(const Http::Request& request, Http::ResponseWriter response) override {
    // The headers retort adds to every response; send() adds Content-Type
    // and Content-Length.
    auto connection = request.headers().tryGet<Http::Header::Connection>();
    const bool close = connection && connection->control() == Http::ConnectionControl::Close;
    auto& headers = response.headers();
    headers.remove<Http::Header::Connection>();  // Pistache's, see above
    headers.add<Http::Header::Connection>(close ? Http::ConnectionControl::Close
                                                : Http::ConnectionControl::KeepAlive);
    headers.add<HttpDate>();
    headers.add<Http::Header::Server>("pistache");

    int id = 0;
    auto sent = request.method() == Http::Method::Get && parse_user_path(request.resource(), id)
                    ? response.send(Http::Code::Ok, "Hello, user " + std::to_string(id) + "!\n", html_)
                    : response.send(Http::Code::Not_Found);
    if (close) {
      // Runs on this reactor thread once the response is written, so before
      // Pistache can have handled a disconnection and closed the fd.
      sent.then([peer = response.peer()](ssize_t) { ::shutdown(peer->fd(), SHUT_WR); },
                Async::IgnoreException);
    }
  }

 private:
  const Http::Mime::MediaType html_ = Http::Mime::MediaType::fromString("text/html; charset=utf-8");
};

}  // namespace

int main(int argc, char** argv) {
  std::string host = "127.0.0.1";
  int port = 9080;
  int threads = 1;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if ((arg == "--host" || arg == "--port" || arg == "--threads") && i + 1 < argc) {
      const char* value = argv[++i];
      if (arg == "--host") host = value;
      else if (arg == "--port") port = std::atoi(value);
      else threads = std::atoi(value);
    } else {
      std::cerr << "usage: " << argv[0] << " [--host HOST] [--port PORT] [--threads N]\n";
      return 2;
    }
  }

  // As hello: block SIGINT/SIGTERM before Pistache starts its threads, wait
  // for one here, and shut down cleanly.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  try {
    Http::Endpoint server(Address(host, Port(static_cast<uint16_t>(port))));
    // As retort: SO_REUSEADDR, and TCP_NODELAY (retort sets it on each
    // connection; here on the listening socket, which accepted ones inherit).
    server.init(Http::Endpoint::options().threads(threads).flags(Flags<Tcp::Options>(Tcp::Options::ReuseAddr) |
                                                                 Tcp::Options::NoDelay));
    server.setHandler(Http::make_handler<UserHandler>());
    server.serveThreaded();
    std::cout << "Serving on http://" << host << ":" << server.getPort() << "/ with " << threads
              << " thread(s)" << std::endl;
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.shutdown();
  } catch (const std::exception& e) {
    std::cerr << "raw_pistache: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

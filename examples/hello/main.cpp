// hello: a retort app. `hello [--host HOST] [--port PORT]`, by default on
// http://127.0.0.1:5000 as Flask's development server.
#include <pthread.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include <retort/app.hpp>
#include <retort/server.hpp>

#include "hello_routes.hpp"

int main(int argc, char** argv) {
  retort::ServerOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if ((arg == "--host" || arg == "--port") && i + 1 < argc) {
      std::string_view value = argv[++i];
      if (arg == "--host") options.host = value;
      else options.port = static_cast<std::uint16_t>(std::atoi(value.data()));
    } else {
      std::cerr << "usage: " << argv[0] << " [--host HOST] [--port PORT]\n";
      return 2;
    }
  }

  retort::App app;
  register_routes(app);

  // Block SIGINT and SIGTERM before the server starts its threads (they
  // inherit the mask), then wait for one here and shut down cleanly.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  try {
    retort::Server server(app, options);
    server.start();
    std::cout << "Serving on http://" << options.host << ":" << server.port() << "/ (Ctrl+C to quit)"
              << std::endl;
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
  } catch (const std::exception& e) {
    std::cerr << "hello: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

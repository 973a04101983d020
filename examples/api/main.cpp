// api: a JSON API on retort. `api [--intent development|testing|production]
// [--host HOST] [--port PORT]`; by default the development intent on
// http://127.0.0.1:5000.
#include <pthread.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include <retort/server.hpp>

#include "app.hpp"

int main(int argc, char** argv) {
  retort::ServerOptions options;
  retort::Intent intent = retort::Intent::development;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::optional<retort::Intent> parsed;
    if ((arg == "--host" || arg == "--port" || arg == "--intent") && i + 1 < argc) {
      std::string_view value = argv[++i];
      if (arg == "--host") options.host = value;
      else if (arg == "--port") options.port = static_cast<std::uint16_t>(std::atoi(value.data()));
      else if ((parsed = retort::parse_intent(value))) intent = *parsed;
      else arg = "";
    }
    if (arg.empty() || !(arg == "--host" || arg == "--port" || arg == "--intent")) {
      std::cerr << "usage: " << argv[0] << " [--intent development|testing|production] [--host HOST] [--port PORT]\n";
      return 2;
    }
  }

  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  try {
    retort::App app = create_app(intent);
    retort::Server server(app, options);
    server.start();
    std::cout << "Serving the api (" << retort::to_string(intent) << ") on http://" << options.host << ":"
              << server.port() << "/api/items (Ctrl+C to quit)" << std::endl;
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
  } catch (const std::exception& e) {
    std::cerr << "api: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

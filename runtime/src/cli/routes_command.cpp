// SCAFFOLDING, replaced by the routes command (#8).
#include "cli/command.hpp"
namespace retort::cli {
namespace {
constexpr Option kOptions[] = {{"--intent", "NAME", "the intent to make the app for (default: development)"}};
}
const CommandSpec kRoutesSpec{"routes", "[OPTIONS]", "Show the routes for the app.", kOptions};
int routes_command(const App&, const Arguments&, Io& io) {
  io.err << "routes: not built yet\n";
  return 1;
}
}  // namespace retort::cli

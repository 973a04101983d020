// SCAFFOLDING, replaced by the config command (#8).
#include "cli/command.hpp"
namespace retort::cli {
namespace {
constexpr Option kOptions[] = {{"--intent", "NAME", "development (default), testing or production"}};
}
const CommandSpec kConfigSpec{"config", "[OPTIONS]", "Show the effective configuration of an intent.", kOptions};
int config_command(const App&, const Arguments&, Io& io) {
  io.err << "config: not built yet\n";
  return 1;
}
}  // namespace retort::cli

// SCAFFOLDING, replaced by the deploy command (#8).
#include "cli/command.hpp"
namespace retort::cli {
const CommandSpec kDeploySpec{"deploy", "[OPTIONS]", "Write an nginx server block and a systemd unit for production.", {}};
int deploy_command(const App&, const Arguments&, Io& io, const Program&) {
  io.err << "deploy: not built yet\n";
  return 1;
}
}  // namespace retort::cli

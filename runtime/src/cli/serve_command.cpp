// SCAFFOLDING, replaced by the serve command (#8).
#include "cli/command.hpp"
namespace retort::cli {
const CommandSpec kServeSpec{"serve", "[OPTIONS]", "Run the production server.", {}};
int serve_command(const AppFactory&, const Arguments&, Io& io, const Program&) {
  io.err << "serve: not built yet\n";
  return 1;
}
}  // namespace retort::cli

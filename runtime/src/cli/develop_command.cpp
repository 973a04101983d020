// SCAFFOLDING, replaced by the develop command (#8).
#include "cli/command.hpp"
namespace retort::cli {
const CommandSpec kDevelopSpec{"develop", "[OPTIONS]", "Run the development server.", {}};
int develop_command(const AppFactory&, const Arguments&, Io& io, const Program&) {
  io.err << "develop: not built yet\n";
  return 1;
}
}  // namespace retort::cli

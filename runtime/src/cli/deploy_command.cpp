// `./app deploy --output DIR [OPTIONS]`: for the production intent, an nginx
// server block and a systemd template unit (deploy_files.hpp), written to
// DIR, and what to run next on stdout.
//
// Both files are written whole to temporary files in DIR before either is
// renamed over its name, so a failure while writing (disk full, a bad
// folder) leaves nothing; only a failing second rename, in the same folder
// a moment after the first, could leave one new file. An existing file is
// kept unless --force is given.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ostream>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/deploy_files.hpp"
#include "cli/server_settings.hpp"

namespace retort::cli {
namespace {

constexpr Option kOptions[] = {
    {"--output", "DIR", "the folder to write the files to (made if missing)"},
    {"--processes", "N", "how many app processes nginx balances over (default: 2)"},
    {"--port", "FIRST_PORT", "the first process's port; the others follow it (default: 8000)"},
    {"--server-name", "NAME", "nginx's server_name (default: the app's SERVER_NAME, else _)"},
    {"--user", "USER", "the user the processes run as (default: a dynamic one, made by systemd)"},
    {"--force", "", "overwrite files that exist"},
};


struct OutputFile {
  std::filesystem::path path;
  std::string text;
};

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path, int error) {
  throw DeployError("cannot " + what + " " + path.string() + ": " + std::strerror(error));
}

// Writes `text` to a new temporary file next to `path`, flushed to disk;
// returns its name.
std::filesystem::path write_temporary(const std::filesystem::path& path, const std::string& text) {
  std::string name = (path.parent_path() / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) fail("create a temporary file for", path, errno);
  std::size_t done = 0;
  int error = 0;
  while (done < text.size() && error == 0) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno != EINTR) error = errno;
    if (n > 0) done += static_cast<std::size_t>(n);
  }
  if (error == 0 && ::fchmod(fd, 0644) != 0) error = errno;
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) {
    ::unlink(name.c_str());
    fail("write", path, error);
  }
  return name;
}

void write_all_or_none(const std::vector<OutputFile>& files, bool overwrite) {
  std::string existing;
  for (const OutputFile& file : files) {
    std::error_code error;
    if (std::filesystem::symlink_status(file.path, error).type() != std::filesystem::file_type::not_found)
      existing += (existing.empty() ? "" : " and ") + file.path.string();
  }
  if (!overwrite && !existing.empty())
    throw DeployError(existing + (existing.find(" and ") != std::string::npos ? " exist" : " exists") +
                      "; --force overwrites");

  std::vector<std::filesystem::path> temporaries;
  try {
    for (const OutputFile& file : files) temporaries.push_back(write_temporary(file.path, file.text));
  } catch (...) {
    for (const auto& temporary : temporaries) ::unlink(temporary.c_str());
    throw;
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (::rename(temporaries[i].c_str(), files[i].path.c_str()) != 0) {
      const int error = errno;
      for (std::size_t j = i; j < temporaries.size(); ++j) ::unlink(temporaries[j].c_str());
      fail("replace", files[i].path, error);
    }
  }
  // The renames themselves reach the disk with the folder.
  if (const int dir = ::open(files.front().path.parent_path().c_str(), O_RDONLY | O_DIRECTORY); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

// nginx's server_name from the app's SERVER_NAME (host[:port]): the host.
std::string host_of(std::string server_name) {
  const std::size_t colon = server_name.rfind(':');
  if (colon != std::string::npos && server_name.find(']', colon) == std::string::npos) server_name.resize(colon);
  return server_name;
}

DeployPlan make_plan(const App& app, const Arguments& args, const Program& program) {
  DeployPlan plan;
  plan.app = program.executable.filename().string();
  plan.executable = program.executable;
  plan.working_directory = app.root();
  plan.processes = static_cast<unsigned>(args.number("--processes", 1, 256).value_or(2));
  plan.first_port = static_cast<unsigned>(args.number("--port", 1, 65535).value_or(8000));
  if (plan.first_port + plan.processes - 1 > 65535)
    throw UsageError(std::to_string(plan.processes) + " processes from port " + std::to_string(plan.first_port) +
                     " would need ports past 65535");
  const Config& config = app.config();
  if (auto name = args.value("--server-name")) plan.server_name = std::string(*name);
  else if (auto configured = config.find<std::string>("SERVER_NAME")) plan.server_name = host_of(*configured);
  if (auto user = args.value("--user")) plan.user = std::string(*user);
  if (auto route = app.static_route(); route && !route->url_path.empty()) {
    plan.static_url_path = route->url_path;
    plan.static_folder = route->folder;
  }
  plan.static_max_age = config.find<std::int64_t>("SEND_FILE_MAX_AGE_DEFAULT");
  plan.max_content_length = app.max_content_length();
  plan.trusted_for = config.get_or<unsigned>("PROXY_FIX.X_FOR", 0);
  plan.trusted_proto = config.get_or<unsigned>("PROXY_FIX.X_PROTO", 0);
  plan.shutdown_timeout = kServeShutdownTimeout;
  plan.app_keep_alive = ServerOptions{}.keep_alive_timeout;  // serve keeps the default
  return plan;
}

// What the production config gets wrong for running behind nginx.
void print_notes(const App& app, const DeployPlan& plan, std::ostream& err) {
  const std::string program = plan.app + " deploy";
  if (plan.trusted_for == 0)
    err << program << ": note: PROXY_FIX.X_FOR is 0: behind nginx the app takes 127.0.0.1 for every client; "
        << "set it to 1 in the production section of the config (docs/deploying.md)\n";
  if (plan.trusted_proto == 0)
    err << program << ": note: PROXY_FIX.X_PROTO is 0: the app will not see that nginx was reached over https; "
        << "set it to 1 in the production section of the config\n";
  for (const ConfigEntry& entry : app.config().entries()) {
    if (entry.key == "SECRET_KEY" && entry.source.find(" [") != std::string::npos)
      err << program << ": note: SECRET_KEY comes from " << entry.source
          << "; keep it out of files under version control: RETORT_SECRET_KEY in /etc/" << plan.app << "/env\n";
  }
  if (app.static_route() && !plan.static_url_path)
    err << program << ": note: STATIC_URL_PATH is /: the app serves its static files itself\n";
}

}  // namespace

const CommandSpec kDeploySpec{"deploy", "--output DIR [OPTIONS]",
                              "Write an nginx server block and a systemd unit for the production intent.", kOptions};

int deploy_command(const App& app, const Arguments& args, Io& io, const Program& program) {
  if (!args.positionals().empty())
    throw UsageError("unexpected argument '" + std::string(args.positionals().front()) + "'");
  const auto output = args.value("--output");
  if (!output || output->empty()) throw UsageError("deploy needs --output DIR");
  const DeployPlan plan = make_plan(app, args, program);
  check_plan(plan);

  const std::filesystem::path dir = std::filesystem::absolute(std::filesystem::path(*output));
  std::filesystem::create_directories(dir);
  const std::vector<OutputFile> files = {{dir / nginx_file_name(plan), nginx_server_block(plan)},
                                         {dir / systemd_file_name(plan), systemd_unit(plan)}};
  write_all_or_none(files, args.flag("--force"));
  print_notes(app, plan, io.err);
  io.out << install_instructions(plan, files[0].path, files[1].path);
  return 0;
}

}  // namespace retort::cli

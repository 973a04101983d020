// Pages that show what `hello develop` and `hello serve` do (docs/cli.md).
#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>
#include <retort/request.hpp>
#include <retort/response.hpp>
#include <retort/route.hpp>

#include "hello_routes.hpp"

// What the app sees of a request: behind a proxy, the client's address,
// scheme and host come from X-Forwarded-* only when PROXY_FIX trusts it.
RETORT_GET("/whoami")
nlohmann::json whoami(const retort::Request& request) {
  return {{"remote_addr", request.remote_addr()}, {"scheme", request.scheme()}, {"host", request.host()},
          {"url", request.url()}};
}

// A slow page (at most 30 s): `serve` lets it finish when told to stop.
RETORT_GET("/slow/<float:seconds>")
std::string slow(double seconds) {
  std::this_thread::sleep_for(std::chrono::duration<double>(std::clamp(seconds, 0.0, 30.0)));
  return "Slept " + std::to_string(seconds) + " s.\n";
}

// A body of `size` bytes, for trying large responses (scripts/load-faults):
// at most 16 MiB, so that no request can make the server build a body of
// any size it names; a larger size matches no route (404).
RETORT_GET("/bytes/<int(max=16777216):size>")
retort::Response bytes(int size) {
  return retort::Response{std::string(static_cast<std::size_t>(size), 'x'), 200, "application/octet-stream"};
}

// A page that fails: `develop` shows the debug page, `serve` a plain 500,
// and both keep serving.
RETORT_GET("/boom")
std::string boom() {
  throw std::runtime_error("the /boom page always fails");
}

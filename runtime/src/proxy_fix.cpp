#include "proxy_fix.hpp"

#include "header_value.hpp"

#include <utility>
#include <vector>

namespace retort::detail {
namespace {

// Python's str.isspace() on the header as a WSGI server hands it over,
// decoded as Latin-1: 0x85 and 0xA0 count too, even inside UTF-8. The
// parser already refused the other control characters.
bool is_python_space(char c) {
  switch (static_cast<unsigned char>(c)) {
    case '\t': case '\n': case '\v': case '\f': case '\r':
    case 0x1c: case 0x1d: case 0x1e: case 0x1f: case ' ':
    case 0x85: case 0xa0:
      return true;
    default:
      return false;
  }
}

std::string_view strip(std::string_view s) {
  while (!s.empty() && is_python_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_python_space(s.back())) s.remove_suffix(1);
  return s;
}

// Every line of header `name`, joined with "," (as Werkzeug's server builds
// the WSGI environ); nullopt when there is none.
std::optional<std::string> joined_header(const Request& request, std::string_view name) {
  std::optional<std::string> joined;
  for (const auto& [key, value] : request.headers().items()) {
    if (!iequals(key, name)) continue;
    if (joined) joined->append(",").append(value);
    else joined = value;
  }
  return joined;
}

// The trusted value of header `name`; nullopt also for an empty one, which
// ProxyFix does not apply.
std::optional<std::string> trusted_header(const Request& request, unsigned trusted, std::string_view name) {
  if (trusted == 0) return std::nullopt;
  std::optional<std::string> value = joined_header(request, name);
  if (!value) return std::nullopt;
  std::optional<std::string> real = forwarded_value(trusted, *value);
  if (real && real->empty()) return std::nullopt;
  return real;
}

}  // namespace

std::optional<std::string> forwarded_value(unsigned trusted, std::string_view value) {
  if (trusted == 0 || value.empty()) return std::nullopt;
  std::vector<std::string> values = parse_list_header(value, strip);
  if (values.size() < trusted) return std::nullopt;
  return std::move(values[values.size() - trusted]);
}

void apply_proxy_fix(const ProxyFix& fix, Request& request) {
  const Request& read = request;  // Request::headers() non-const drops what was parsed from them
  if (auto addr = trusted_header(read, fix.x_for, "X-Forwarded-For")) request.set_remote_addr(std::move(*addr));
  if (auto proto = trusted_header(read, fix.x_proto, "X-Forwarded-Proto")) request.set_scheme(std::move(*proto));
  if (auto host = trusted_header(read, fix.x_host, "X-Forwarded-Host")) request.headers().set("Host", *host);
  if (auto port = trusted_header(read, fix.x_port, "X-Forwarded-Port")) {
    // The header as sent, as Werkzeug's ProxyFix reads HTTP_HOST: not
    // host(), which is empty for a value that is no valid host (`::1`).
    std::string host(read.headers().get("Host").value_or(""));
    if (!host.empty()) {
      // A ':' not in a bracketed IPv6 address ("[::1]") starts the port.
      if (host.find(':') != std::string::npos && host.back() != ']') host.erase(host.rfind(':'));
      request.headers().set("Host", host + ":" + *port);
    }
  }
}

}  // namespace retort::detail

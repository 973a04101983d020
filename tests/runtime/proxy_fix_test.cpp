// ProxyFix against Werkzeug's: proxy_fix_cases.inc holds requests and what
// the real werkzeug.middleware.proxy_fix.ProxyFix made of them
// (proxy_fix_cases.py wrote it; the ctest runtime.proxy_fix_cases checks it
// is current).
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "proxy_fix.hpp"

namespace {

struct ProxyFixCase {
  const char* name;
  retort::ProxyFix fix;
  const char* host;  // nullptr: no Host header
  std::vector<std::pair<const char*, const char*>> headers;
  const char* remote_addr;
  const char* scheme;
  const char* fixed_host;  // nullptr: no Host header
};

const ProxyFixCase kCases[] = {
#include "proxy_fix_cases.inc"
};

TEST_CASE("ProxyFix rewrites a request as Werkzeug's ProxyFix does", "[proxy_fix]") {
  for (const ProxyFixCase& c : kCases) {
    INFO(c.name);
    retort::Request request("GET", "/");
    if (c.host) request.headers().add("Host", c.host);
    for (const auto& [name, value] : c.headers) request.headers().add(name, value);
    request.set_remote_addr("192.0.2.1");
    retort::detail::apply_proxy_fix(c.fix, request);
    CHECK(request.remote_addr() == c.remote_addr);
    CHECK(request.scheme() == c.scheme);
    const std::optional<std::string_view> host = std::as_const(request).headers().get("Host");
    CHECK(host.has_value() == (c.fixed_host != nullptr));
    if (host && c.fixed_host) CHECK(*host == c.fixed_host);
  }
}

TEST_CASE("forwarded_value takes the Nth value from the right", "[proxy_fix]") {
  using retort::detail::forwarded_value;
  CHECK(forwarded_value(1, "a, b, c") == "c");
  CHECK(forwarded_value(3, "a, b, c") == "a");
  CHECK_FALSE(forwarded_value(4, "a, b, c"));
  CHECK_FALSE(forwarded_value(0, "a"));
  CHECK_FALSE(forwarded_value(1, ""));
}

}  // namespace

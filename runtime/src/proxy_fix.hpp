// ProxyFix: what the X-Forwarded-* headers of a request change in it when
// the server sits behind proxies it trusts (ServerOptions::proxy_fix), with
// the semantics of Werkzeug 3.1's werkzeug.middleware.proxy_fix.ProxyFix,
// down to the byte. Pure: a Request in, the same Request out.
//
//   apply_proxy_fix({.x_for = 1, .x_proto = 1}, request);
//   // X-Forwarded-For: 203.0.113.7, 10.0.0.2   → remote_addr() "10.0.0.2"
//   // X-Forwarded-Proto: https                 → scheme() "https"
//
// tests/runtime/proxy_fix_cases.py runs the real ProxyFix on a table of
// requests and writes the answers the unit test compares against.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "retort/request.hpp"
#include "retort/server.hpp"

namespace retort::detail {

// The value `trusted` proxies vouch for in an X-Forwarded-* header value:
// the `trusted`-th item from the right of the list, or nullopt when
// `trusted` is 0, the value is empty or it holds fewer items (Werkzeug's
// ProxyFix._get_real_value). The list is read as Werkzeug's
// parse_list_header reads it: commas inside "quoted strings" do not split,
// items are stripped and empty ones dropped, a quoted item is unquoted, and
// an unclosed quote makes the whole list empty.
std::optional<std::string> forwarded_value(unsigned trusted, std::string_view value);

// Sets remote_addr() from X-Forwarded-For, scheme() from X-Forwarded-Proto,
// the Host header from X-Forwarded-Host and its port from X-Forwarded-Port,
// each only when `fix` trusts that header. Several lines of one header
// count as one list, joined with "," as a WSGI server joins them.
void apply_proxy_fix(const ProxyFix& fix, Request& request);

}  // namespace retort::detail

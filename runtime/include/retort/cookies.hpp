// Cookies: reading the Cookie request header and writing Set-Cookie
// response headers, byte for byte as Werkzeug 3.1 (parse_cookie,
// dump_cookie, Response.delete_cookie).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace retort {

// werkzeug.http.parse_cookie: `a=1; b="x y"` gives {a, 1}, {b, x y}, in
// order, repeated names kept (Flask's request.cookies.get is the first).
// Names and values are stripped of whitespace; a quoted value loses its
// quotes and its `\"` and `\ooo` (octal byte) escapes, which is how
// format_set_cookie writes values that need them. A piece without `=` is a
// name with an empty value; pieces with an empty name are skipped. The
// header is read as UTF-8, invalid bytes becoming U+FFFD (Flask itself
// reads raw non-ASCII as Latin-1 mojibake; nobody wants that copied).
std::vector<std::pair<std::string, std::string>> parse_cookies(std::string_view cookie_header);

enum class SameSite { unset, strict, lax, none };

struct CookieOptions {
  // Max-Age; when given without `expires`, Expires is set to now + max_age
  // too (Werkzeug's sync_expires), for clients that only know Expires.
  std::optional<std::chrono::seconds> max_age = {};
  std::optional<std::chrono::sys_seconds> expires = {};
  // Percent-encoded where a URL path segment would need it. "" writes
  // `Path=` (as Werkzeug's path=""); there is no way to leave Path out.
  std::string path = "/";
  // Empty: no Domain (a host-only cookie). A port and leading dots are
  // dropped (`.example.com:8000` is `example.com`). Must be ASCII: pass a
  // non-ASCII name in its IDNA form (`xn--...`).
  std::string domain = {};
  bool secure = false;
  bool http_only = false;
  SameSite same_site = SameSite::unset;
  // CHIPS partitioned storage (Werkzeug 3.1's partitioned); implies Secure.
  bool partitioned = false;
};

// Werkzeug's dump_cookie: the value of one Set-Cookie header, attributes in
// Werkzeug's order: `name=value; Domain=; Expires=; Max-Age=; Secure;
// HttpOnly; Path=; SameSite=; Partitioned`. A value with characters outside
// RFC 6265's cookie-octets (space, `"`, `,`, `;`, `\`, controls, non-ASCII)
// is quoted, with `"`, `\` and such bytes escaped as `\"`, `\\`, `\ooo`.
// Names are written as given (Werkzeug checks nothing), except that a CR or
// LF in the name or domain throws std::invalid_argument (Werkzeug's header
// check raises ValueError), and so does a domain Python's IDNA codec
// rejects (an empty or over-63-byte label) or one that is not ASCII.
std::string format_set_cookie(std::string_view name, std::string_view value, const CookieOptions& options = {});

// Werkzeug's Response.delete_cookie: an empty, expired cookie
// (`Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0`) with the same path,
// domain and flags, which a client must match to drop the cookie.
// `options.max_age` and `options.expires` are ignored.
std::string format_delete_cookie(std::string_view name, const CookieOptions& options = {});

// Usage:
//
//   for (auto& [name, value] : retort::parse_cookies(request.headers().get("Cookie").value_or(""))) ...
//
//   using namespace std::chrono_literals;
//   response.headers().add("Set-Cookie", retort::format_set_cookie(
//       "session", token, {.max_age = 3600s, .secure = true, .http_only = true,
//                          .same_site = retort::SameSite::lax}));
//   // session=...; Expires=<now + 1 h>; Max-Age=3600; Secure; HttpOnly; Path=/; SameSite=Lax
//
//   response.headers().add("Set-Cookie", retort::format_delete_cookie("session"));
//   // session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/

}  // namespace retort

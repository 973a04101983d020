// Request: what a handler sees of an HTTP request.
//
// A plain value, filled by the server or by the test client, so handlers
// can be called and tested without a socket.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "retort/headers.hpp"
#include "retort/method.hpp"
#include "retort/store.hpp"

namespace retort {

class Form;
namespace detail {
struct ParsedBody;
}

// Query arguments in the order they came, keys may repeat (`?tag=a&tag=b`).
class QueryArgs {
 public:
  QueryArgs() = default;
  // Parses an `application/x-www-form-urlencoded` string (without `?`).
  static QueryArgs parse(std::string_view query);

  // The first value for `key`, as Flask's `request.args.get`.
  std::optional<std::string_view> get(std::string_view key) const;
  // Every value for `key`, as Flask's `request.args.getlist`.
  std::vector<std::string_view> get_all(std::string_view key) const;
  bool contains(std::string_view key) const { return get(key).has_value(); }
  void add(std::string key, std::string value) { items_.emplace_back(std::move(key), std::move(value)); }

  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

class Request {
 public:
  // Longer request-targets are refused with 414 URI Too Long.
  static constexpr std::size_t kMaxTargetLength = 8192;
  // JSON bodies nested deeper are a 400 (a deep one would exhaust the stack).
  static constexpr int kMaxJsonDepth = 512;

  Request() = default;
  // `target` is the request-target as sent: path, optionally `?query`.
  // The path is percent-decoded here, once, as a WSGI server does, and read
  // as UTF-8 (U+FFFD for invalid bytes). A malformed escape (`%zz`) makes
  // the request a 400, an overlong target a 414: see target_error().
  Request(std::string_view method, std::string_view target);

  // 0, or the 4xx status the request-target alone earns (400, 414).
  int target_error() const { return target_error_; }

  std::string_view method_name() const { return method_name_; }
  Method method() const { return method_; }
  // The decoded path, e.g. "/user/7" or "/a b" for "/a%20b"; empty only
  // when the target has no path at all (an in-process request for "").
  std::string_view path() const { return path_; }
  std::string_view query_string() const { return query_string_; }
  const QueryArgs& args() const { return args_; }
  const Headers& headers() const { return headers_; }
  Headers& headers() {
    parsed_.reset();  // cookies() and form() read them
    return headers_;
  }
  std::string_view body() const { return body_; }
  void set_body(std::string body);
  std::string_view remote_addr() const { return remote_addr_; }
  void set_remote_addr(std::string addr) { remote_addr_ = std::move(addr); }

  // "http" unless the server says otherwise (TLS, or a trusted proxy).
  std::string_view scheme() const { return scheme_; }
  void set_scheme(std::string scheme) { scheme_ = std::move(scheme); }
  // The Host header (`example.com:8080`), or empty: also when the header
  // has characters a host cannot have (Werkzeug 3.1's get_host: only
  // letters, digits, `.`, `-`, a bracketed IPv6 address and a `:port`), so
  // `a@evil.example` or `a/b` never reach a URL.
  std::string_view host() const;
  // Flask's request.url: scheme, host, the path as sent (re-encoded) and the
  // query: `http://example.com/a%20b?x=1`.
  std::string url() const;

  // The Content-Type header, or empty.
  std::string_view content_type() const;
  // Werkzeug's is_json: application/json or application/*+json.
  bool is_json() const;

  // The body parsed as JSON, once (Flask's request.get_json()). Throws
  // HttpError 415 when the content type is not JSON and 400 when the body
  // does not parse, with Flask's messages.
  const nlohmann::json& json() const;
  // Form fields and uploaded files (Flask's request.form and request.files),
  // parsed once from an urlencoded or multipart body; empty for any other
  // content type. A malformed multipart body is HttpError 400.
  const Form& form() const;
  // The cookies the client sent, in order (Flask's request.cookies).
  const std::vector<std::pair<std::string, std::string>>& cookies() const;
  std::optional<std::string_view> cookie(std::string_view name) const;

  // Flask's `g`: hooks and handlers pass values through it. Writable through
  // a const Request: it belongs to this request alone, whose one thread
  // runs every hook and the handler.
  Store& g() const { return g_; }

 private:
  const detail::ParsedBody& parsed() const;

  std::string method_name_;
  Method method_ = Method::other;
  int target_error_ = 0;
  std::string path_;
  std::string query_string_;
  QueryArgs args_;
  Headers headers_;
  std::string body_;
  std::string remote_addr_;
  std::string scheme_ = "http";
  mutable Store g_;
  // What json(), form() and cookies() parsed, made on first use; shared so a
  // Request copies (rarely) without reparsing or an incomplete-type issue.
  mutable std::shared_ptr<detail::ParsedBody> parsed_;
};

}  // namespace retort

#include "retort/request.hpp"

#include <nlohmann/json.hpp>

#include "header_value.hpp"
#include "percent_decode.hpp"
#include "retort/cookies.hpp"
#include "retort/detail/percent_encoding.hpp"
#include "retort/form.hpp"
#include "retort/http_error.hpp"

namespace retort {
namespace {

// nlohmann's message without its `[json.exception.parse_error.101] ` tag
// and without the `last read: '…'` echo of the body.
std::string parse_error_reason(const nlohmann::json::parse_error& error) {
  std::string reason = error.what();
  if (reason.starts_with("[json.exception.")) reason.erase(0, reason.find("] ") + 2);
  if (const std::size_t echo = reason.find("; last read: "); echo != std::string::npos) reason.erase(echo);
  return reason;
}

}  // namespace

namespace detail {
struct ParsedBody {
  std::optional<nlohmann::json> json;
  std::optional<Form> form;
  std::optional<std::vector<std::pair<std::string, std::string>>> cookies;
};
}  // namespace detail

QueryArgs QueryArgs::parse(std::string_view query) {
  QueryArgs args;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    args.items_.emplace_back(detail::percent_decode(key, detail::PlusMeans::space),
                             detail::percent_decode(value, detail::PlusMeans::space));
  }
  return args;
}

std::optional<std::string_view> QueryArgs::get(std::string_view key) const {
  for (const auto& [k, v] : items_)
    if (k == key) return std::string_view(v);
  return std::nullopt;
}

std::vector<std::string_view> QueryArgs::get_all(std::string_view key) const {
  std::vector<std::string_view> values;
  for (const auto& [k, v] : items_)
    if (k == key) values.emplace_back(v);
  return values;
}

Request::Request(std::string_view method, std::string_view target)
    : method_name_(method), method_(parse_method(method)) {
  // Werkzeug upper-cases the method (`get` is GET).
  for (char& c : method_name_)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (target.size() > kMaxTargetLength) {
    target_error_ = 414;
    path_ = "/";
    return;
  }
  target = target.substr(0, target.find('#'));  // a fragment is never sent; a client may still
  std::size_t question = target.find('?');
  std::string_view raw_path = target.substr(0, question);
  if (question != std::string_view::npos) query_string_ = std::string(target.substr(question + 1));
  bool malformed = false;
  path_ = detail::percent_decode(raw_path, detail::PlusMeans::plus, &malformed);
  if (malformed) target_error_ = 400;
  // An empty path stays empty: Werkzeug matches it as no segments at all, so
  // the root rule answers it with a redirect to `/`.
  if (!path_.empty() && path_[0] != '/') path_.insert(path_.begin(), '/');
  args_ = QueryArgs::parse(query_string_);
}

void Request::set_body(std::string body) {
  body_ = std::move(body);
  parsed_.reset();
}

const detail::ParsedBody& Request::parsed() const {
  if (!parsed_) parsed_ = std::make_shared<detail::ParsedBody>();
  return *parsed_;
}

namespace {

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Werkzeug 3.1's host_is_trusted without a trusted list: the whole value
// must match `([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+])(:[0-9]+)?` (ASCII,
// any case). Anything else (`a@evil`, `a/b`, `a b`, `a\b`, `_`) would let
// a URL built from it point at another origin or carry a second URL.
bool is_valid_host(std::string_view host) {
  std::size_t end = 0;
  if (host.starts_with('[')) {
    end = host.find(']');
    if (end == std::string_view::npos) return false;
    const std::string_view inner = host.substr(1, end - 1);
    const std::size_t colon = inner.find(':');
    if (colon == std::string_view::npos || colon + 1 == inner.size()) return false;
    for (std::size_t i = 0; i < inner.size(); ++i)
      if (!is_hex(inner[i]) && (i < colon || (inner[i] != ':' && inner[i] != '.'))) return false;
    ++end;
  } else {
    auto name_char = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    };
    while (end < host.size() && name_char(host[end])) ++end;
    if (end == 0) return false;
  }
  const std::string_view port = host.substr(end);
  if (port.empty()) return true;
  if (port.size() < 2 || port.front() != ':') return false;
  for (char c : port.substr(1))
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

// As Werkzeug 3.1.8's get_host: a Host with other characters counts as no
// Host at all (request.host is ""), so nothing built from it (redirects,
// url()) can name another origin.
std::string_view Request::host() const {
  const std::string_view host = headers_.get("Host").value_or(std::string_view());
  return is_valid_host(host) ? host : std::string_view();
}

std::string Request::url() const {
  std::string url = scheme_ + "://" + std::string(host());
  detail::append_path_encoded(url, path_);
  if (!query_string_.empty()) {  // raw bytes of the target must not reach a Location (tests/fuzz/path_fuzzer.cpp)
    url += '?';
    detail::append_query_encoded(url, query_string_);
  }
  return url;
}

std::string_view Request::content_type() const {
  return headers_.get("Content-Type").value_or(std::string_view());
}

bool Request::is_json() const { return detail::is_json_mimetype(content_type()); }

const nlohmann::json& Request::json() const {
  const detail::ParsedBody& cache = parsed();
  if (!cache.json) {
    // Flask's messages (Request.on_json_loading_failed and get_json).
    if (!is_json())
      throw HttpError(415, "Did not attempt to load JSON data because the request Content-Type was not "
                           "'application/json'.");
    // nlohmann parses without recursion, but copying and dumping a value
    // recurse: a body of 100,000 `[` would overflow the stack later.
    const nlohmann::json::parser_callback_t limit_depth = [](int depth, nlohmann::json::parse_event_t,
                                                             nlohmann::json&) {
      if (depth > kMaxJsonDepth)
        throw HttpError(400, "The JSON body is nested deeper than " + std::to_string(kMaxJsonDepth) + " levels.");
      return true;
    };
    try {
      parsed_->json = nlohmann::json::parse(body_, limit_depth);
    } catch (const nlohmann::json::parse_error& e) {
      throw HttpError(400, "Failed to decode JSON object: " + parse_error_reason(e));
    }
  }
  return *cache.json;
}

const Form& Request::form() const {
  const detail::ParsedBody& cache = parsed();
  if (!cache.form) parsed_->form = Form::parse(content_type(), body_);
  return *cache.form;
}

const std::vector<std::pair<std::string, std::string>>& Request::cookies() const {
  const detail::ParsedBody& cache = parsed();
  if (!cache.cookies) {
    std::vector<std::pair<std::string, std::string>> all;
    for (const auto& [name, value] : headers_.items())
      if (iequals(name, "Cookie"))
        for (auto& cookie : parse_cookies(value)) all.push_back(std::move(cookie));
    parsed_->cookies = std::move(all);
  }
  return *cache.cookies;
}

std::optional<std::string_view> Request::cookie(std::string_view name) const {
  for (const auto& [key, value] : cookies())
    if (key == name) return std::string_view(value);
  return std::nullopt;
}

}  // namespace retort

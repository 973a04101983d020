#include "http_request_parser.hpp"

#include <algorithm>
#include <limits>

namespace retort::detail {
namespace {

// RFC 9112 3 has no limit on methods; a server "SHOULD respond with 501"
// to one longer than any it implements. WebDAV's longest is 17 bytes.
constexpr std::size_t kMaxMethod = 64;
// "HTTP/1.1" plus slack, so a missing LF after the version shows early.
constexpr std::size_t kMaxVersion = 16;
// A chunk-size line: the size, then extensions we ignore but must bound.
constexpr std::size_t kMaxChunkLine = 4096;

bool is_tchar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_tchar(c)) return false;
  return true;
}

bool is_ows(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
  return s;
}

// Calls `f` with each non-empty element of a comma-separated list
// (RFC 9110 5.6.1: empty elements are allowed and ignored).
template <typename F>
void for_each_element(std::string_view list, F f) {
  while (true) {
    std::size_t comma = list.find(',');
    std::string_view element = trim_ows(list.substr(0, comma));
    if (!element.empty()) f(element);
    if (comma == std::string_view::npos) return;
    list.remove_prefix(comma + 1);
  }
}

// Appends a decimal or hex digit to `value`; false on overflow.
bool push_digit(std::size_t& value, std::size_t base, std::size_t digit) {
  if (value > (std::numeric_limits<std::size_t>::max() - digit) / base) return false;
  value = value * base + digit;
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void HttpRequestParser::feed(std::string_view bytes, std::vector<ParseEvent>& events) {
  if (state_ == State::failed) return;
  buffer_.append(bytes);
  while (state_ != State::failed && step(events)) {
  }
  // Drop consumed bytes; memmove only when it pays for itself.
  if (pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = scan_ = 0;
  } else if (pos_ > 4096 && pos_ * 2 > buffer_.size()) {
    buffer_.erase(0, pos_);
    scan_ -= pos_;
    pos_ = 0;
  }
}

bool HttpRequestParser::step(std::vector<ParseEvent>& events) {
  switch (state_) {
    case State::request_line: return read_request_line(events);
    case State::headers: return read_header_line(events);
    case State::body:
    case State::chunk_data: return read_body(events);
    case State::chunk_size: return read_chunk_size(events);
    case State::chunk_end: return read_chunk_end(events);
    case State::trailers: return read_trailer_line(events);
    case State::failed: break;
  }
  return false;
}

std::optional<std::string_view> HttpRequestParser::next_line(std::size_t* consumed) {
  std::size_t lf = buffer_.find('\n', scan_);
  if (lf == std::string::npos) {
    scan_ = buffer_.size();  // resume after what was searched: byte-at-a-time stays linear
    return std::nullopt;
  }
  std::string_view line(buffer_.data() + pos_, lf - pos_);
  if (consumed) *consumed = lf + 1 - pos_;
  pos_ = scan_ = lf + 1;
  // RFC 9112 2.2: a bare LF may end a line as CRLF does.
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

void HttpRequestParser::fail(std::vector<ParseEvent>& events, int status, std::string message,
                             const RequestLine* line) {
  ParseError error{status, std::move(message)};
  if (line) {  // it points into buffer_: copied before that is cleared
    error.method = std::string(line->method);
    error.target = std::string(line->target);
    error.protocol = std::string(line->protocol);
  } else if (state_ != State::request_line && state_ != State::failed) {  // current_ holds the request line
    error.method = std::move(current_.method);
    error.target = std::move(current_.target);
    error.protocol = current_.minor_version == 0 ? "HTTP/1.0" : "HTTP/1.1";
    error.headers = std::move(current_.headers);
  }
  current_ = ParsedRequest{};
  state_ = State::failed;
  buffer_.clear();
  pos_ = scan_ = 0;
  events.emplace_back(std::move(error));
}

bool HttpRequestParser::read_request_line(std::vector<ParseEvent>& events) {
  std::optional<std::string_view> line = next_line();
  // What the line holds so far: complete, or the partial line, which is
  // checked too so an endless target earns its 414 before its end arrives.
  std::string_view text = line ? *line : std::string_view(buffer_).substr(pos_);
  // A partial line's last byte may be the CR of its CRLF: not counted, as
  // next_line() drops it from a complete line, so the checks below judge
  // the same text however the bytes were split (found by
  // tests/fuzz/http_request_fuzzer.cpp: a version one byte short of the
  // limit was refused before its LF came, but accepted with it).
  if (!line && text.ends_with('\r')) text.remove_suffix(1);
  std::size_t sp1 = text.find(' ');
  std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : text.find(' ', sp1 + 1);
  if ((sp1 == std::string_view::npos ? text.size() : sp1) > kMaxMethod) {
    fail(events, 501, "request method too long");
    return false;
  }
  if (sp1 != std::string_view::npos) {
    std::size_t target_size = (sp2 == std::string_view::npos ? text.size() : sp2) - sp1 - 1;
    if (target_size > limits_.max_target) {
      fail(events, 414, "request-target longer than " + std::to_string(limits_.max_target) + " bytes");
      return false;
    }
  }
  if (sp2 != std::string_view::npos && text.size() - sp2 - 1 > kMaxVersion) {
    fail(events, 400, "malformed HTTP version");
    return false;
  }
  if (!line) return false;
  if (line->empty()) return true;  // RFC 9112 2.2: ignore empty lines before a request-line

  if (sp2 == std::string_view::npos) {
    fail(events, 400, "malformed request line");
    return false;
  }
  const RequestLine parts{line->substr(0, sp1), line->substr(sp1 + 1, sp2 - sp1 - 1), line->substr(sp2 + 1)};
  const auto [method, target, version] = parts;
  if (!is_token(method)) {
    fail(events, 400, "malformed request method", &parts);
    return false;
  }
  if (target.empty()) {
    fail(events, 400, "empty request-target", &parts);
    return false;
  }
  for (char c : target) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      fail(events, 400, "control character in request-target", &parts);
      return false;
    }
  }
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (version.size() != 8 || !version.starts_with("HTTP/") || !digit(version[5]) || version[6] != '.' ||
      !digit(version[7])) {
    fail(events, 400, "malformed HTTP version", &parts);
    return false;
  }
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    fail(events, 505, std::string(version) + " is not supported", &parts);
    return false;
  }
  current_ = ParsedRequest{};
  current_.method = std::string(method);
  current_.target = std::string(target);
  current_.minor_version = version[7] - '0';
  section_bytes_ = section_fields_ = 0;
  state_ = State::headers;
  return true;
}

namespace {

// Splits `field-name ":" OWS field-value OWS` (RFC 9112 5); an error
// message for anything else.
std::optional<std::string> split_field(std::string_view line, std::string_view& name, std::string_view& value) {
  if (is_ows(line.front())) return "obsolete line folding";  // RFC 9112 5.2: reject with 400
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return "header line without a colon";
  name = line.substr(0, colon);
  // No whitespace between name and colon (RFC 9112 5.1): a classic
  // smuggling vector, since proxies disagree on what such a name means.
  if (!is_token(name)) return "malformed header name";
  value = trim_ows(line.substr(colon + 1));
  for (char c : value)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) return "control character in header value";
  return std::nullopt;
}

}  // namespace

bool HttpRequestParser::read_header_line(std::vector<ParseEvent>& events) {
  return read_field_line(events, Section::headers);
}

// One line of the header section or of a chunked body's trailer section,
// both under the header limits. Trailer fields are checked and dropped:
// nothing in retort asks for them, and merging them into the headers would
// let a trailer stand in for a header a proxy checked.
bool HttpRequestParser::read_field_line(std::vector<ParseEvent>& events, Section section) {
  const std::string what = section == Section::headers ? "header" : "trailer";
  std::size_t consumed = 0;
  std::optional<std::string_view> line = next_line(&consumed);
  if (section_bytes_ + (line ? consumed : partial_size()) > limits_.max_header_bytes) {
    fail(events, 431, what + " section larger than " + std::to_string(limits_.max_header_bytes) + " bytes");
    return false;
  }
  if (!line) return false;
  section_bytes_ += consumed;
  if (line->empty()) {
    if (section == Section::headers) end_of_headers(events);
    else complete(events);
    return true;
  }
  std::string_view name, value;
  if (auto error = split_field(*line, name, value)) {
    fail(events, 400, *error);
    return false;
  }
  if (++section_fields_ > limits_.max_headers) {
    fail(events, 431, "more than " + std::to_string(limits_.max_headers) + " " + what + " fields");
    return false;
  }
  if (section == Section::headers) current_.headers.add(name, value);
  return true;
}

void HttpRequestParser::end_of_headers(std::vector<ParseEvent>& events) {
  bool has_transfer_encoding = false, has_content_length = false;
  bool close = false, keep_alive = false, expect_continue = false, chunked = false, bad_coding = false;
  int hosts = 0;
  std::optional<std::size_t> length;
  bool bad_length = false, length_overflow = false;
  for (const auto& [name, value] : current_.headers.items()) {
    if (iequals(name, "Host")) {
      ++hosts;
    } else if (iequals(name, "Connection")) {
      for_each_element(value, [&](std::string_view option) {
        if (iequals(option, "close")) close = true;
        if (iequals(option, "keep-alive")) keep_alive = true;
      });
    } else if (iequals(name, "Expect")) {
      expect_continue = iequals(value, "100-continue");
    } else if (iequals(name, "Transfer-Encoding")) {
      has_transfer_encoding = true;
      // chunked must be the final coding, and appear once (RFC 9112 6.1).
      for_each_element(value, [&](std::string_view coding) {
        if (chunked) bad_coding = true;  // a coding after chunked
        if (iequals(coding, "chunked")) chunked = true;
      });
    } else if (iequals(name, "Content-Length")) {
      has_content_length = true;
      // Several values are allowed only when they are the same number
      // (RFC 9112 6.3); anything but digits is an error, not a guess.
      if (trim_ows(value).empty()) bad_length = true;
      for_each_element(value, [&](std::string_view element) {
        std::size_t n = 0;
        for (char c : element) {
          if (c < '0' || c > '9') bad_length = true;
          else if (!push_digit(n, 10, static_cast<std::size_t>(c - '0'))) length_overflow = true;
        }
        if (length && *length != n) bad_length = true;
        length = n;
      });
    }
  }
  // RFC 9112 3.2: exactly one Host in HTTP/1.1, or 400.
  if (current_.minor_version == 1 && hosts != 1)
    return fail(events, 400, hosts ? "more than one Host header" : "HTTP/1.1 request without a Host header");
  current_.keep_alive = current_.minor_version == 1 ? !close : keep_alive && !close;

  std::size_t body_size = 0;
  if (has_transfer_encoding) {
    // Both framings at once is how requests are smuggled past a proxy that
    // reads the other one (RFC 9112 6.1, 11.2): refuse instead of choosing.
    if (has_content_length) return fail(events, 400, "both Transfer-Encoding and Content-Length");
    if (current_.minor_version == 0) return fail(events, 400, "Transfer-Encoding in an HTTP/1.0 request");
    if (!chunked || bad_coding) return fail(events, 400, "Transfer-Encoding without chunked as the final coding");
  } else if (has_content_length) {
    if (bad_length || !length) return fail(events, 400, "invalid Content-Length");
    if (length_overflow || (limits_.max_body && *length > *limits_.max_body))
      return fail(events, 413, "request body larger than the limit");
    body_size = *length;
  }
  if (expect_continue && current_.minor_version == 1 && (chunked || body_size > 0))
    events.emplace_back(SendContinue{});
  if (chunked) {
    state_ = State::chunk_size;
  } else if (body_size > 0) {
    current_.body.reserve(std::min<std::size_t>(body_size, 1 << 20));  // a claimed size is not yet memory
    remaining_ = body_size;
    state_ = State::body;
  } else {
    complete(events);
  }
}

bool HttpRequestParser::read_body(std::vector<ParseEvent>& events) {
  std::size_t n = std::min(remaining_, partial_size());
  current_.body.append(buffer_, pos_, n);
  pos_ += n;
  scan_ = pos_;
  remaining_ -= n;
  if (remaining_ > 0) return false;
  if (state_ == State::chunk_data) state_ = State::chunk_end;
  else complete(events);
  return true;
}

bool HttpRequestParser::read_chunk_size(std::vector<ParseEvent>& events) {
  std::optional<std::string_view> line = next_line();
  if ((line ? line->size() : partial_size()) > kMaxChunkLine) {
    fail(events, 400, "chunk-size line too long");
    return false;
  }
  if (!line) return false;
  // chunk-size [ BWS ";" extensions ]: extensions are ignored (RFC 9112 7.1.1).
  std::size_t size = 0, digits = 0;
  bool overflow = false;
  for (; digits < line->size() && hex_value((*line)[digits]) >= 0; ++digits)
    if (!push_digit(size, 16, static_cast<std::size_t>(hex_value((*line)[digits])))) overflow = true;
  std::string_view rest = trim_ows(line->substr(digits));
  if (digits == 0 || (!rest.empty() && rest.front() != ';') || rest.find('\r') != std::string_view::npos) {
    fail(events, 400, "malformed chunk size");
    return false;
  }
  if (overflow || (limits_.max_body && size > *limits_.max_body - current_.body.size())) {
    fail(events, 413, "request body larger than the limit");
    return false;
  }
  if (size == 0) {
    section_bytes_ = section_fields_ = 0;
    state_ = State::trailers;
  } else {
    remaining_ = size;
    state_ = State::chunk_data;
  }
  return true;
}

bool HttpRequestParser::read_chunk_end(std::vector<ParseEvent>& events) {
  std::optional<std::string_view> line = next_line();
  // Only CRLF (or LF) may follow chunk data.
  if (line ? !line->empty() : partial_size() > 1 || (partial_size() == 1 && buffer_[pos_] != '\r')) {
    fail(events, 400, "chunk data not followed by CRLF");
    return false;
  }
  if (!line) return false;
  state_ = State::chunk_size;
  return true;
}

bool HttpRequestParser::read_trailer_line(std::vector<ParseEvent>& events) {
  return read_field_line(events, Section::trailers);
}

void HttpRequestParser::complete(std::vector<ParseEvent>& events) {
  events.emplace_back(std::move(current_));
  current_ = ParsedRequest{};
  remaining_ = 0;
  state_ = State::request_line;
}

}  // namespace retort::detail

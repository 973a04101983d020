// Fuzz target: the HTTP/1.1 request parser every connection's bytes go
// through (runtime/src/http_request_parser.cpp), under fuzzer-chosen
// limits. Not one of #9's listed targets; it is the first thing an
// attacker reaches, so it is fuzzed too.
//
// Oracle:
//   - the bytes fed in one piece and fed in fuzzer-chosen pieces give the
//     same events (the parser's documented promise);
//   - nothing follows a ParseError, whose status is one of the six it may
//     answer; the parser then reports failed();
//   - a request keeps to the limits: its target, its header count and its
//     body; its method is a token; no header name or value holds CR, LF or
//     NUL, and no value has surrounding whitespace.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "fuzz_check.hpp"
#include "fuzz_input.hpp"
#include "http_request_parser.hpp"

using retort::detail::HttpLimits;
using retort::detail::HttpRequestParser;
using retort::detail::ParseError;
using retort::detail::ParseEvent;
using retort::detail::ParsedRequest;
using retort::detail::SendContinue;
using retort::fuzz::check;

namespace {

// An event as text, to compare runs (every field that the server reads).
std::string describe(const ParseEvent& event) {
  std::string out;
  auto headers = [&out](const retort::Headers& fields) {
    for (const auto& [name, value] : fields.items()) out += name + ": " + value + "\n";
  };
  if (const auto* request = std::get_if<ParsedRequest>(&event)) {
    out = "request " + request->method + " " + request->target + " 1." + std::to_string(request->minor_version) +
          (request->keep_alive ? " keep-alive\n" : " close\n");
    headers(request->headers);
    out += "body " + std::to_string(request->body.size()) + ": " + request->body;
  } else if (std::holds_alternative<SendContinue>(event)) {
    out = "100-continue";
  } else {
    const auto& error = std::get<ParseError>(event);
    out = "error " + std::to_string(error.status) + " " + error.message + " [" + error.method + " " + error.target +
          " " + error.protocol + "]\n";
    headers(error.headers);
  }
  return out;
}

std::string describe(const std::vector<ParseEvent>& events) {
  std::string out;
  for (const ParseEvent& event : events) out += describe(event) + "\n--\n";
  return out;
}

bool is_tchar(char c) {
  const auto b = static_cast<unsigned char>(c);
  return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

void check_events(const std::vector<ParseEvent>& events, const HttpLimits& limits, std::string_view bytes) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (const auto* error = std::get_if<ParseError>(&events[i])) {
      check(i + 1 == events.size(), "an event after a ParseError", bytes);
      const int s = error->status;
      check(s == 400 || s == 413 || s == 414 || s == 431 || s == 501 || s == 505, "an unexpected error status", bytes);
      continue;
    }
    const auto* request = std::get_if<ParsedRequest>(&events[i]);
    if (!request) continue;
    check(!request->method.empty(), "a request without a method", bytes);
    for (const char c : request->method) check(is_tchar(c), "a method that is not a token", bytes);
    check(!request->target.empty() && request->target.size() <= limits.max_target, "a target over the limit", bytes);
    check(request->headers.items().size() <= limits.max_headers, "more headers than the limit", bytes);
    if (limits.max_body) check(request->body.size() <= *limits.max_body, "a body over the limit", bytes);
    check(request->minor_version == 0 || request->minor_version == 1, "an HTTP version other than 1.0 or 1.1", bytes);
    for (const auto& [name, value] : request->headers.items()) {
      check(!name.empty(), "a header without a name", bytes);
      for (const char c : name) check(is_tchar(c), "a header name that is not a token", bytes);
      check(value.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos, "CR, LF or NUL in a header value",
            bytes);
      check(value.empty() || (value.front() != ' ' && value.front() != '\t' && value.back() != ' ' &&
                              value.back() != '\t'),
            "a header value keeps surrounding whitespace", bytes);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  retort::fuzz::FuzzInput input(data, size);
  HttpLimits limits;
  limits.max_target = 1 + input.byte() * 4;
  limits.max_header_bytes = 1 + input.byte() * 8;
  limits.max_headers = input.byte() % 16;
  const std::uint8_t body_limit = input.byte();
  if (body_limit != 0xFF) limits.max_body = body_limit * 4u;
  const std::uint8_t split_seed = input.byte();
  const std::string_view bytes = input.rest();

  HttpRequestParser whole(limits);
  const std::vector<ParseEvent> events = whole.feed(bytes);
  check_events(events, limits, bytes);
  const bool failed = !events.empty() && std::holds_alternative<ParseError>(events.back());
  check(whole.failed() == failed, "failed() disagrees with the events", bytes);

  // The same bytes in pieces of 1 to 16 bytes, sizes from the seed.
  HttpRequestParser pieces(limits);
  std::vector<ParseEvent> piecewise;
  unsigned state = split_seed;
  for (std::size_t at = 0; at < bytes.size();) {
    state = state * 1103515245u + 12345u;
    const std::size_t n = 1 + (state >> 16) % 16;
    pieces.feed(bytes.substr(at, n), piecewise);
    at += n;
  }
  check(describe(piecewise) == describe(events), "feeding in pieces gave other events", bytes);
  return 0;
}

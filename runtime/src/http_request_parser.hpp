// HttpRequestParser: HTTP/1.1 requests (RFC 9112) read incrementally from
// the bytes of one connection. Pure: no sockets, no clock, no threads.
//
//   HttpRequestParser parser({.max_body = 1 << 20});
//   for (ParseEvent& event : parser.feed(bytes))   // as bytes arrive
//     ...  // ParsedRequest, SendContinue or ParseError, in order
//
// The server feeds what it reads and answers each event in order. Any split
// of the same bytes (one byte at a time, many requests in one read) gives the
// same events. After a ParseError the parser takes no more bytes: the
// connection must close, as the framing of what follows is unknown.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "retort/headers.hpp"

namespace retort::detail {

struct HttpLimits {
  std::size_t max_target = 8192;         // request-target bytes; longer: 414
  std::size_t max_header_bytes = 16384;  // header section bytes (and trailer section); more: 431
  std::size_t max_headers = 100;         // header fields (and trailer fields); more: 431
  std::optional<std::size_t> max_body{};  // body bytes (after de-chunking); more: 413. nullopt: no limit
};

// One complete request.
struct ParsedRequest {
  std::string method;      // as sent (a token, case kept)
  std::string target;      // the request-target as sent: path and query, undecoded
  int minor_version = 1;   // HTTP/1.<minor_version>: 0 or 1
  Headers headers;         // in order, duplicates kept, values without surrounding whitespace
  std::string body;        // de-chunked; trailers are dropped
  bool keep_alive = true;  // RFC 9112 9.3, from the version and Connection
};

// The request now being read carries `Expect: 100-continue`, has a body and
// is within the limits: send `HTTP/1.1 100 Continue` so the client sends it.
struct SendContinue {};

// The bytes are not a request we accept. Answer `status` and close.
struct ParseError {
  int status = 400;     // 400, 413, 414, 431, 501 or 505
  std::string message;  // what was wrong, for logs and error pages
  // What was read of the refused request, for the access log: the request
  // line's three parts as sent (all empty when the line was cut short or
  // could not be split in three), and the header fields before the error.
  std::string method{};
  std::string target{};
  std::string protocol{};  // "HTTP/1.1", or what was sent instead ("HTTP/3.0")
  Headers headers{};
};

using ParseEvent = std::variant<ParsedRequest, SendContinue, ParseError>;

class HttpRequestParser {
 public:
  explicit HttpRequestParser(HttpLimits limits = {}) : limits_(std::move(limits)) {}

  // Consumes `bytes` and appends the events they complete to `events`.
  void feed(std::string_view bytes, std::vector<ParseEvent>& events);
  std::vector<ParseEvent> feed(std::string_view bytes) {
    std::vector<ParseEvent> events;
    feed(bytes, events);
    return events;
  }

  // No part of a request is buffered: the connection is between requests.
  bool idle() const { return state_ == State::request_line && pos_ == buffer_.size(); }
  bool failed() const { return state_ == State::failed; }
  const HttpLimits& limits() const { return limits_; }

 private:
  enum class State { request_line, headers, body, chunk_size, chunk_data, chunk_end, trailers, failed };

  bool step(std::vector<ParseEvent>& events);
  bool read_request_line(std::vector<ParseEvent>& events);
  bool read_header_line(std::vector<ParseEvent>& events);
  enum class Section { headers, trailers };
  bool read_field_line(std::vector<ParseEvent>& events, Section section);
  void end_of_headers(std::vector<ParseEvent>& events);
  bool read_body(std::vector<ParseEvent>& events);
  bool read_chunk_size(std::vector<ParseEvent>& events);
  bool read_chunk_end(std::vector<ParseEvent>& events);
  bool read_trailer_line(std::vector<ParseEvent>& events);
  void complete(std::vector<ParseEvent>& events);
  // A complete request line, split in three.
  struct RequestLine {
    std::string_view method, target, protocol;
  };
  // `line`: the refused request line, when the refusal is about it.
  void fail(std::vector<ParseEvent>& events, int status, std::string message, const RequestLine* line = nullptr);

  // The next line without its LF (and CR), or nullopt until its LF arrives;
  // `consumed` gets the bytes taken, terminator included.
  std::optional<std::string_view> next_line(std::size_t* consumed = nullptr);
  std::size_t partial_size() const { return buffer_.size() - pos_; }

  HttpLimits limits_;
  State state_ = State::request_line;
  std::string buffer_;    // received and not yet consumed (from pos_)
  std::size_t pos_ = 0;   // first unconsumed byte of buffer_
  std::size_t scan_ = 0;  // where the search for the next LF resumes
  ParsedRequest current_;
  std::size_t section_bytes_ = 0;   // header or trailer section bytes so far
  std::size_t section_fields_ = 0;  // header or trailer fields so far
  std::size_t remaining_ = 0;       // body or chunk bytes still to come
};

}  // namespace retort::detail

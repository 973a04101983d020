// The HTTP/1.1 request parser and response writer, without sockets.
#include <catch2/catch.hpp>
#include <retort/response.hpp>
#include <string>
#include <vector>

#include "http_request_parser.hpp"
#include "http_response_writer.hpp"

namespace {

using retort::detail::HttpLimits;
using retort::detail::HttpRequestParser;
using retort::detail::ParsedRequest;
using retort::detail::ParseError;
using retort::detail::ParseEvent;
using retort::detail::SendContinue;

// One line per event, so sequences compare and print readably.
std::string describe(const ParseEvent& event) {
  if (std::holds_alternative<SendContinue>(event)) return "continue";
  if (auto* error = std::get_if<ParseError>(&event)) return "error " + std::to_string(error->status);
  const auto& r = std::get<ParsedRequest>(event);
  std::string out = r.method + " " + r.target + " 1." + std::to_string(r.minor_version) +
                    (r.keep_alive ? " keep" : " close") + " [";
  for (const auto& [name, value] : r.headers.items()) out += name + "=" + value + ";";
  return out + "] body=" + r.body;
}

std::vector<std::string> parse(std::string_view bytes, HttpLimits limits = {}) {
  HttpRequestParser parser(limits);
  std::vector<std::string> out;
  for (const auto& event : parser.feed(bytes)) out.push_back(describe(event));
  return out;
}

std::vector<std::string> parse_bytewise(std::string_view bytes, HttpLimits limits = {}) {
  HttpRequestParser parser(limits);
  std::vector<std::string> out;
  for (char c : bytes)
    for (const auto& event : parser.feed(std::string_view(&c, 1))) out.push_back(describe(event));
  return out;
}

// The status of the first error, or 0.
int error_status(std::string_view bytes, HttpLimits limits = {}) {
  HttpRequestParser parser(limits);
  for (const auto& event : parser.feed(bytes))
    if (auto* error = std::get_if<ParseError>(&event)) return error->status;
  return 0;
}

ParsedRequest only_request(std::string_view bytes) {
  HttpRequestParser parser;
  auto events = parser.feed(bytes);
  REQUIRE(events.size() == 1);
  REQUIRE(std::holds_alternative<ParsedRequest>(events[0]));
  return std::get<ParsedRequest>(std::move(events[0]));
}

// A stream with every framing: plain, Content-Length, chunked with
// extensions and trailers, Expect, bare LF, a leading empty line.
const std::string kStream =
    "GET /search?tag=a&tag=b&q=%20x HTTP/1.1\r\nHost: h\r\nAccept: a\r\naccept: b\r\n\r\n"
    "POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
    "\r\nPUT /up HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n"
    "3;name=\"v;x\"\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Checksum: 1\r\n\r\n"
    "HEAD / HTTP/1.0\nConnection: keep-alive\n\n";

TEST_CASE("a request keeps its raw target, header order and duplicates", "[http]") {
  ParsedRequest r = only_request("GET /a%2Fb?tag=a&tag=b&tag=a HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nx-a:  2 \r\n\r\n");
  CHECK(r.method == "GET");
  CHECK(r.target == "/a%2Fb?tag=a&tag=b&tag=a");
  CHECK(r.minor_version == 1);
  REQUIRE(r.headers.items().size() == 3);
  CHECK(r.headers.items()[1] == std::pair<std::string, std::string>{"X-A", "1"});
  CHECK(r.headers.items()[2] == std::pair<std::string, std::string>{"x-a", "2"});  // OWS trimmed
  CHECK(r.body.empty());
  CHECK(r.keep_alive);
}

TEST_CASE("pipelined requests come out in order, whatever the split", "[http]") {
  const std::vector<std::string> expected = {
      "GET /search?tag=a&tag=b&q=%20x 1.1 keep [Host=h;Accept=a;accept=b;] body=",
      "POST /form 1.1 keep [Host=h;Content-Length=5;] body=hello",
      "continue",
      "PUT /up 1.1 keep [Host=h;Expect=100-continue;Transfer-Encoding=chunked;] body=abc0123456789",
      "HEAD / 1.0 keep [Connection=keep-alive;] body=",
  };
  CHECK(parse(kStream) == expected);
  CHECK(parse_bytewise(kStream) == expected);
  for (std::size_t split = 1; split < kStream.size(); ++split) {
    HttpRequestParser parser;
    std::vector<std::string> got;
    for (const auto& e : parser.feed(std::string_view(kStream).substr(0, split))) got.push_back(describe(e));
    for (const auto& e : parser.feed(std::string_view(kStream).substr(split))) got.push_back(describe(e));
    INFO("split at " << split);
    REQUIRE(got == expected);
  }
}

TEST_CASE("idle() is true only between requests", "[http]") {
  HttpRequestParser parser;
  CHECK(parser.idle());
  parser.feed("GET / HTTP/1.1\r\nHo");
  CHECK_FALSE(parser.idle());
  CHECK(parser.feed("st: h\r\n\r\n").size() == 1);
  CHECK(parser.idle());
}

TEST_CASE("keep-alive follows RFC 9112 9.3", "[http]") {
  CHECK(only_request("GET / HTTP/1.1\r\nHost: h\r\n\r\n").keep_alive);
  CHECK_FALSE(only_request("GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n").keep_alive);
  CHECK_FALSE(only_request("GET / HTTP/1.1\r\nHost: h\r\nConnection: te, close\r\n\r\n").keep_alive);
  CHECK_FALSE(only_request("GET / HTTP/1.0\r\n\r\n").keep_alive);
  CHECK(only_request("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keep_alive);
  CHECK_FALSE(only_request("GET / HTTP/1.0\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n").keep_alive);
}

TEST_CASE("empty lines before a request and bare LF are tolerated", "[http]") {
  CHECK(parse("\r\n\n\r\nGET / HTTP/1.1\nHost: h\n\n") ==
        std::vector<std::string>{"GET / 1.1 keep [Host=h;] body="});
}

TEST_CASE("malformed request lines are 400, other versions 505", "[http]") {
  CHECK(error_status("GET  / HTTP/1.1\r\nHost: h\r\n\r\n") == 400);   // empty target
  CHECK(error_status("GET / HTTP/1.1 x\r\nHost: h\r\n\r\n") == 400);  // a third space
  CHECK(error_status("GET /\r\n\r\n") == 400);                        // HTTP/0.9
  CHECK(error_status("GET / http/1.1\r\nHost: h\r\n\r\n") == 400);
  CHECK(error_status("G(T / HTTP/1.1\r\nHost: h\r\n\r\n") == 400);
  CHECK(error_status("GET /a\x01 HTTP/1.1\r\nHost: h\r\n\r\n") == 400);
  CHECK(error_status("GET /a\rb HTTP/1.1\r\nHost: h\r\n\r\n") == 400);
  CHECK(error_status("GET / HTTP/2.0\r\nHost: h\r\n\r\n") == 505);
  CHECK(error_status("GET / HTTP/1.2\r\nHost: h\r\n\r\n") == 505);
  CHECK(error_status(std::string(65, 'M') + " / HTTP/1.1\r\nHost: h\r\n\r\n") == 501);
}

TEST_CASE("an over-long target is 414 as soon as it shows", "[http]") {
  const HttpLimits limits{.max_target = 10};
  CHECK(error_status("GET /123456789 HTTP/1.1\r\nHost: h\r\n\r\n", limits) == 0);
  CHECK(error_status("GET /1234567890 HTTP/1.1\r\nHost: h\r\n\r\n", limits) == 414);
  CHECK(error_status("GET /1234567890", limits) == 414);  // no end of line yet
  CHECK(parse_bytewise("GET /1234567890 and the rest never comes", limits) ==
        std::vector<std::string>{"error 414"});
}

TEST_CASE("a header section over the limits is 431", "[http]") {
  const HttpLimits limits{.max_header_bytes = 64, .max_headers = 3};
  CHECK(error_status("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n", limits) == 0);
  CHECK(error_status("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits) == 431);
  CHECK(error_status("GET / HTTP/1.1\r\nHost: h\r\nA: " + std::string(60, 'v') + "\r\n\r\n", limits) == 431);
  CHECK(error_status("GET / HTTP/1.1\r\nHost: " + std::string(70, 'v'), limits) == 431);  // before the end
}

TEST_CASE("malformed header fields are 400", "[http]") {
  CHECK(error_status("GET / HTTP/1.1\r\nHost : h\r\n\r\n") == 400);       // space before the colon
  CHECK(error_status("GET / HTTP/1.1\r\nHost\t: h\r\n\r\n") == 400);
  CHECK(error_status("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n") == 400);  // obs-fold
  CHECK(error_status("GET / HTTP/1.1\r\n Host: h\r\n\r\n") == 400);
  CHECK(error_status("GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n") == 400);
  CHECK(error_status("GET / HTTP/1.1\r\nHost: h\r\n: v\r\n\r\n") == 400);
  CHECK(error_status(std::string("GET / HTTP/1.1\r\nHost: h\r\nX: a\0b\r\n\r\n", 35)) == 400);
  CHECK(error_status("GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n") == 400);
  CHECK(error_status("GET / HTTP/1.1\r\nHost: h\r\nX: caf\xc3\xa9\r\n\r\n") == 0);  // obs-text is fine
}

TEST_CASE("HTTP/1.1 needs exactly one Host", "[http]") {
  CHECK(error_status("GET / HTTP/1.1\r\n\r\n") == 400);
  CHECK(error_status("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == 400);
  CHECK(error_status("GET / HTTP/1.0\r\n\r\n") == 0);
}

TEST_CASE("ambiguous body framing is refused", "[http]") {
  const std::string head = "POST / HTTP/1.1\r\nHost: h\r\n";
  CHECK(error_status(head + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") == 400);
  CHECK(error_status(head + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n") == 400);
  CHECK(error_status(head + "Transfer-Encoding: chunked, gzip\r\n\r\n") == 400);
  CHECK(error_status(head + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n") == 400);
  CHECK(error_status(head + "Transfer-Encoding: gzip\r\n\r\n") == 400);
  CHECK(error_status(head + "Transfer-Encoding:\r\n\r\n") == 400);
  CHECK(error_status("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") == 400);
  CHECK(error_status(head + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd") == 400);
  CHECK(error_status(head + "Content-Length: 3, 4\r\n\r\nabcd") == 400);
  CHECK(error_status(head + "Content-Length: +3\r\n\r\nabc") == 400);
  CHECK(error_status(head + "Content-Length: 0x3\r\n\r\nabc") == 400);
  CHECK(error_status(head + "Content-Length: \r\n\r\n") == 400);
  CHECK(parse(head + "Content-Length: 3\r\nContent-Length: 3, 3\r\n\r\nabc").back().ends_with("body=abc"));
  CHECK(parse(head + "Transfer-Encoding: gzip, chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n").back().ends_with("body=z"));
}

TEST_CASE("chunked bodies: sizes, extensions, trailers", "[http]") {
  const std::string head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
  ParsedRequest r = only_request(head + "a ; x=1;y=\"q\"\r\n0123456789\r\n00F\r\nabcdefghijklmno\r\n0\r\nT: 1\r\n\r\n");
  CHECK(r.body == "0123456789abcdefghijklmno");
  CHECK_FALSE(r.headers.contains("T"));  // trailers are dropped
  CHECK(error_status(head + "g\r\n") == 400);
  CHECK(error_status(head + "\r\n") == 400);
  CHECK(error_status(head + "1 2\r\n") == 400);
  CHECK(error_status(head + "-1\r\n") == 400);
  CHECK(error_status(head + "3\r\nabcX") == 400);  // data not followed by CRLF
  CHECK(error_status(head + "3\r\nabc\rX") == 400);
  CHECK(error_status(head + "0\r\nbad trailer\r\n\r\n") == 400);
  CHECK(error_status(head + "fffffffffffffffffff\r\n") == 413);
}

TEST_CASE("a body over max_body is 413 before any of it is read", "[http]") {
  const HttpLimits limits{.max_body = 10};
  const std::string head = "POST / HTTP/1.1\r\nHost: h\r\n";
  CHECK(parse(head + "Content-Length: 11\r\n\r\n", limits) == std::vector<std::string>{"error 413"});
  CHECK(parse(head + "Content-Length: 99999999999999999999999\r\n\r\n", limits) ==
        std::vector<std::string>{"error 413"});
  CHECK(error_status(head + "Content-Length: 10\r\n\r\n0123456789", limits) == 0);
  // chunked: as soon as the running total would pass the limit
  CHECK(parse(head + "Transfer-Encoding: chunked\r\n\r\n6\r\n012345\r\n5\r\n", limits) ==
        std::vector<std::string>{"error 413"});
  CHECK(error_status(head + "Transfer-Encoding: chunked\r\n\r\n6\r\n012345\r\n4\r\n6789\r\n0\r\n\r\n", limits) == 0);
}

TEST_CASE("nothing is read after an error", "[http]") {
  HttpRequestParser parser;
  CHECK(parser.feed("GET / HTTP/9.9\r\n").size() == 1);
  CHECK(parser.failed());
  CHECK(parser.feed("GET / HTTP/1.1\r\nHost: h\r\n\r\n").empty());
}

// What an access log shows of a request that was refused.
ParseError only_error(std::string_view bytes) {
  HttpRequestParser parser;
  auto events = parser.feed(bytes);
  REQUIRE(events.size() == 1);
  REQUIRE(std::holds_alternative<ParseError>(events[0]));
  return std::get<ParseError>(std::move(events[0]));
}

TEST_CASE("an error keeps what was read of the request", "[http]") {
  ParseError version = only_error("PUT /a?b HTTP/3.0\r\n");
  CHECK(version.status == 505);
  CHECK(version.method == "PUT");
  CHECK(version.target == "/a?b");
  CHECK(version.protocol == "HTTP/3.0");
  ParseError header = only_error("GET /x HTTP/1.0\r\nUser-Agent: ua\r\nBad Name: v\r\n");
  CHECK(header.status == 400);
  CHECK(header.method == "GET");
  CHECK(header.target == "/x");
  CHECK(header.protocol == "HTTP/1.0");
  CHECK(header.headers.get("User-Agent") == "ua");
  ParseError line = only_error("nonsense\r\n");
  CHECK(line.method.empty());
  CHECK(line.target.empty());
  CHECK(line.protocol.empty());
  CHECK(only_error("GET /" + std::string(9000, 'a')).target.empty());  // 414: the line was cut short
}

TEST_CASE("100 Continue is asked for when a body is due and allowed", "[http]") {
  const HttpLimits limits{.max_body = 10};
  const std::string head = "POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n";
  CHECK(parse(head + "Content-Length: 3\r\n\r\n", limits) == std::vector<std::string>{"continue"});
  CHECK(parse(head + "Content-Length: 11\r\n\r\n", limits) == std::vector<std::string>{"error 413"});
  CHECK(parse(head + "Content-Length: 0\r\n\r\n", limits).size() == 1);  // the request alone
  CHECK(parse(head + "Transfer-Encoding: chunked\r\n\r\n", limits) == std::vector<std::string>{"continue"});
  CHECK(parse("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n", limits).empty());
}

// ---- response writer ---------------------------------------------------

using retort::detail::asks_to_close;
using retort::detail::protocol_error_page;
using retort::detail::Seconds;
using retort::detail::write_response;

const Seconds kNow{std::chrono::seconds(784111777)};  // Sun, 06 Nov 1994 08:49:37 GMT

TEST_CASE("responses are framed by the writer", "[http]") {
  retort::Response response("hello", 201, "text/plain");
  response.headers().add("Set-Cookie", "a=1");
  response.headers().add("Set-Cookie", "b=2");
  response.headers().set("Content-Length", "999");  // the handler's guess does not count
  response.headers().set("Transfer-Encoding", "chunked");
  response.headers().set("Connection", "upgrade");
  CHECK(write_response(response, false, true, kNow) ==
        "HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n"
        "Content-Length: 5\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nServer: retort\r\n"
        "Connection: keep-alive\r\n\r\nhello");
  CHECK(write_response(retort::Response("x"), false, false, kNow).find("\r\nConnection: close\r\n\r\nx") !=
        std::string::npos);
}

TEST_CASE("the writer says what it wrote", "[http]") {
  retort::detail::WrittenResponse written;
  write_response(retort::Response("hello", 201), false, true, kNow, &written);
  CHECK(written.status == 201);
  CHECK(written.body_bytes == 5);
  write_response(retort::Response("hello"), true, true, kNow, &written);  // HEAD
  CHECK(written.body_bytes == 0);
  write_response(retort::Response("ignored", 304), false, true, kNow, &written);
  CHECK(written.body_bytes == 0);
  retort::Response splitting("body", 302);
  splitting.headers().set("Location", "/a\r\nX: y");
  std::string out = write_response(splitting, false, true, kNow, &written);
  CHECK(written.status == 500);
  CHECK(written.body_bytes == out.size() - (out.find("\r\n\r\n") + 4));
}

TEST_CASE("HEAD, 204 and 304 responses have no body", "[http]") {
  retort::Response page("<p>hi</p>");
  std::string head = write_response(page, true, true, kNow);
  CHECK(head.find("Content-Length: 9\r\n") != std::string::npos);
  CHECK(head.ends_with("\r\n\r\n"));
  retort::Response declared("");
  declared.headers().set("Content-Length", "1234");  // a HEAD handler that knows the size
  CHECK(write_response(declared, true, true, kNow).find("Content-Length: 1234\r\n") != std::string::npos);
  for (int status : {204, 304}) {
    std::string out = write_response(retort::Response("ignored", status), false, true, kNow);
    CHECK(out.find("Content-Length") == std::string::npos);
    CHECK(out.ends_with("\r\n\r\n"));
  }
}

TEST_CASE("a handler's Date and Server are kept", "[http]") {
  retort::Response response("x");
  response.headers().set("Server", "app/1");
  response.headers().set("Date", "Mon, 07 Nov 1994 08:49:37 GMT");
  std::string out = write_response(response, false, true, kNow);
  CHECK(out.find("Server: app/1\r\n") != std::string::npos);
  CHECK(out.find("Server: retort") == std::string::npos);
  CHECK(out.find("Sun, 06 Nov") == std::string::npos);
}

TEST_CASE("a header that could split the response becomes a 500", "[http]") {
  for (auto [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"Location", "/a\r\nSet-Cookie: evil=1"}, {"X", "a\nb"}, {"X", std::string("a\0b", 3)},
           {"Bad Name", "v"}, {"X\r\nY", "v"}, {"", "v"}}) {
    retort::Response response("body", 302);
    response.headers().set(name, value);
    std::string out = write_response(response, false, true, kNow);
    CHECK(out.starts_with("HTTP/1.1 500 Internal Server Error\r\n"));
    CHECK(out.find("evil") == std::string::npos);
  }
}

TEST_CASE("Connection: close from a handler is honoured", "[http]") {
  retort::Response response("x");
  CHECK_FALSE(asks_to_close(response));
  response.headers().set("Connection", "Upgrade, Close");
  CHECK(asks_to_close(response));
}

TEST_CASE("protocol error pages read like the app's", "[http]") {
  retort::Response too_large = protocol_error_page(413, "ignored");
  CHECK(too_large.status() == 413);
  CHECK(too_large.body().find("<h1>Request Entity Too Large</h1>") != std::string::npos);
  CHECK(too_large.body().find("exceeds the capacity limit") != std::string::npos);
  retort::Response version = protocol_error_page(505, "HTTP/2.0 <is> not supported");
  CHECK(version.body().find("<title>505 HTTP Version Not Supported</title>") != std::string::npos);
  CHECK(version.body().find("HTTP/2.0 &lt;is&gt; not supported") != std::string::npos);
}

}  // namespace

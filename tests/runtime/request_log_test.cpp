// The request logs: Combined Log Format for serve, Werkzeug's for develop.
#include <catch2/catch.hpp>

#include <ctime>
#include <string>
#include <string_view>

#include "cli/request_log.hpp"

namespace {

retort::AccessLogEntry entry(int status) {
  retort::AccessLogEntry e;
  e.remote_addr = "203.0.113.9";
  e.method = "GET";
  e.target = "/a%20b?q=1";
  e.protocol = "HTTP/1.1";
  e.status = status;
  e.body_bytes = 15;
  std::tm tm{};
  tm.tm_year = 2026 - 1900;
  tm.tm_mon = 10;
  tm.tm_mday = 21;
  tm.tm_hour = 9;
  tm.tm_min = 5;
  tm.tm_sec = 7;
  e.time = std::chrono::system_clock::from_time_t(::timegm(&tm));
  return e;
}

}  // namespace

TEST_CASE("serve logs the Combined Log Format, escaping what the client wrote") {
  retort::AccessLogEntry e = entry(200);
  CHECK(retort::cli::combined_log_line(e) ==
        R"(203.0.113.9 - - [21/Nov/2026:09:05:07 +0000] "GET /a%20b?q=1 HTTP/1.1" 200 15 "-" "-")");
  e.referer = "http://example.com/";
  e.user_agent = "evil\" \"agent\n127.0.0.1 - - fake";
  e.body_bytes = 0;
  e.status = 304;
  CHECK(retort::cli::combined_log_line(e) ==
        R"(203.0.113.9 - - [21/Nov/2026:09:05:07 +0000] "GET /a%20b?q=1 HTTP/1.1" 304 - "http://example.com/" )"
        R"("evil\x22 \x22agent\x0a127.0.0.1 - - fake")");
}

TEST_CASE("a forwarded address cannot forge fields either") {
  // What a trusted X-Forwarded-For's quoted item can make remote_addr.
  retort::AccessLogEntry e = entry(200);
  e.remote_addr = "1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] \"GET /x HTTP/1.1\" 200 1";
  const std::string line = retort::cli::combined_log_line(e);
  CHECK(line.starts_with(R"(1.2.3.4\x20-\x20-\x20[01/Jan/2026:00:00:00\x20+0000]\x20\x22GET\x20/x)"));
  CHECK(line.find(' ') == line.find(" - - [21/Nov/2026"));  // the first space is the real field's
  CHECK(retort::cli::development_log_line(e, false).starts_with(R"(1.2.3.4\x20-\x20-)"));
}

TEST_CASE("develop logs Werkzeug's line, coloured as Werkzeug colours each status") {
  const std::string plain = retort::cli::development_log_line(entry(404), false);
  CHECK(plain.starts_with("203.0.113.9 - - ["));
  CHECK(plain.ends_with("] \"GET /a%20b?q=1 HTTP/1.1\" 404 -"));
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(retort::cli::development_log_line(entry(200), true).find('\x1b') == std::string::npos);
  const std::pair<int, std::string_view> colours[] = {{101, "\x1b[1m"},          {304, "\x1b[36m"},
                                                      {308, "\x1b[32m"},         {404, "\x1b[33m"},
                                                      {405, "\x1b[1m\x1b[31m"}, {500, "\x1b[1m\x1b[35m"}};
  for (auto [status, style] : colours) {
    CAPTURE(status);
    CHECK(retort::cli::development_log_line(entry(status), true).ends_with(
        "] \"" + std::string(style) + "GET /a%20b?q=1 HTTP/1.1\x1b[0m\" " + std::to_string(status) + " -"));
  }
}

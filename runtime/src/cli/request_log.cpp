#include "cli/request_log.hpp"

#include <ctime>
#include <string_view>

namespace retort::cli {
namespace {

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Control bytes, quotes and backslashes as \xHH (and spaces, in the
// unquoted address field): a request line, a header or a forwarded address
// is the client's text, and must not end the field or the line.
void append_escaped(std::string& out, std::string_view text, bool escape_spaces = false) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F || c == '"' || c == '\\' || (escape_spaces && c == ' ')) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      out += c;
    }
  }
}

void append_request_line(std::string& out, const AccessLogEntry& entry) {
  append_escaped(out, entry.method);
  out += ' ';
  append_escaped(out, entry.target);
  out += ' ';
  append_escaped(out, entry.protocol);
}

std::tm broken_down(std::chrono::system_clock::time_point time, bool local) {
  const std::time_t t = std::chrono::system_clock::to_time_t(time);
  std::tm tm{};
  if (local) ::localtime_r(&t, &tm);
  else ::gmtime_r(&t, &tm);
  return tm;
}

std::string two_digits(int n) { return {static_cast<char>('0' + n / 10 % 10), static_cast<char>('0' + n % 10)}; }

}  // namespace

std::string development_log_line(const AccessLogEntry& entry, bool colour) {
  const std::tm tm = broken_down(entry.time, true);
  // The address is the client's text too, once a proxy's X-Forwarded-For
  // is trusted (a quoted item may hold spaces and quotes).
  std::string line;
  append_escaped(line, entry.remote_addr, true);
  line += " - - [" + two_digits(tm.tm_mday) + "/" + kMonths[tm.tm_mon] + "/" + std::to_string(tm.tm_year + 1900) + " " +
          two_digits(tm.tm_hour) + ":" + two_digits(tm.tm_min) + ":" + two_digits(tm.tm_sec) + "] \"";
  // Werkzeug's colours: 1xx bold, 200 plain, 304 cyan, 3xx green, 404
  // yellow, 4xx bold red, anything else bold magenta.
  const int status = entry.status;
  const char* style = status / 100 == 1 ? "\x1b[1m"
                      : status == 200   ? ""
                      : status == 304   ? "\x1b[36m"
                      : status / 100 == 3 ? "\x1b[32m"
                      : status == 404   ? "\x1b[33m"
                      : status / 100 == 4 ? "\x1b[1m\x1b[31m"
                                          : "\x1b[1m\x1b[35m";
  const bool styled = colour && *style != '\0';
  if (styled) line += style;
  append_request_line(line, entry);
  if (styled) line += "\x1b[0m";
  line += "\" " + std::to_string(status) + " -";
  return line;
}

std::string combined_log_line(const AccessLogEntry& entry) {
  const std::tm tm = broken_down(entry.time, false);
  std::string line;
  if (entry.remote_addr.empty()) line += '-';
  else append_escaped(line, entry.remote_addr, true);
  line += " - - [" + two_digits(tm.tm_mday) + "/" + kMonths[tm.tm_mon] + "/" + std::to_string(tm.tm_year + 1900) + ":" +
          two_digits(tm.tm_hour) + ":" + two_digits(tm.tm_min) + ":" + two_digits(tm.tm_sec) + " +0000] \"";
  append_request_line(line, entry);
  line += "\" " + std::to_string(entry.status) + " " +
          (entry.body_bytes == 0 ? std::string("-") : std::to_string(entry.body_bytes)) + " \"";
  if (entry.referer.empty()) line += '-';
  else append_escaped(line, entry.referer);
  line += "\" \"";
  if (entry.user_agent.empty()) line += '-';
  else append_escaped(line, entry.user_agent);
  line += '"';
  return line;
}

}  // namespace retort::cli

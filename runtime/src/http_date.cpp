#include "http_date.hpp"

#include <array>
#include <charconv>
#include <cstdio>

namespace retort::detail {
namespace {

constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int month_index(std::string_view name) {
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (kMonths[i] == name) return static_cast<int>(i) + 1;
  return 0;
}

bool read_int(std::string_view text, int& out) {
  if (text.empty()) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

// "HH:MM:SS"
bool read_time(std::string_view text, int& h, int& m, int& s) {
  return text.size() == 8 && text[2] == ':' && text[5] == ':' && read_int(text.substr(0, 2), h) &&
         read_int(text.substr(3, 2), m) && read_int(text.substr(6, 2), s) && h < 24 && m < 60 && s < 61;
}

std::optional<Seconds> make(int year, int month, int day, int h, int m, int s) {
  using namespace std::chrono;
  const year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                            std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return std::nullopt;
  return sys_days(date) + hours(h) + minutes(m) + seconds(s);
}

}  // namespace

std::string format_http_date(Seconds when) {
  using namespace std::chrono;
  const sys_days day = floor<days>(when);
  const year_month_day date(day);
  const hh_mm_ss time(when - day);
  const weekday wd(day);
  char out[32];
  std::snprintf(out, sizeof out, "%s, %02u %s %04d %02d:%02d:%02d GMT",
                kDays[(wd.c_encoding() + 6) % 7].data(), static_cast<unsigned>(date.day()),
                kMonths[static_cast<unsigned>(date.month()) - 1].data(), static_cast<int>(date.year()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return out;
}

std::optional<Seconds> parse_http_date(std::string_view text) {
  int day = 0, year = 0, h = 0, m = 0, s = 0;
  if (text.size() == 29 && text[3] == ',' && text.substr(25) == " GMT") {
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    const int month = month_index(text.substr(8, 3));
    if (month == 0 || !read_int(text.substr(5, 2), day) || !read_int(text.substr(12, 4), year) ||
        !read_time(text.substr(17, 8), h, m, s))
      return std::nullopt;
    return make(year, month, day, h, m, s);
  }
  if (const std::size_t comma = text.find(", "); comma != std::string_view::npos && comma > 3) {
    // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
    std::string_view rest = text.substr(comma + 2);
    if (rest.size() != 22 || rest[2] != '-' || rest[6] != '-' || rest.substr(18) != " GMT") return std::nullopt;
    const int month = month_index(rest.substr(3, 3));
    if (month == 0 || !read_int(rest.substr(0, 2), day) || !read_int(rest.substr(7, 2), year) ||
        !read_time(rest.substr(10, 8), h, m, s))
      return std::nullopt;
    year += year < 70 ? 2000 : 1900;  // RFC 9110: a two-digit year more than 50 years ahead is in the past
    return make(year, month, day, h, m, s);
  }
  if (text.size() == 24 && text[3] == ' ' && text[7] == ' ') {
    // asctime: "Sun Nov  6 08:49:37 1994"
    const int month = month_index(text.substr(4, 3));
    std::string_view day_text = text.substr(8, 2);
    if (day_text[0] == ' ') day_text.remove_prefix(1);
    if (month == 0 || !read_int(day_text, day) || !read_time(text.substr(11, 8), h, m, s) ||
        !read_int(text.substr(20, 4), year))
      return std::nullopt;
    return make(year, month, day, h, m, s);
  }
  return std::nullopt;
}

}  // namespace retort::detail

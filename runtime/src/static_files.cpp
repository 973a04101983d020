// send_from_directory and send_file: a port of Werkzeug 3.1's send_file,
// make_conditional and safe_join, with the departures listed in
// docs/static-files.md (each marked "Werkzeug:" below).
#include "retort/static_files.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "content_types.hpp"
#include "http_date.hpp"
#include "retort/http_error.hpp"

namespace retort {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;
using Nanos = std::chrono::sys_time<std::chrono::nanoseconds>;

// ---------------------------------------------------------------- paths

// Werkzeug's safe_join for one untrusted part: posixpath.normpath, then
// nullopt when the result is absolute or climbs above the directory. So
// `a/../b` is `b` and `a/../../x` is refused. Returns the normalised
// relative path, "" for the directory itself.
// Werkzeug: on POSIX it accepts a backslash as an ordinary character; we
// refuse it (it is a separator on Windows and never names a file a URL
// should reach), and a NUL (Python's stat raises, Flask answers 404).
std::optional<std::string> normalize_untrusted(std::string_view filename) {
  if (filename.find('\0') != std::string_view::npos || filename.find('\\') != std::string_view::npos)
    return std::nullopt;
  if (filename.starts_with('/')) return std::nullopt;
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= filename.size()) {
    std::size_t end = filename.find('/', start);
    if (end == std::string_view::npos) end = filename.size();
    const std::string_view segment = filename.substr(start, end - start);
    if (segment == "..") {
      if (segments.empty()) return std::nullopt;
      segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string joined;
  for (std::string_view segment : segments) {
    if (!joined.empty()) joined += '/';
    joined += segment;
  }
  return joined;
}

// Whether `target` is `base` or below it; both canonical (absolute, no
// symlinks, no `..`), so comparing their components is enough.
bool is_within(const fs::path& base, const fs::path& target) {
  return std::mismatch(base.begin(), base.end(), target.begin(), target.end()).first == base.end();
}

// ---------------------------------------------------------------- files

struct OpenFile {
  std::ifstream stream;
  std::uint64_t size = 0;
  Nanos mtime;
};

// The file, opened, with its size and mtime; nullopt unless it is a regular
// file we may read. Werkzeug lets a directory or an unreadable file become
// a 500 (IsADirectoryError, PermissionError); here both are a 404.
std::optional<OpenFile> open_regular(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::status(path, ec)) || ec) return std::nullopt;
  OpenFile file;
  file.size = fs::file_size(path, ec);
  if (ec) return std::nullopt;
  const fs::file_time_type written = fs::last_write_time(path, ec);
  if (ec) return std::nullopt;
  file.mtime = std::chrono::time_point_cast<std::chrono::nanoseconds>(std::chrono::file_clock::to_sys(written));
  file.stream.open(path, std::ios::binary);
  if (!file.stream) return std::nullopt;
  return file;
}

// `length` bytes from `offset`; fewer if the file shrank since it was sized.
std::string read_bytes(std::ifstream& in, std::uint64_t offset, std::uint64_t length) {
  std::string data(length, '\0');
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(data.data(), static_cast<std::streamsize>(length));
  data.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return data;
}

// zlib's adler32, which Werkzeug applies to the path for its ETag.
std::uint32_t adler32(std::string_view data) {
  std::uint32_t a = 1, b = 0;
  for (unsigned char c : data) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

// Werkzeug's ETag value, f"{mtime}-{size}-{adler32(path)}", with mtime as
// Python prints os.stat's st_mtime (sec + nsec * 1e-9, shortest round-trip
// digits, ".0" when whole), so a file has the ETag Flask would give it.
std::string werkzeug_etag(const OpenFile& file, const std::string& path) {
  const auto whole = std::chrono::floor<seconds>(file.mtime);
  const double mtime = static_cast<double>(whole.time_since_epoch().count()) +
                       static_cast<double>((file.mtime - whole).count()) * 1e-9;
  char digits[64];
  const auto result = std::to_chars(digits, digits + sizeof digits, mtime, std::chars_format::fixed);
  std::string text(digits, result.ptr);
  if (text.find('.') == std::string::npos) text += ".0";
  return text + "-" + std::to_string(file.size) + "-" + std::to_string(adler32(path));
}

// ---------------------------------------------------------------- conditions

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// A parsed If-None-Match / If-Match list (Werkzeug's ETags).
struct EntityTags {
  bool star = false;
  std::vector<std::string_view> strong;
  std::vector<std::string_view> weak;

  bool empty() const { return !star && strong.empty() && weak.empty(); }
  bool contains(std::string_view tag) const {  // strong comparison
    return star || std::find(strong.begin(), strong.end(), tag) != strong.end();
  }
  bool contains_weak(std::string_view tag) const {  // weak comparison: W/"x" matches "x"
    return contains(tag) || std::find(weak.begin(), weak.end(), tag) != weak.end();
  }
};

// Where `\s*,\s*` starts at or after `from` and its end, or (size, size).
std::pair<std::size_t, std::size_t> find_separator(std::string_view text, std::size_t from) {
  for (std::size_t i = from; i < text.size(); ++i) {
    std::size_t j = i;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
    if (j < text.size() && text[j] == ',') {
      ++j;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
      return {i, j};
    }
  }
  return {text.size(), text.size()};
}

// Werkzeug's parse_etags, i.e. its regex ([Ww]/)?(?:"(.*?)"|(.*?))(?:\s*,\s*|$)
// applied repeatedly: quoted or bare tags separated by commas, `*` alone.
EntityTags parse_etags(std::optional<std::string_view> header) {
  EntityTags tags;
  const std::string_view text = header.value_or(std::string_view());
  std::size_t pos = 0;
  while (pos < text.size()) {
    bool weak = false;
    if (text.substr(pos, 2) == "W/" || text.substr(pos, 2) == "w/") {
      weak = true;
      pos += 2;
    }
    std::optional<std::string_view> tag;
    std::size_t next = text.size();
    if (pos < text.size() && text[pos] == '"') {
      // The first closing quote that a separator or the end follows.
      for (std::size_t q = text.find('"', pos + 1); q != std::string_view::npos; q = text.find('"', q + 1)) {
        const auto [sep, after] = find_separator(text, q + 1);
        if (sep == q + 1) {
          tag = text.substr(pos + 1, q - pos - 1);
          next = after;
          break;
        }
      }
    }
    if (!tag) {  // a bare tag (or a quote never closed): up to the separator
      const auto [sep, after] = find_separator(text, pos);
      if (text.substr(pos, sep - pos) == "*") {
        tags.star = true;
        return tags;
      }
      tag = text.substr(pos, sep - pos);
      next = after;
    }
    (weak ? tags.weak : tags.strong).push_back(*tag);
    pos = next;
  }
  return tags;
}

// Werkzeug's unquote_etag: W/ and the quotes dropped.
std::string_view unquote_etag(std::string_view tag) {
  tag = trim(tag);
  if (tag.starts_with("W/") || tag.starts_with("w/")) tag.remove_prefix(2);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
  return tag;
}

// Werkzeug's is_resource_modified (If-Match aside, see check_if_match).
// With `use_if_range`, an If-Range date or ETag stands in for
// If-Modified-Since / If-None-Match.
bool is_modified(const Headers& headers, std::string_view etag, detail::Seconds last_modified, bool use_if_range) {
  std::optional<detail::Seconds> if_range_date;
  std::optional<std::string_view> if_range_etag;
  if (use_if_range && headers.contains("Range")) {
    const std::string_view value = headers.get("If-Range").value_or(std::string_view());
    if (!value.empty()) {
      if_range_date = detail::parse_http_date(trim(value));
      if (!if_range_date) if_range_etag = unquote_etag(value);
    }
  }
  bool unmodified = false;
  const std::optional<detail::Seconds> since =
      if_range_date ? if_range_date : detail::parse_http_date(trim(headers.get("If-Modified-Since").value_or("")));
  if (since && last_modified <= *since) unmodified = true;
  if (if_range_etag) {
    unmodified = parse_etags(if_range_etag).contains(etag);
  } else if (EntityTags none_match = parse_etags(headers.get("If-None-Match")); !none_match.empty()) {
    unmodified = none_match.contains_weak(etag);  // RFC 9110 13.1.2: weak comparison
  }
  return !unmodified;
}

// If-Match fails with 412 unless it names our ETag (strongly) or is `*`.
// Werkzeug: it treats `*` as a failure and skips If-Match when a Range is
// served; RFC 9110 13.2.2 evaluates it first, as here.
void check_if_match(const Headers& headers, std::string_view etag) {
  const EntityTags match = parse_etags(headers.get("If-Match"));
  if (!match.empty() && !match.contains(etag))
    throw HttpError(412, "The precondition on the request for the URL failed positive evaluation.");
}

// ---------------------------------------------------------------- ranges

struct ByteRange {
  bool satisfiable = false;
  std::uint64_t begin = 0;
  std::uint64_t end = 0;  // exclusive
};

// Werkzeug's _plain_int for a non-negative number: ASCII digits only
// (no sign, `_` or `+`), saturating far beyond any file size.
std::optional<std::uint64_t> plain_uint(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  constexpr std::uint64_t kHuge = std::uint64_t{1} << 62;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = std::min(kHuge, value * 10 + static_cast<std::uint64_t>(c - '0'));
  }
  return value;
}

// Werkzeug's parse_range_header + Range.range_for_length for a file of
// `size` (> 0) bytes. One `bytes` range is served, the end clamped to the
// file; anything else (several ranges, another unit, a malformed header,
// a start past the end) is unsatisfiable, as Werkzeug answers 416 for all.
// Werkzeug: a suffix longer than the file (`bytes=-1000` for 14 bytes) is a
// 416 and `bytes=-0` the whole file; RFC 9110 14.1 says the whole file
// and 416, as here.
ByteRange parse_range(std::string_view header, std::uint64_t size) {
  const std::size_t equals = header.find('=');
  if (equals == std::string_view::npos) return {};
  std::string unit(trim(header.substr(0, equals)));
  std::transform(unit.begin(), unit.end(), unit.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::string_view spec = trim(header.substr(equals + 1));
  if (unit != "bytes" || spec.find(',') != std::string_view::npos) return {};
  const std::size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return {};
  if (dash == 0) {  // bytes=-n: the last n bytes; "- 5" is malformed, as Werkzeug has it
    if (spec.size() < 2 || !std::isdigit(static_cast<unsigned char>(spec[1]))) return {};
    const std::optional<std::uint64_t> suffix = plain_uint(spec.substr(1));
    if (!suffix || *suffix == 0) return {};
    return {true, size - std::min(size, *suffix), size};
  }
  const std::optional<std::uint64_t> begin = plain_uint(spec.substr(0, dash));
  if (!begin) return {};
  std::uint64_t end = size;  // bytes=a-
  if (const std::string_view last = trim(spec.substr(dash + 1)); !last.empty()) {
    const std::optional<std::uint64_t> value = plain_uint(last);
    if (!value || *begin > *value) return {};
    end = std::min(size, *value + 1);
  }
  if (*begin >= size) return {};
  return {true, *begin, end};
}

// Werkzeug raises RequestedRangeNotSatisfiable, whose response carries
// Content-Range. HttpError has no headers, so the page is built here, as
// the app's default error page (the app's own 416 handler does not apply).
Response range_not_satisfiable(std::uint64_t size) {
  const std::string reason(status_reason(416));
  Response response("<!doctype html>\n<html lang=en>\n<title>416 " + reason + "</title>\n<h1>" + reason +
                        "</h1>\n<p>" + std::string(status_description(416)) + "</p>\n",
                    416);
  response.headers().set("Content-Range", "bytes */" + std::to_string(size));
  return response;
}

// ---------------------------------------------------------------- response

void set_cache_headers(Response& response, const SendFileOptions& options) {
  if (!options.max_age) {
    response.headers().set("Cache-Control", "no-cache");
    return;
  }
  const auto age = options.max_age->count();
  // Werkzeug keeps no-cache for a max_age of 0 or less.
  response.headers().set("Cache-Control", (age > 0 ? "public, max-age=" : "no-cache, max-age=") + std::to_string(age));
  const auto now = std::chrono::floor<seconds>(std::chrono::system_clock::now());
  response.headers().set("Expires", detail::format_http_date(now + *options.max_age));
}

// Werkzeug's send_file + make_conditional(accept_ranges=True). `name` gives
// the types, `etag_path` the path hashed into the ETag (Werkzeug hashes the
// joined path, before symlinks are resolved).
Response send_open_file(OpenFile file, std::string_view name, const std::string& etag_path, const Request& request,
                        const SendFileOptions& options) {
  Response response(std::string(), 200, detail::content_type_for(name));
  response.headers().set("Content-Disposition", detail::inline_content_disposition(name));
  // HTTP dates have whole seconds; comparisons use the same truncation.
  const detail::Seconds last_modified = std::chrono::floor<seconds>(file.mtime);
  response.headers().set("Last-Modified", detail::format_http_date(last_modified));
  set_cache_headers(response, options);
  const std::string etag = werkzeug_etag(file, etag_path);
  response.headers().set("ETag", "\"" + etag + "\"");

  // As Werkzeug, only GET and HEAD are conditional or ranged.
  if (request.method() != Method::get && request.method() != Method::head) {
    response.set_body(read_bytes(file.stream, 0, file.size));
    return response;
  }
  response.headers().set("Accept-Ranges", "bytes");
  const Headers& headers = request.headers();
  check_if_match(headers, etag);

  // Werkzeug serves a range before it looks at If-None-Match: a ranged
  // request for an unchanged file gets its 206, not a 304. If-Range that no
  // longer matches means the whole file; an empty file has no ranges.
  if (const auto range = headers.get("Range");
      range && file.size > 0 && (!headers.contains("If-Range") || !is_modified(headers, etag, last_modified, true))) {
    const ByteRange bytes = parse_range(*range, file.size);
    if (!bytes.satisfiable) return range_not_satisfiable(file.size);
    response.set_status(206);
    response.headers().set("Content-Range", "bytes " + std::to_string(bytes.begin) + "-" +
                                                std::to_string(bytes.end - 1) + "/" + std::to_string(file.size));
    response.set_body(read_bytes(file.stream, bytes.begin, bytes.end - bytes.begin));
    return response;
  }

  if (!is_modified(headers, etag, last_modified, false)) {
    // Werkzeug drops the entity headers from a 304 (remove_entity_headers):
    // Content-Type and Last-Modified go; ETag, Cache-Control, Expires,
    // Content-Disposition and Accept-Ranges stay.
    response.set_status(304);
    response.headers().remove("Content-Type");
    response.headers().remove("Last-Modified");
    return response;
  }
  response.set_body(read_bytes(file.stream, 0, file.size));
  return response;
}

}  // namespace

Response send_from_directory(const fs::path& directory, std::string_view filename, const Request& request,
                             const SendFileOptions& options) {
  const std::optional<std::string> relative = normalize_untrusted(filename);
  if (!relative) throw HttpError(404);
  // Symlinks are followed (a link to a file inside the folder is served),
  // but where they lead must stay inside: canonical() resolves every link
  // on the way, then the result is compared with the canonical folder.
  // Limit: a link swapped in between this check and the open below wins;
  // closing that needs openat(O_NOFOLLOW) per segment, not std I/O, and
  // whoever can swap it can already write into the folder.
  std::error_code ec;
  const fs::path base = fs::canonical(directory, ec);
  if (ec) throw HttpError(404);
  const fs::path joined = directory / *relative;
  const fs::path target = fs::canonical(joined, ec);
  if (ec || !is_within(base, target)) throw HttpError(404);
  std::optional<OpenFile> file = open_regular(target);
  if (!file) throw HttpError(404);
  return send_open_file(std::move(*file), joined.filename().string(), joined.generic_string(), request, options);
}

Response send_file(const fs::path& file, const Request& request, const SendFileOptions& options) {
  // Werkzeug's os.path.abspath: absolute and normalised, links kept.
  std::error_code ec;
  fs::path path = fs::absolute(file, ec).lexically_normal();
  if (ec) throw HttpError(404);
  if (!path.has_filename()) path = path.parent_path();  // "dir/" -> "dir", as abspath
  std::optional<OpenFile> open = open_regular(path);
  if (!open) throw HttpError(404);
  return send_open_file(std::move(*open), path.filename().string(), path.generic_string(), request, options);
}

}  // namespace retort

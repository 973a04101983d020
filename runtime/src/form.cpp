#include "retort/form.hpp"

#include <optional>

#include "header_value.hpp"
#include "percent_decode.hpp"
#include "retort/http_error.hpp"

// The multipart parser ports Werkzeug's sansio MultipartDecoder, which
// streams 64 KiB chunks through regexes. Here the whole body is at hand, so
// each regex search becomes one leftmost search over the rest of the body;
// only a CR/LF split across Werkzeug's chunk edges could tell them apart.

namespace retort {
namespace {

[[noreturn]] void bad_request(std::string why) { throw HttpError(400, std::move(why)); }

// Werkzeug's LINE_BREAK, `\r\n|\n|\r`: its length at `at`, 0 if none.
std::size_t line_break(std::string_view s, std::size_t at) {
  if (at >= s.size()) return 0;
  if (s[at] == '\r') return at + 1 < s.size() && s[at + 1] == '\n' ? 2 : 1;
  return s[at] == '\n' ? 1 : 0;
}

// `[^\S\n\r]`: whitespace that is not a line break.
bool is_horizontal_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

struct Delimiter {
  std::size_t start, end;
  bool last;  // `--boundary--`: the epilogue follows
};

// The leftmost match at or after `from` of
//   LB --boundary ( --[hws]* LB? | [hws]* LB )
// (boundary_re), or with the leading LB optional (preamble_re: many
// clients and Werkzeug's own tests start the body with `--boundary`).
std::optional<Delimiter> find_delimiter(std::string_view s, std::string_view dash_boundary, std::size_t from,
                                        bool line_break_optional) {
  for (std::size_t p = s.find(dash_boundary, from); p != std::string_view::npos;
       p = s.find(dash_boundary, p + 1)) {
    std::size_t end = p + dash_boundary.size();
    const bool last = s.substr(end, 2) == "--";
    if (last) {
      end += 2;
      while (end < s.size() && is_horizontal_space(s[end])) ++end;
      end += line_break(s, end);
    } else {
      while (end < s.size() && is_horizontal_space(s[end])) ++end;
      const std::size_t n = line_break(s, end);
      if (n == 0) continue;  // `--boundaryX`: data that only looks like one
      end += n;
    }
    if (p >= from + 2 && s.substr(p - 2, 2) == "\r\n") return Delimiter{p - 2, end, last};
    if (p >= from + 1 && (s[p - 1] == '\r' || s[p - 1] == '\n')) return Delimiter{p - 1, end, last};
    if (line_break_optional) return Delimiter{p, end, last};
  }
  return std::nullopt;
}

// BLANK_LINE_RE, `\r\n\r\n|\r\r|\n\n`: {start, length} of the leftmost.
std::optional<std::pair<std::size_t, std::size_t>> find_blank_line(std::string_view s, std::size_t from) {
  for (std::size_t i = from; i + 1 < s.size(); ++i) {
    if (s.substr(i, 4) == "\r\n\r\n") return std::pair{i, std::size_t{4}};
    if ((s[i] == '\r' || s[i] == '\n') && s[i + 1] == s[i]) return std::pair{i, std::size_t{2}};
  }
  return std::nullopt;
}

bool is_utf8(std::string_view bytes) { return detail::replace_invalid_utf8(bytes) == bytes; }

// MultipartDecoder._parse_headers: continuation lines joined with a space,
// one header per line, blank lines skipped.
Headers parse_part_headers(std::string_view block) {
  std::string joined;  // HEADER_CONTINUATION_RE.sub(b" ", block): `(\r\n|\n|\r)[ \t]` is a space
  for (std::size_t i = 0; i < block.size();) {
    const std::size_t n = line_break(block, i);
    if (n > 0 && i + n < block.size() && (block[i + n] == ' ' || block[i + n] == '\t')) {
      joined += ' ';
      i += n + 1;
    } else {
      joined += block[i++];
    }
  }
  Headers headers;
  std::string_view rest = joined;
  while (!rest.empty()) {  // bytes.splitlines()
    std::size_t eol = 0;
    while (eol < rest.size() && rest[eol] != '\r' && rest[eol] != '\n') ++eol;
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol + (eol < rest.size() ? line_break(rest, eol) : 0));
    // bytes.strip(): ASCII whitespace only.
    while (!line.empty() && std::string_view(" \t\n\r\v\f").find(line.front()) != std::string_view::npos)
      line.remove_prefix(1);
    while (!line.empty() && std::string_view(" \t\n\r\v\f").find(line.back()) != std::string_view::npos)
      line.remove_suffix(1);
    if (line.empty()) continue;
    if (!is_utf8(line)) bad_request("A multipart/form-data part header is not UTF-8.");
    const std::size_t colon = line.find(':');
    // Werkzeug takes the whole line as a name with an empty value; a line
    // like that is garbage, not a header.
    if (colon == std::string_view::npos) bad_request("A multipart/form-data part header has no colon.");
    headers.add(detail::python_strip(line.substr(0, colon)), detail::python_strip(line.substr(colon + 1)));
  }
  return headers;
}

// A text field's bytes as text, by MultiPartParser.get_part_charset.
std::string decode_field(std::string_view data, const Headers& headers) {
  std::string charset = "utf-8";
  if (const auto type = headers.get("content-type"); type && !type->empty()) {
    const std::string declared = detail::ascii_lower(detail::parse_options_header(*type).param("charset").value_or(""));
    if (declared == "ascii" || declared == "us-ascii" || declared == "iso-8859-1") charset = declared;
  }
  if (charset == "utf-8") return detail::replace_invalid_utf8(data);
  std::string out;
  for (const char c : data) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out += c;
    } else if (charset == "iso-8859-1") {
      out += static_cast<char>(0xC0 | (b >> 6));
      out += static_cast<char>(0x80 | (b & 0x3F));
    } else {
      out += "\xEF\xBF\xBD";
    }
  }
  return out;
}

}  // namespace

const UploadedFile* Form::file(std::string_view name) const {
  for (const UploadedFile& f : files_)
    if (f.name == name) return &f;
  return nullptr;
}

Form Form::parse(std::string_view content_type, std::string_view body, const FormLimits& limits) {
  const detail::HeaderValue type = detail::parse_options_header(content_type);
  Form form;
  if (type.value == "application/x-www-form-urlencoded") {
    if (limits.max_form_memory_size && body.size() > *limits.max_form_memory_size) throw HttpError(413);
    if (!is_utf8(body)) bad_request("The form body is not UTF-8.");
    form.fields_ = QueryArgs::parse(body);
    return form;
  }
  if (type.value != "multipart/form-data") return form;

  const std::string_view boundary = type.param("boundary").value_or("");
  if (boundary.empty()) bad_request("The multipart/form-data Content-Type has no boundary.");
  for (const char c : boundary)
    if (static_cast<unsigned char>(c) >= 0x80) bad_request("The multipart/form-data boundary is not ASCII.");
  const std::string dash_boundary = "--" + std::string(boundary);

  auto delimiter = find_delimiter(body, dash_boundary, 0, /*line_break_optional=*/true);
  if (!delimiter) bad_request("The multipart/form-data body has no opening boundary.");
  std::size_t parts = 0;
  while (!delimiter->last) {
    const std::size_t part_start = delimiter->end;
    const auto blank = find_blank_line(body, part_start);
    if (!blank) bad_request("A multipart/form-data part's headers do not end.");
    Headers headers = parse_part_headers(body.substr(part_start, blank->first - part_start));
    const auto disposition = headers.get("content-disposition");
    if (!disposition) bad_request("A multipart/form-data part has no Content-Disposition header.");
    const detail::HeaderValue params = detail::parse_options_header(*disposition);
    const auto name = params.param("name");
    if (!name) bad_request("A multipart/form-data part's Content-Disposition has no name.");
    const auto filename = params.param("filename");
    if (limits.max_form_parts && ++parts > *limits.max_form_parts) throw HttpError(413);

    // The blank line's second line break starts the data; the delimiter
    // search starts at that line break, so an empty part's data is empty.
    const std::size_t headers_end = blank->first + blank->second / 2;
    const std::size_t data_start = headers_end + line_break(body, headers_end);
    delimiter = find_delimiter(body, dash_boundary, headers_end, /*line_break_optional=*/false);
    if (!delimiter) bad_request("The multipart/form-data body ends inside a part (no closing boundary).");
    const std::string_view data =
        delimiter->start > data_start ? body.substr(data_start, delimiter->start - data_start) : std::string_view();

    if (filename) {
      std::string part_type(headers.get("content-type").value_or(""));
      form.files_.push_back({std::string(*name), std::string(*filename), std::move(part_type), std::move(headers),
                             std::string(data)});
    } else {
      if (limits.max_form_memory_size && data.size() > *limits.max_form_memory_size) throw HttpError(413);
      form.fields_.add(std::string(*name), decode_field(data, headers));
    }
  }
  return form;
}

}  // namespace retort

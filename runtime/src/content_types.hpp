// Content types: the Content-Type and Content-Disposition a file is sent
// with, from its name alone, as Werkzeug's send_file derives them
// (mimetypes.guess_type, get_content_type, dump_options_header).
#pragma once

#include <string>
#include <string_view>

namespace retort::detail {

// The media type for a file name by its extension, compared without case:
// "app.CSS" -> "text/css". "application/octet-stream" when the extension is
// unknown or the name has none ("Makefile", ".png").
std::string_view media_type_for(std::string_view filename) noexcept;

// Werkzeug's get_content_type: "; charset=utf-8" is appended to text/*,
// to a few application/* types that are text (javascript, xml, ...) and to
// any "+xml" type. "text/css" -> "text/css; charset=utf-8", but
// "application/json" stays as it is (JSON has no charset parameter).
std::string content_type_with_charset(std::string_view media_type);

// media_type_for then content_type_with_charset.
std::string content_type_for(std::string_view filename);

// Werkzeug's `inline` Content-Disposition for a file name:
//   hello.txt      -> inline; filename=hello.txt
//   a b.txt        -> inline; filename="a b.txt"
//   café menu.txt  -> inline; filename="cafe menu.txt"; filename*=UTF-8''caf%C3%A9%20menu.txt
// The ASCII fallback folds accented Latin-1 letters as NFKD does and drops
// any other non-ASCII character (Werkzeug applies full NFKD).
std::string inline_content_disposition(std::string_view filename);

}  // namespace retort::detail

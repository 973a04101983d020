#include "content_types.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace retort::detail {
namespace {

using Entry = std::pair<std::string_view, std::string_view>;

// Extension -> media type. The values are what Python's mimetypes answers
// on a Debian machine (its built-in table plus /etc/mime.types), so a file
// gets the type Flask would send. Python knows no type for map, yaml, yml,
// toml and gz (it reports gz as an *encoding*), so those are our choices:
// the registered types, and gz as the archive it is rather than Werkzeug's
// Content-Encoding: gzip (see docs/static-files.md).
// ~70 entries: a linear scan costs less than the file read that follows.
constexpr std::array kTypes = std::to_array<Entry>({
    // Text and documents
    {"html", "text/html"}, {"htm", "text/html"}, {"xhtml", "application/xhtml+xml"},
    {"css", "text/css"}, {"txt", "text/plain"}, {"csv", "text/csv"},
    {"tsv", "text/tab-separated-values"}, {"md", "text/markdown"}, {"markdown", "text/markdown"},
    {"ics", "text/calendar"}, {"vtt", "text/vtt"}, {"xml", "application/xml"},
    {"rss", "application/x-rss+xml"}, {"atom", "application/atom+xml"},
    {"pdf", "application/pdf"}, {"rtf", "application/rtf"}, {"epub", "application/epub+zip"},
    // Scripts and data
    {"js", "text/javascript"}, {"mjs", "text/javascript"}, {"json", "application/json"},
    {"jsonld", "application/ld+json"}, {"webmanifest", "application/manifest+json"},
    {"map", "application/json"}, {"wasm", "application/wasm"}, {"yaml", "application/yaml"},
    {"yml", "application/yaml"}, {"toml", "application/toml"},
    // Images
    {"png", "image/png"}, {"apng", "image/apng"}, {"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"},
    {"gif", "image/gif"}, {"webp", "image/webp"}, {"avif", "image/avif"}, {"svg", "image/svg+xml"},
    {"ico", "image/vnd.microsoft.icon"}, {"bmp", "image/bmp"}, {"tif", "image/tiff"},
    {"tiff", "image/tiff"}, {"heic", "image/heic"}, {"jxl", "image/jxl"},
    // Fonts
    {"woff", "font/woff"}, {"woff2", "font/woff2"}, {"ttf", "font/ttf"}, {"otf", "font/otf"},
    {"eot", "application/vnd.ms-fontobject"},
    // Audio and video
    {"mp3", "audio/mpeg"}, {"m4a", "audio/mp4"}, {"ogg", "audio/ogg"}, {"oga", "audio/ogg"},
    {"opus", "audio/ogg"}, {"wav", "audio/x-wav"}, {"flac", "audio/flac"}, {"mp4", "video/mp4"},
    {"m4v", "video/mp4"}, {"webm", "video/webm"}, {"ogv", "video/ogg"}, {"mov", "video/quicktime"},
    {"mpeg", "video/mpeg"}, {"avi", "video/x-msvideo"},
    // Archives and binaries
    {"zip", "application/zip"}, {"gz", "application/gzip"}, {"tar", "application/x-tar"},
    {"7z", "application/x-7z-compressed"}, {"bin", "application/octet-stream"},
    {"glb", "model/gltf-binary"}, {"gltf", "model/gltf+json"},
});

// Werkzeug's _charset_mimetypes: application types that are text.
constexpr std::array<std::string_view, 6> kTextApplicationTypes = {
    "application/ecmascript", "application/javascript", "application/sql",
    "application/xml",        "application/xml-dtd",    "application/xml-external-parsed-entity",
};

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// An RFC 9110 token character: such a parameter value needs no quotes.
bool is_token_char(unsigned char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

// Werkzeug's quote_header_value.
std::string quote_header_value(std::string_view value) {
  if (!value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return is_token_char(c); }))
    return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + '"';
}

// NFKD then "keep ASCII" for U+00C0..U+00FF: the base letter, or nothing
// ('_') for letters NFKD does not decompose (Æ, Ð, Ø, Þ, ß, ...) and for
// × and ÷. Checked against Python's unicodedata.
constexpr std::string_view kLatin1Fold = "AAAAAA_CEEEEIIII_NOOOOO__UUUUY__aaaaaa_ceeeeiiii_nooooo__uuuuy_y";

// The filename= fallback for a non-ASCII name (UTF-8 in, ASCII out).
std::string ascii_fallback(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if ((c == 0xC3) && i + 1 < name.size()) {
      // U+00C0..U+00FF is C3 80..C3 BF in UTF-8.
      const auto next = static_cast<unsigned char>(name[i + 1]);
      if (next >= 0x80 && next <= 0xBF) {
        if (char folded = kLatin1Fold[next - 0x80]; folded != '_') out += folded;
        ++i;
      }
    }
    // Any other non-ASCII byte (a lead or continuation byte) is dropped.
  }
  return out;
}

// Python's urllib.parse.quote(name, safe="!#$&+-.^_`|~"): the RFC 5987
// attr-chars stay, every other byte of the UTF-8 is %XX.
std::string rfc5987_encode(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_token_char(c) && c != '%' && c != '\'' && c != '*') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

}  // namespace

std::string_view media_type_for(std::string_view filename) noexcept {
  // The extension is what follows the last dot of the last segment, as
  // Python's splitext: a leading dot (".png") starts a name, not an
  // extension.
  if (auto slash = filename.rfind('/'); slash != std::string_view::npos) filename.remove_prefix(slash + 1);
  const std::size_t dot = filename.rfind('.');
  if (dot == std::string_view::npos || filename.find_first_not_of('.') > dot) return "application/octet-stream";
  const std::string_view ext = filename.substr(dot + 1);
  for (const auto& [key, type] : kTypes) {
    if (key.size() == ext.size() &&
        std::equal(key.begin(), key.end(), ext.begin(), [](char k, char e) { return k == ascii_lower(e); }))
      return type;
  }
  return "application/octet-stream";
}

std::string content_type_with_charset(std::string_view media_type) {
  const bool text = media_type.starts_with("text/") || media_type.ends_with("+xml") ||
                    std::find(kTextApplicationTypes.begin(), kTextApplicationTypes.end(), media_type) !=
                        kTextApplicationTypes.end();
  std::string result(media_type);
  if (text) result += "; charset=utf-8";
  return result;
}

std::string content_type_for(std::string_view filename) {
  return content_type_with_charset(media_type_for(filename));
}

std::string inline_content_disposition(std::string_view filename) {
  const bool ascii = std::all_of(filename.begin(), filename.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::string value = "inline; filename=";
  if (ascii) return value + quote_header_value(filename);
  return value + quote_header_value(ascii_fallback(filename)) + "; filename*=UTF-8''" + rfc5987_encode(filename);
}

}  // namespace retort::detail

#include "header_value.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "percent_decode.hpp"
#include "retort/headers.hpp"

namespace retort::detail {
namespace {

// Werkzeug's RFC 9110 token class: `[\w!#$%&'*+\-.^`|~]` under re.ASCII.
bool is_param_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("_!#$%&'*+-.^`|~").find(c) != std::string_view::npos;
}
std::size_t param_run(std::string_view text) {
  std::size_t n = 0;
  while (n < text.size() && is_param_char(text[n])) ++n;
  return n;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// urllib.parse.unquote_to_bytes: `%XX` to a byte, anything else verbatim.
std::string percent_bytes(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int hi = hex_digit(text[i + 1]), lo = hex_digit(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// urllib.parse.unquote(text, encoding, errors="replace") for the three
// charsets Werkzeug accepts. Python only unescapes ASCII runs; non-ASCII
// text (inside a quoted value) is already decoded and passes through.
std::string unquote_charset(std::string_view text, std::string_view encoding) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const bool ascii = static_cast<unsigned char>(text[i]) < 0x80;
    std::size_t j = i;
    while (j < text.size() && (static_cast<unsigned char>(text[j]) < 0x80) == ascii) ++j;
    if (!ascii) {
      out.append(text.substr(i, j - i));
    } else if (encoding == "utf-8") {
      out += replace_invalid_utf8(percent_bytes(text.substr(i, j - i)));
    } else {
      for (const char c : percent_bytes(text.substr(i, j - i))) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x80) {
          out += c;
        } else if (encoding == "iso-8859-1") {  // each byte is its code point
          out += static_cast<char>(0xC0 | (b >> 6));
          out += static_cast<char>(0x80 | (b & 0x3F));
        } else {  // ascii, us-ascii: one U+FFFD per byte
          out += "\xEF\xBF\xBD";
        }
      }
    }
    i = j;
  }
  return out;
}

// `charset'language'value` at the start of an RFC 2231 value (re.match, so
// it need not reach the end; a token always does).
std::optional<std::pair<std::string_view, std::string_view>> match_charset(std::string_view v) {
  auto run = [&](std::size_t from) {
    std::size_t to = from;
    while (to < v.size() && v[to] != '\'' && is_param_char(v[to])) ++to;
    return to;
  };
  const std::size_t q1 = run(0);
  if (q1 >= v.size() || v[q1] != '\'') return std::nullopt;
  const std::size_t q2 = run(q1 + 1);
  if (q2 >= v.size() || v[q2] != '\'') return std::nullopt;
  const std::size_t end = q2 + 1 + param_run(v.substr(q2 + 1));
  if (end == q2 + 1) return std::nullopt;
  return std::pair{v.substr(0, q1), v.substr(q2 + 1, end - q2 - 1)};
}

// Werkzeug's quote_header_value: tokens (its _token_chars are the same
// class) as they are, else a quoted-string.
std::string quote_header_value(std::string_view value) {
  if (!value.empty() && param_run(value) == value.size()) return std::string(value);
  std::string out = "\"";
  for (const char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out + '"';
}

}  // namespace

// ---- Python text ----------------------------------------------------------

std::size_t python_space_length(std::string_view t, std::size_t at) {
  auto byte = [&](std::size_t k) { return at + k < t.size() ? static_cast<unsigned char>(t[at + k]) : 0; };
  const unsigned char b = byte(0);
  if ((b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x20)) return 1;
  if (b == 0xC2 && (byte(1) == 0x85 || byte(1) == 0xA0)) return 2;
  const unsigned char b1 = byte(1), b2 = byte(2);
  if (b == 0xE1 && b1 == 0x9A && b2 == 0x80) return 3;  // U+1680
  if (b == 0xE2 && b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF))
    return 3;                                           // U+2000-200A, U+2028, U+2029, U+202F
  if (b == 0xE2 && b1 == 0x81 && b2 == 0x9F) return 3;  // U+205F
  if (b == 0xE3 && b1 == 0x80 && b2 == 0x80) return 3;  // U+3000
  return 0;
}

std::string_view python_lstrip(std::string_view text) {
  std::size_t n;
  while (!text.empty() && (n = python_space_length(text, 0)) > 0) text.remove_prefix(n);
  return text;
}

std::string_view python_strip(std::string_view text) {
  text = python_lstrip(text);
  for (bool again = true; again && !text.empty();) {
    again = false;
    for (std::size_t n = 1; n <= 3 && n <= text.size(); ++n)
      if (python_space_length(text, text.size() - n) == n) {
        text.remove_suffix(n);
        again = true;
        break;
      }
  }
  return text;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// ---- parse_options_header -------------------------------------------------

std::optional<std::string_view> HeaderValue::param(std::string_view name) const {
  for (const auto& [key, value] : params)
    if (iequals(key, name)) return std::string_view(value);
  return std::nullopt;
}

HeaderValue parse_options_header(std::string_view text) {
  HeaderValue result;
  const std::size_t semicolon = text.find(';');
  result.value = ascii_lower(python_strip(text.substr(0, semicolon)));
  std::string_view rest =
      semicolon == std::string_view::npos ? std::string_view() : python_strip(text.substr(semicolon + 1));
  if (result.value.empty() || rest.empty()) return result;

  // Collect the valid key=value parts, values still raw (token or quoted).
  std::vector<std::pair<std::string, std::string_view>> parts;
  while (true) {
    const std::size_t key_length = param_run(rest);
    if (key_length > 0 && key_length < rest.size() && rest[key_length] == '=') {
      std::string key = ascii_lower(rest.substr(0, key_length));
      rest.remove_prefix(key_length + 1);
      // A token value does not advance `rest`: junk after it (`a=b c`) is
      // skipped by the search for the next `;`, as in Werkzeug.
      if (const std::size_t n = param_run(rest); n > 0) {
        parts.emplace_back(std::move(key), rest.substr(0, n));
      } else if (!rest.empty() && rest[0] == '"') {
        for (std::size_t pos = 1; pos < rest.size();) {
          if (rest[pos] == '\\' && pos + 1 < rest.size() && (rest[pos + 1] == '\\' || rest[pos + 1] == '"')) {
            pos += 2;
          } else if (rest[pos] == '"') {
            parts.emplace_back(std::move(key), rest.substr(0, pos + 1));
            rest.remove_prefix(pos + 1);
            break;
          } else {
            ++pos;
          }
        }
      }
    }
    const std::size_t end = rest.find(';');
    if (end == std::string_view::npos) break;
    rest = python_lstrip(rest.substr(end + 1));
  }

  // Decode RFC 2231 charsets and continuations, unquote. `encoding` is not
  // reset between parts, exactly like Werkzeug's loop variable.
  std::string encoding, continued_encoding;
  for (auto& [key, raw] : parts) {
    std::string pk = key;
    std::string pv(raw);
    if (pk.back() == '*') {
      pk.pop_back();
      if (const auto match = match_charset(pv)) {
        encoding = ascii_lower(match->first);
        pv = std::string(match->second);
      }
      if (encoding.empty()) encoding = continued_encoding;
      if (encoding == "ascii" || encoding == "us-ascii" || encoding == "utf-8" || encoding == "iso-8859-1") {
        continued_encoding = encoding;
        pv = unquote_charset(pv, encoding);
      }
    }
    if (!pv.empty() && pv.front() == '"' && pv.back() == '"') {
      pv = pv.size() >= 2 ? pv.substr(1, pv.size() - 2) : std::string();
      // HTTP headers escape with a backslash, browsers' multipart with %22.
      replace_all(pv, "\\\\", "\\");
      replace_all(pv, "\\\"", "\"");
      replace_all(pv, "%22", "\"");
    }
    // key*0=a; key*1=b is key=ab.
    const std::size_t star = pk.rfind('*');
    const bool continuation = star != std::string::npos && star + 1 < pk.size() &&
                              std::all_of(pk.begin() + static_cast<std::ptrdiff_t>(star) + 1, pk.end(),
                                          [](char c) { return c >= '0' && c <= '9'; });
    if (continuation) pk.resize(star);
    auto it = std::find_if(result.params.begin(), result.params.end(),
                           [&](const auto& param) { return param.first == pk; });
    if (it == result.params.end()) {
      result.params.emplace_back(std::move(pk), std::move(pv));
    } else if (continuation) {
      it->second += pv;
    } else {
      it->second = std::move(pv);
    }
  }
  return result;
}

bool is_json_mimetype(std::string_view content_type) {
  const std::string mt = parse_options_header(content_type).value;
  return mt == "application/json" || (mt.starts_with("application/") && mt.ends_with("+json"));
}

// ---- Accept ---------------------------------------------------------------

std::vector<std::string> parse_list_header(std::string_view value, std::string_view (*strip)(std::string_view)) {
  std::vector<std::string> raw(1);
  bool quote = false, escape = false;
  for (const char c : value) {
    if (escape) {
      escape = false;
    } else if (quote) {
      if (c == '\\') escape = true;
      else if (c == '"') quote = false;
    } else if (c == ',') {
      raw.emplace_back();
      continue;
    } else if (c == '"') {
      quote = true;
    }
    raw.back() += c;
  }
  if (quote) return {};
  std::vector<std::string> items;
  for (const std::string& item : raw) {
    const std::string_view s = strip(item);
    if (s.empty()) continue;
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') {
      std::string out;  // re.sub(r"\\(.)", r"\1") — `.` is anything but \n
      const std::string_view inner = s.substr(1, s.size() - 2);
      for (std::size_t i = 0; i < inner.size(); ++i) {
        if (inner[i] == '\\' && i + 1 < inner.size() && inner[i + 1] != '\n') ++i;
        out += inner[i];
      }
      items.push_back(std::move(out));
    } else {
      items.emplace_back(s);
    }
  }
  return items;
}

namespace {

// re.split(r"/|(?:\s*;\s*)", value), \s being Unicode whitespace.
std::vector<std::string_view> split_mime(std::string_view value) {
  std::vector<std::string_view> pieces;
  std::size_t start = 0, i = 0;
  while (i < value.size()) {
    if (value[i] == '/') {
      pieces.push_back(value.substr(start, i - start));
      start = ++i;
      continue;
    }
    std::size_t j = i, n;
    while (j < value.size() && (n = python_space_length(value, j)) > 0) j += n;
    if (j < value.size() && value[j] == ';') {
      ++j;
      while (j < value.size() && (n = python_space_length(value, j)) > 0) j += n;
      pieces.push_back(value.substr(start, i - start));
      start = i = j;
      continue;
    }
    ++i;
  }
  pieces.push_back(value.substr(start));
  return pieces;
}

struct AcceptItem {
  std::string value;  // the media range with its parameters but q, as Werkzeug re-dumps it
  double quality;
  std::vector<bool> specificity;  // MIMEAccept._specificity: piece != "*"
};

struct Mime {
  std::string type, subtype;
  std::vector<std::string> params;  // sorted
};
Mime normalize_mime(std::string_view value) {
  const std::string lower = ascii_lower(value);
  const std::vector<std::string_view> pieces = split_mime(lower);
  Mime mime{std::string(pieces[0]), pieces.size() > 1 ? std::string(pieces[1]) : std::string(), {}};
  for (std::size_t i = 2; i < pieces.size(); ++i) mime.params.emplace_back(pieces[i]);
  std::sort(mime.params.begin(), mime.params.end());
  return mime;
}

// MIMEAccept._value_matches(offer, client item).
bool mime_matches(std::string_view offer, std::string_view item) {
  if (item.find('/') == std::string_view::npos) return false;
  const Mime v = normalize_mime(offer);
  const Mime i = normalize_mime(item);
  if (i.type == "*" && i.subtype != "*") return false;
  if ((i.type == "*" && i.subtype == "*") || (v.type == "*" && v.subtype == "*")) return true;
  return i.type == v.type && (i.subtype == "*" || v.subtype == "*" || (i.subtype == v.subtype && i.params == v.params));
}

// `-?\d+(\.\d+)?` in [0, 1], else the item is ignored.
std::optional<double> parse_quality(std::string_view q) {
  std::size_t i = q.starts_with('-') ? 1 : 0;
  auto digits = [&] {
    const std::size_t from = i;
    while (i < q.size() && q[i] >= '0' && q[i] <= '9') ++i;
    return i > from;
  };
  if (!digits()) return std::nullopt;
  if (i < q.size() && q[i] == '.') {
    ++i;
    if (!digits()) return std::nullopt;
  }
  if (i != q.size()) return std::nullopt;
  double value = 0;
  std::from_chars(q.data(), q.data() + q.size(), value);
  if (value < 0 || value > 1) return std::nullopt;
  return value;
}

std::vector<AcceptItem> parse_accept_header(std::string_view header) {
  std::vector<AcceptItem> items;
  for (const std::string& entry : parse_list_header(header)) {
    // The media type keeps its case here (parse_options_header does).
    const std::size_t semicolon = entry.find(';');
    std::string value(python_strip(std::string_view(entry).substr(0, semicolon)));
    std::vector<std::pair<std::string, std::string>> params = parse_options_header(entry).params;
    double quality = 1;
    if (auto q = std::find_if(params.begin(), params.end(), [](const auto& p) { return p.first == "q"; });
        q != params.end()) {
      const auto parsed = parse_quality(python_strip(q->second));
      if (!parsed) continue;
      quality = *parsed;
      params.erase(q);
    }
    for (const auto& [key, param] : params)  // dump_options_header
      value += "; " + key + "=" + (key.back() == '*' ? param : quote_header_value(param));
    std::vector<bool> specificity;
    for (std::string_view piece : split_mime(value)) specificity.push_back(piece != "*");
    items.push_back({std::move(value), quality, std::move(specificity)});
  }
  // sorted(key=(specificity, quality), reverse=True), which keeps ties in order.
  std::stable_sort(items.begin(), items.end(), [](const AcceptItem& a, const AcceptItem& b) {
    if (a.specificity != b.specificity) return a.specificity > b.specificity;
    return a.quality > b.quality;
  });
  return items;
}

}  // namespace

std::string_view best_match(std::string_view accept_header, std::initializer_list<std::string_view> offers,
                            std::string_view fallback) {
  // Werkzeug raises only once a client item reaches the bad offer; a
  // programming error is better found on the first request.
  for (std::string_view offer : offers) {
    const bool valid = offer.find('/') != std::string_view::npos &&
                       (normalize_mime(offer).type != "*" || normalize_mime(offer).subtype == "*");
    if (!valid) throw std::invalid_argument("invalid mimetype '" + std::string(offer) + "'");
  }
  const std::vector<AcceptItem> accepted = parse_accept_header(accept_header);
  std::string_view result = fallback;
  double best_quality = -1;
  std::vector<bool> best_specificity;  // empty sorts below every real one, as Werkzeug's (-1,)
  for (std::string_view offer : offers) {
    // The first client item that matches is the most specific one.
    auto match = std::find_if(accepted.begin(), accepted.end(),
                              [&](const AcceptItem& item) { return mime_matches(offer, item.value); });
    if (match == accepted.end() || match->quality <= 0 || match->quality < best_quality) continue;
    if (match->quality > best_quality || match->specificity > best_specificity) {
      result = offer;
      best_quality = match->quality;
      best_specificity = match->specificity;
    }
  }
  return result;
}

}  // namespace retort::detail

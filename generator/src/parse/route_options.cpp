#include "parse/route_options.hpp"

#include <charconv>
#include <cstdlib>

namespace retortc {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_ident(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Splits at commas outside parentheses and string literals.
std::vector<std::string_view> split_top_level(std::string_view text) {
  std::vector<std::string_view> items;
  int depth = 0;
  bool in_string = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == ',' && depth == 0) {
      items.push_back(trim(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  items.push_back(trim(text.substr(start)));
  return items;
}

// A C++ literal: integer, floating point, or a narrow string literal.
std::optional<ArgValue> parse_literal(std::string_view s) {
  ArgValue v;
  v.text = std::string(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') {
    std::string out;
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
      char c = s[i];
      if (c != '\\') {
        out += c;
        continue;
      }
      if (++i + 1 >= s.size() + 1) return std::nullopt;
      switch (s[i]) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '0': out += '\0'; break;
        case '\\': out += '\\'; break;
        case '"': out += '"'; break;
        case '\'': out += '\''; break;
        case 'x': {
          unsigned value = 0;
          auto [end, ec] = std::from_chars(s.data() + i + 1, s.data() + s.size() - 1, value, 16);
          if (ec != std::errc() || value > 0xFF) return std::nullopt;
          out += static_cast<char>(value);
          i = static_cast<std::size_t>(end - s.data()) - 1;
          break;
        }
        default: return std::nullopt;
      }
    }
    v.type = ArgValue::Type::text;
    v.text = out;
    return v;
  }
  std::int64_t integer = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), integer);
  if (ec == std::errc() && end == s.data() + s.size()) {
    v.type = ArgValue::Type::integer;
    v.integer = integer;
    return v;
  }
  double floating = 0;
  auto [fend, fec] = std::from_chars(s.data(), s.data() + s.size(), floating);
  if (fec == std::errc() && fend == s.data() + s.size()) {
    v.type = ArgValue::Type::floating;
    v.floating = floating;
    return v;
  }
  return std::nullopt;
}

}  // namespace

std::optional<RouteOptions> parse_route_options(std::string_view text, const OptionLocator& locate,
                                                DiagnosticSink& sink) {
  RouteOptions options;
  bool ok = true;
  auto fail = [&](std::string_view item, std::string why) {
    sink.report(make_diagnostic(DiagnosticKind::bad_route_option, locate(item), {item, why},
                                static_cast<unsigned>(item.size())));
    ok = false;
  };
  for (std::string_view item : split_top_level(text)) {
    if (item.empty()) continue;
    std::size_t name_end = 0;
    while (name_end < item.size() && is_ident(item[name_end])) ++name_end;
    std::string_view name = item.substr(0, name_end);
    std::string_view rest = trim(item.substr(name_end));
    if (rest.empty()) {
      if (name.empty()) fail(item, "expected an HTTP method or an option");
      else options.methods.emplace_back(name);
      continue;
    }
    if (rest.front() != '(' || rest.back() != ')') {
      fail(item, "expected `name(…)`");
      continue;
    }
    std::string_view inside = trim(rest.substr(1, rest.size() - 2));
    if (name == "strict_slashes" || name == "merge_slashes") {
      if (inside != "true" && inside != "false") {
        fail(item, "expected true or false");
        continue;
      }
      (name == "strict_slashes" ? options.strict_slashes : options.merge_slashes) = inside == "true";
    } else if (name == "defaults") {
      for (std::string_view pair : split_top_level(inside)) {
        if (pair.empty()) continue;
        std::size_t eq = pair.find('=');
        std::string_view key = trim(pair.substr(0, eq));
        std::optional<ArgValue> value =
            eq == std::string_view::npos ? std::nullopt : parse_literal(trim(pair.substr(eq + 1)));
        bool key_ok = !key.empty() && !(key[0] >= '0' && key[0] <= '9');
        for (char c : key) key_ok = key_ok && is_ident(c);
        if (!key_ok || !value) {
          fail(pair, "expected `name = 1`, `name = 1.5` or `name = \"text\"`");
          continue;
        }
        for (const DefaultValue& d : options.defaults)
          if (d.name == key) fail(pair, "'" + std::string(key) + "' is given twice");
        options.defaults.push_back({std::string(key), std::move(*value)});
      }
    } else {
      fail(item, "unknown option '" + std::string(name) + "'; expected defaults, strict_slashes or merge_slashes");
    }
  }
  if (!ok) return std::nullopt;
  return options;
}

}  // namespace retortc

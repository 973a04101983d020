#include "model/converter.hpp"

#include <string_view>

namespace retortc {

std::string python_re_escape(std::string_view text) {
  constexpr std::string_view kSpecial = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f";
  std::string out;
  for (char c : text) {
    if (kSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string Converter::regex() const {
  switch (kind) {
    case Kind::string:
      if (length) return "[^/]{" + std::to_string(*length) + "}";
      return "[^/]{" + std::to_string(min_length) + "," +
             (max_length ? std::to_string(*max_length) : std::string()) + "}";
    case Kind::integer: return is_signed ? "-?\\d+" : "\\d+";
    case Kind::floating: return is_signed ? "-?\\d+\\.\\d+" : "\\d+\\.\\d+";
    case Kind::path: return "[^/].*?";
    case Kind::uuid:
      return "[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}";
    case Kind::any: {
      std::string out = "(?:";
      for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "|" : "") + python_re_escape(items[i]);
      return out + ")";
    }
  }
  return {};
}

int Converter::weight() const {
  switch (kind) {
    case Kind::integer:
    case Kind::floating: return 50;
    case Kind::path: return 200;
    default: return 100;
  }
}

const char* Converter::value_kind() const {
  switch (kind) {
    case Kind::integer: return "integer";
    case Kind::floating: return "float";
    case Kind::uuid: return "uuid";
    default: return "text";
  }
}

}  // namespace retortc

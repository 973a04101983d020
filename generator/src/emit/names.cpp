#include "emit/names.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace retortc {

std::string cpp_identifier(std::string_view name) {
  std::string id;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    id += ok ? c : '_';
  }
  if (id.empty() || (id[0] >= '0' && id[0] <= '9')) id.insert(id.begin(), '_');
  return id;
}

std::string routes_namespace(std::string_view table_name) {
  return cpp_identifier(table_name) + "_routes";
}
std::string header_file_name(std::string_view table_name) {
  return std::string(table_name) + "_routes.hpp";
}
std::string source_file_name(std::string_view table_name) {
  return std::string(table_name) + "_routes.cpp";
}
std::string manifest_file_name(std::string_view table_name) {
  return std::string(table_name) + "_routes.json";
}

std::string cpp_string_literal(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c >= 0x7f) {
      // Octal escapes stop after three digits, unlike \x, so the next
      // character can never be swallowed into the escape.
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\%03o", c);
      out += buffer;
    } else {
      out += ch;
    }
  }
  return out + '"';
}

std::string cpp_raw_string_literal(std::string_view text) {
  std::string delimiter = "json";
  for (int n = 1; text.find(")" + delimiter + "\"") != std::string_view::npos; ++n)
    delimiter = "json" + std::to_string(n);  // each candidate needs its own occurrence: n stays small
  return "R\"" + delimiter + "(" + std::string(text) + ")" + delimiter + "\"";
}

std::string method_enumerator(std::string_view method) {
  std::string name(method);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  if (name == "delete") name += '_';  // a C++ keyword
  return "retort::Method::" + name;
}

std::string method_set_expression(const Route& route) {
  std::string out = "{";
  for (const std::string& method : route.methods)
    out += (out.size() > 1 ? ", " : "") + method_enumerator(method);
  return out + "}";
}

std::string adapter_name(const Route& route, std::size_t index) {
  std::string endpoint = route.endpoint;
  std::replace(endpoint.begin(), endpoint.end(), '.', '_');
  return "call_" + endpoint + "_" + std::to_string(index);
}

std::string url_for_namespace(const Route& route) {
  std::string ns = "url_for";
  std::size_t start = 0;
  for (std::size_t dot = route.blueprint.find('.'); !route.blueprint.empty();
       dot = route.blueprint.find('.', start)) {
    ns += "::" + route.blueprint.substr(start, dot - start);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return ns;
}

std::string comment_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned char>(c));
      out += buffer;
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == '\\') out += ' ';
  return out;
}

std::string route_comment(const Route& route) {
  bool has_get = std::find(route.methods.begin(), route.methods.end(), "GET") != route.methods.end();
  std::string methods;
  for (const std::string& method : route.methods) {
    if (method == "HEAD" && has_get) continue;
    if (method == "OPTIONS" && route.automatic_options) continue;
    methods += (methods.empty() ? "" : ", ") + method;
  }
  std::string rule = comment_text(route.rule.text);
  if (!route.defaults.empty()) {
    // The defaults decide which rule url_for builds: show them.
    std::string defaults;
    for (const DefaultValue& d : route.defaults) {
      std::string value = d.value.text;  // as written, for numbers
      if (d.value.type == ArgValue::Type::text) value = cpp_string_literal(d.value.text);
      if (d.value.type == ArgValue::Type::integer) value = integer_literal(d.value.integer);
      if (d.value.type == ArgValue::Type::floating && value.empty()) value = double_literal(d.value.floating);
      defaults += (defaults.empty() ? "" : ", ") + d.name + " = " + value;
    }
    rule += " defaults(" + comment_text(defaults) + ")";
  }
  return methods + " " + rule + " -> " + qualified_handler(route) + " (" +
         route.loc.file + ":" + std::to_string(route.loc.line) + ")";
}

// A double as a C++ literal that reads back as the same value.
std::string double_literal(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  std::string text = buffer;
  if (text.find_first_of(".en") == std::string::npos) text += ".0";
  return text;
}

std::string integer_literal(std::int64_t value) {
  if (value == std::numeric_limits<std::int64_t>::min()) return "(-9223372036854775807 - 1)";
  return std::to_string(value);
}

std::string url_parameter_type(const UrlParameter& p) {
  std::string type;
  switch (p.kind) {
    case ParamKind::integer:
    case ParamKind::floating: type = p.value_type; break;
    case ParamKind::uuid: type = "retort::Uuid"; break;
    default:
      if (p.any_items.empty()) {
        type = "std::string_view";
        break;
      }
      type = "retort::AnyOf<";
      for (std::size_t i = 0; i < p.any_items.size(); ++i) type += (i > 0 ? ", " : "") + cpp_string_literal(p.any_items[i]);
      type += ">";
      break;
  }
  if (!p.required) return "std::optional<" + type + ">";
  return p.kind == ParamKind::uuid ? "const " + type + "&" : type;
}

}  // namespace retortc

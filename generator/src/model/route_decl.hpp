// RouteDecl: what the scan stage found for one annotated handler.
//
// Plain data, no AST pointers. One RouteDecl is one (rule, methods) annotation
// on one function; a function with two annotations yields two RouteDecls that
// share the endpoint.
#pragma once

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "model/source_loc.hpp"

namespace retortc {

// How the runtime can supply a handler parameter, decided from its C++ type.
// The first five can hold a URL variable; those and boolean and list can be
// query parameters (by the parameter's name); json_body is the request body.
enum class ParamKind {
  integer,      // any integral type except bool and character types
  floating,     // float, double, long double
  uuid,         // retort::Uuid
  string,       // std::string by value or const reference
  string_view,  // std::string_view
  request,      // const retort::Request&
  unsupported,  // anything else; check_bindings reports it
  boolean,      // bool: a query parameter (`?verbose=1`)
  list,         // std::vector<T> of a query type: a repeated query key (`?tag=a&tag=b`)
  app,          // const retort::App&
  json_body,    // nlohmann::json, or any other class type: the JSON body, converted by nlohmann
};

// Can a parameter of this kind be a query parameter?
inline bool is_query_kind(ParamKind kind) {
  switch (kind) {
    case ParamKind::integer:
    case ParamKind::floating:
    case ParamKind::uuid:
    case ParamKind::string:
    case ParamKind::string_view:
    case ParamKind::boolean:
    case ParamKind::list: return true;
    default: return false;
  }
}

// How the runtime turns a handler's return value into a response.
enum class ReturnKind {
  string,       // std::string: text/html
  json,         // nlohmann::json: application/json
  response,     // retort::Response
  unsupported,  // not a class type (int, void, a pointer) or a reference
  tuple,        // std::tuple / std::pair: Flask's (body, status[, headers]) forms
  convertible,  // any other class type: converted with nlohmann::json's to_json
};

struct ParamDecl {
  std::string name;
  std::string cpp_type;    // fully qualified, ready to paste into generated code
  std::string value_type;  // cpp_type without reference and cv: `int` for `const int&`;
                           // a list's element type (`std::string` for std::vector<std::string>)
  ParamKind kind = ParamKind::unsupported;  // of the value inside std::optional when optional
  ParamKind element_kind = ParamKind::unsupported;  // a list's element
  bool optional = false;   // std::optional<T>: may be absent from some rules of the endpoint
  SourceLoc loc;
};

// One level of blueprint nesting: `namespace RETORT_BLUEPRINT("/admin") admin`.
struct BlueprintDecl {
  std::string name;    // the namespace name: the endpoint prefix
  std::string prefix;  // the URL prefix as written
  SourceLoc loc;
};

struct RouteDecl {
  // The rule string literal exactly as the user wrote it (after escapes), and
  // the source position of each of its bytes plus one past the end, so a
  // diagnostic can point inside the literal.
  std::string rule;
  std::vector<SourceLoc> rule_byte_locs;

  // Everything after the rule in the annotation, as written:
  // `GET, POST, defaults(page = 1)` (see parse/route_options.hpp).
  std::string options;
  SourceLoc options_loc;
  // The source text from the end of the rule literal to the annotation's
  // closing `)`, and where it starts: lets option_loc() point at an option.
  std::string options_source;
  SourceLoc options_source_loc;

  std::string function;        // unqualified name: the endpoint's last part
  std::vector<std::string> namespaces;  // every enclosing namespace, outermost first
  std::vector<BlueprintDecl> blueprints;  // the annotated ones among them
  std::string return_type;
  ReturnKind return_kind = ReturnKind::unsupported;
  std::vector<ParamDecl> params;
  // #include lines (`"items.hpp"`) that declare the user types of the
  // signature, as the source spells them (scan/type_headers.hpp).
  std::vector<std::string> includes;
  SourceLoc loc;  // the function's name

  // Where `item` (a method or option as the options parser sees it) was
  // written. The macro stringified the options, which keeps the tokens but
  // not their positions, so look the text up in the source; the annotation's
  // start when it is not there (spelled across lines, or added by the macro
  // as RETORT_GET's `GET` is).
  SourceLoc option_loc(std::string_view item) const {
    // Whole words only: the `s` of `defaults(s = 1)` is not in `defaults`.
    auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
    std::size_t at = item.empty() ? std::string::npos : options_source.find(item);
    while (at != std::string::npos &&
           ((at > 0 && word_char(options_source[at - 1]) && word_char(item.front())) ||
            (at + item.size() < options_source.size() && word_char(options_source[at + item.size()]) &&
             word_char(item.back())))) {
      at = options_source.find(item, at + 1);
    }
    if (at == std::string::npos || !options_source_loc.valid()) return options_loc;
    SourceLoc loc = options_source_loc;
    for (std::size_t i = 0; i < at; ++i) {
      if (options_source[i] == '\n') {
        ++loc.line;
        loc.column = 1;
      } else {
        ++loc.column;
      }
    }
    return loc;
  }

  SourceLoc rule_loc(std::size_t byte) const {
    if (rule_byte_locs.empty()) return loc;
    return rule_byte_locs[byte < rule_byte_locs.size() ? byte : rule_byte_locs.size() - 1];
  }
};

}  // namespace retortc

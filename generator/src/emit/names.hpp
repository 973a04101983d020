// names: every identifier and literal that generated code spells.
//
// Templates never build names themselves; they get them from here, so a
// naming rule lives in one place (protobuf's names.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model/endpoint.hpp"
#include "model/route_table.hpp"

namespace retortc {

// `my-app` -> `my_app`: a valid C++ identifier for a target name.
std::string cpp_identifier(std::string_view name);
// The namespace holding register_routes and match: `hello_routes`.
std::string routes_namespace(std::string_view table_name);
std::string header_file_name(std::string_view table_name);  // `hello_routes.hpp`
std::string source_file_name(std::string_view table_name);  // `hello_routes.cpp`
std::string manifest_file_name(std::string_view table_name);  // `hello_routes.json`

// `"a\"b"`: text as a C++ string literal.
std::string cpp_string_literal(std::string_view text);
// `R"json(text)json"`: text as a raw string literal, verbatim. The delimiter
// is the first of `json`, `json1`, `json2`, … whose closing sequence
// (`)json"`) does not occur in the text, so any text can be embedded.
std::string cpp_raw_string_literal(std::string_view text);
// `retort::Method::delete_` for "DELETE".
std::string method_enumerator(std::string_view method);
// `{retort::Method::get, retort::Method::head}`.
std::string method_set_expression(const Route& route);

// `call_admin_show_user_3`: the adapter of the route at `index` in the table.
std::string adapter_name(const Route& route, std::size_t index);
// `url_for::admin`: where the endpoint's url_for function lives.
std::string url_for_namespace(const Route& route);

// A double as a C++ literal that reads back as the same value.
std::string double_literal(double value);
// An integer as a C++ literal (INT64_MIN spelled so it is not an overflow).
std::string integer_literal(std::int64_t value);

// The type of a url_for parameter: `int`, `std::optional<double>`,
// `const retort::Uuid&`, `retort::AnyOf<"en", "de">`.
std::string url_parameter_type(const UrlParameter& parameter);

// Text made safe for a `//` comment line: control characters escaped as
// `\x0A`, and no trailing backslash (which would continue the comment).
std::string comment_text(std::string_view text);

// `GET /users/<int:id> -> admin::show_user (admin.cpp:12)`, the comment above
// every generated entry. HEAD is left out where GET implies it, OPTIONS
// where retort answers it.
std::string route_comment(const Route& route);

}  // namespace retortc

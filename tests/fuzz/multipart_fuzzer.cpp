// Fuzz target: multipart/form-data bodies (Form::parse,
// runtime/src/form.cpp), two ways, picked by the first byte:
//
//   raw         any boundary and any body: only HttpError 400 or 413 may
//               come out, and each file's data is bytes of the body;
//   round trip  fields and files the fuzzer chooses, encoded as a browser
//               encodes them: parsing gives back the same names, filenames,
//               types and data, in order.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <retort/form.hpp>
#include <retort/http_error.hpp>

#include "fuzz_check.hpp"
#include "fuzz_input.hpp"
#include "percent_decode.hpp"

using retort::fuzz::check;
using retort::fuzz::FuzzInput;

namespace {

void check_raw(FuzzInput& input) {
  const std::string content_type = "multipart/form-data; boundary=" + std::string(input.text());
  retort::FormLimits limits;
  limits.max_form_parts = input.byte() % 16;
  const std::string_view body = input.rest();
  try {
    const retort::Form form = retort::Form::parse(content_type, body, limits);
    check(form.fields().items().size() + form.files().size() <= *limits.max_form_parts, "more parts than the limit",
          body);
    for (const retort::UploadedFile& file : form.files())
      check(body.find(file.data) != std::string_view::npos, "a file's data is not bytes of the body", body);
  } catch (const retort::HttpError& error) {
    check(error.status() == 400 || error.status() == 413, "an unexpected HttpError status", body);
  }
}

// Text a browser can put in a quoted Content-Disposition parameter as is:
// printable ASCII but `"`, `\` and `%` (which it would escape).
std::string parameter_text(std::string_view raw) {
  std::string text;
  for (const char c : raw) {
    const auto b = static_cast<unsigned char>(c);
    text += b >= 0x20 && b < 0x7F && c != '"' && c != '\\' && c != '%' ? c : 'x';
  }
  return text;
}

struct Part {
  std::string name;
  bool is_file = false;
  std::string filename;
  std::string content_type;  // files only; "" for none
  std::string data;
};

void check_round_trip(FuzzInput& input) {
  const std::string boundary = "retort-fuzz-" + std::to_string(input.integer(4));
  const std::string delimiter = "--" + boundary;
  std::vector<Part> parts(input.byte() % 8);
  std::string body = input.byte() % 2 ? "preamble\r\n" : "";
  for (Part& part : parts) {
    part.name = parameter_text(input.text());
    part.is_file = input.byte() % 2;
    part.filename = parameter_text(input.text());
    if (part.is_file && input.byte() % 2) part.content_type = "application/octet-stream";
    part.data = input.text();
    if (part.data.find(delimiter) != std::string::npos) return;  // a browser would pick another boundary
    body += delimiter + "\r\nContent-Disposition: form-data; name=\"" + part.name + "\"";
    if (part.is_file) body += "; filename=\"" + part.filename + "\"";
    body += "\r\n";
    if (!part.content_type.empty()) body += "Content-Type: " + part.content_type + "\r\n";
    body += "\r\n" + part.data + "\r\n";
  }
  body += delimiter + "--\r\n";
  const retort::Form form =
      retort::Form::parse("multipart/form-data; boundary=" + boundary, body, {.max_form_memory_size = std::nullopt});
  std::size_t field = 0, file = 0;
  for (const Part& part : parts) {
    if (part.is_file) {
      check(file < form.files().size(), "a file is missing", body);
      const retort::UploadedFile& got = form.files()[file++];
      check(got.name == part.name, "a file's field name changed", body);
      check(got.filename == part.filename, "a filename changed", body);
      check(got.content_type == part.content_type, "a file's type changed", body);
      check(got.data == part.data, "a file's data changed", body);
    } else {
      check(field < form.fields().items().size(), "a field is missing", body);
      const auto& [name, value] = form.fields().items()[field++];
      check(name == part.name, "a field's name changed", body);
      check(value == retort::detail::replace_invalid_utf8(part.data), "a field's value changed", body);
    }
  }
  check(field == form.fields().items().size() && file == form.files().size(), "parts appeared from nowhere", body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzInput input(data, size);
  if (input.byte() % 2)
    check_raw(input);
  else
    check_round_trip(input);
  return 0;
}

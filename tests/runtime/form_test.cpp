// Form::parse against Werkzeug 3.1. Each expectation is the line
// `python3 tests/runtime/werkzeug_forms_cases.py` prints for the case named
// in the comment ("form two_files: ...").
#include "retort/form.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "retort/http_error.hpp"

using retort::Form;
using retort::FormLimits;
using retort::HttpError;

namespace {

constexpr std::string_view kMultipart = "multipart/form-data; boundary=XyZ";
constexpr std::string_view kUrlencoded = "application/x-www-form-urlencoded";

using Pairs = std::vector<std::pair<std::string, std::string>>;

// The status Form::parse throws, 0 if it parses.
int error_status(std::string_view content_type, std::string_view body, const FormLimits& limits = {}) {
  try {
    Form::parse(content_type, body, limits);
  } catch (const HttpError& e) {
    return e.status();
  }
  return 0;
}

// A complete multipart body with one text field.
std::string field_part(std::string_view name, std::string_view value) {
  return "--XyZ\r\nContent-Disposition: form-data; name=\"" + std::string(name) + "\"\r\n\r\n" + std::string(value) +
         "\r\n";
}

}  // namespace

TEST_CASE("urlencoded: + is a space, %XX escapes, repeated and blank keys", "[form]") {
  // form urlencoded: [('a','1'), ('tag','x y'), ('tag','A+é'), ('empty',''), ('novalue',''), ('','v')]
  const Form form = Form::parse(kUrlencoded, "a=1&tag=x+y&tag=%41%2B%C3%A9&&empty=&novalue&=v");
  CHECK(form.fields().items() == Pairs{{"a", "1"}, {"tag", "x y"}, {"tag", "A+\xC3\xA9"}, {"empty", ""},
                                       {"novalue", ""}, {"", "v"}});
  CHECK(form.get("tag") == "x y");
  CHECK(form.get_all("tag") == std::vector<std::string_view>{"x y", "A+\xC3\xA9"});
  CHECK(form.contains("novalue"));
  CHECK_FALSE(form.contains("missing"));
  CHECK(form.files().empty());
}

TEST_CASE("urlencoded: the mimetype is case-insensitive, the body must be UTF-8", "[form]") {
  // form urlencoded_mixed_case: [('a', '1')] (Flask lower-cases request.mimetype)
  CHECK(Form::parse("Application/X-WWW-Form-URLEncoded; charset=UTF-8", "a=1").get("a") == "1");
  // form urlencoded_not_utf8: ValueError -> Flask: empty form; retort: 400
  CHECK(error_status(kUrlencoded, "a=\xFF") == 400);
}

TEST_CASE("urlencoded: max_form_memory_size bounds the body", "[form]") {
  const FormLimits limits{.max_form_memory_size = 100};
  // form urlencoded_limit: parses (100 bytes); form urlencoded_over_limit: 413 (101 bytes)
  CHECK(error_status(kUrlencoded, "a=" + std::string(98, 'x'), limits) == 0);
  CHECK(error_status(kUrlencoded, "a=" + std::string(99, 'x'), limits) == 413);
}

TEST_CASE("other content types give an empty form", "[form]") {
  // form unknown_type / json_type / no_type: fields=[]
  for (std::string_view type : {"text/plain", "application/json", "", "multipart/mixed; boundary=XyZ"}) {
    const Form form = Form::parse(type, "a=1");
    CHECK(form.fields().items().empty());
    CHECK(form.files().empty());
  }
}

TEST_CASE("multipart: two files and repeated fields, in body order", "[form]") {
  const std::string body =
      field_part("title", "Hello, world") + field_part("tag", "a") +
      "--XyZ\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n"
      "one\r\n\r\n" +
      field_part("tag", "b") +
      "--XyZ\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"b.png\"\r\nContent-Type: image/png\r\n"
      "X-Extra: 1\r\n\r\n\x89PNG\r\n--XyZ--\r\n";
  // form two_files: fields=[('title','Hello, world'), ('tag','a'), ('tag','b')]
  //   file 'doc' filename='a.txt' content_type='text/plain' data=b'one\r\n'
  //   file 'doc' filename='b.png' content_type='image/png' data=b'\x89PNG'
  const Form form = Form::parse(kMultipart, body);
  CHECK(form.fields().items() == Pairs{{"title", "Hello, world"}, {"tag", "a"}, {"tag", "b"}});
  REQUIRE(form.files().size() == 2);
  const auto& first = form.files()[0];
  CHECK(first.name == "doc");
  CHECK(first.filename == "a.txt");
  CHECK(first.content_type == "text/plain");
  CHECK(first.data == "one\r\n");
  const auto& second = form.files()[1];
  CHECK(second.filename == "b.png");
  CHECK(second.content_type == "image/png");
  CHECK(second.data == "\x89PNG");
  CHECK(second.headers.get("x-extra") == "1");
  CHECK(second.headers.get("Content-Disposition") == "form-data; name=\"doc\"; filename=\"b.png\"");
  CHECK(form.file("doc") == &first);
  CHECK(form.file("title") == nullptr);
  CHECK_FALSE(form.contains("doc"));  // files are not fields
}

TEST_CASE("multipart: binary data keeps CR, LF, NUL and delimiter look-alikes", "[form]") {
  // Only CRLF (or a bare CR/LF) + `--XyZ` + `--`, spaces or a line break ends
  // a part: `--XyZx`, `--XyZ-`, `-XyZ`, `a--XyZ` and `--xyz` are data.
  const std::string data("\x00\r\n\r\n--XyZx\r\n--XyZ-\r\n-XyZ\r\na--XyZ\r\n--xyz\r\n\xFF\r", 44);
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"bin\"; filename=\"b.bin\"\r\n\r\n" + data + "\r\n--XyZ--\r\n";
  // form binary: file 'bin' filename='b.bin' content_type=None data=<the bytes above>
  const Form form = Form::parse(kMultipart, body);
  REQUIRE(form.files().size() == 1);
  CHECK(form.files()[0].data == data);
  CHECK(form.files()[0].content_type.empty());  // Werkzeug: None
}

TEST_CASE("multipart: an empty file field is a file with an empty filename", "[form]") {
  // form empty_file: file 'up' filename='' content_type='application/octet-stream' data=b''
  const Form form = Form::parse(kMultipart,
                                "--XyZ\r\nContent-Disposition: form-data; name=\"up\"; filename=\"\"\r\n"
                                "Content-Type: application/octet-stream\r\n\r\n\r\n--XyZ--\r\n");
  const retort::UploadedFile* up = form.file("up");
  REQUIRE(up != nullptr);
  CHECK(up->filename.empty());
  CHECK(up->content_type == "application/octet-stream");
  CHECK(up->data.empty());
}

TEST_CASE("multipart: boundary parameter forms, preamble, epilogue, LF-only", "[form]") {
  // form quoted_boundary: [('f', 'v')]
  CHECK(Form::parse(R"(multipart/form-data; boundary="a b=c")",
                    "--a b=c\r\nContent-Disposition: form-data; name=f\r\n\r\nv\r\n--a b=c--\r\n")
            .fields()
            .items() == Pairs{{"f", "v"}});
  // form preamble_epilogue: [('f', 'v')] (the part after `--XyZ--` is epilogue)
  CHECK(Form::parse(kMultipart, "ignored\r\n" + field_part("f", "v") + "--XyZ--\r\n" + field_part("g", "w") +
                                    "--XyZ--\r\n")
            .fields()
            .items() == Pairs{{"f", "v"}});
  // form lf_only: [('f', 'v')]
  CHECK(Form::parse(kMultipart, "--XyZ\nContent-Disposition: form-data; name=\"f\"\n\nv\n--XyZ--\n").get("f") == "v");
}

TEST_CASE("multipart: field charsets and UTF-8 names", "[form]") {
  // form charset: [('l1', 'café'), ('u8', 'caf\ufffd')]
  const Form form = Form::parse(kMultipart,
                                "--XyZ\r\nContent-Disposition: form-data; name=\"l1\"\r\n"
                                "Content-Type: text/plain; charset=ISO-8859-1\r\n\r\ncaf\xE9\r\n" +
                                    field_part("u8", "caf\xE9") + "--XyZ--\r\n");
  CHECK(form.get("l1") == "caf\xC3\xA9");
  CHECK(form.get("u8") == "caf\xEF\xBF\xBD");
  // form utf8_names: file 'café' filename='résumé.pdf'
  const Form named = Form::parse(
      kMultipart,
      "--XyZ\r\nContent-Disposition: form-data; name=\"caf\xC3\xA9\"; filename=\"r\xC3\xA9sum\xC3\xA9.pdf\"\r\n\r\n"
      "%PDF\r\n--XyZ--\r\n");
  REQUIRE(named.file("caf\xC3\xA9") != nullptr);
  CHECK(named.file("caf\xC3\xA9")->filename == "r\xC3\xA9sum\xC3\xA9.pdf");
}

TEST_CASE("multipart: malformed bodies are 400 (Flask: a silently empty form)", "[form]") {
  const std::string ok = field_part("f", "v") + "--XyZ--\r\n";
  // form missing_boundary: ValueError(Missing boundary)
  CHECK(error_status("multipart/form-data", ok) == 400);
  CHECK(error_status("multipart/form-data; boundary=\"\"", ok) == 400);
  // form truncated: ValueError(... cannot parse beyond State.DATA)
  CHECK(error_status(kMultipart, field_part("f", "v") + field_part("g", "w")) == 400);
  CHECK(error_status(kMultipart, ok.substr(0, ok.size() - 4)) == 400);
  // form no_opening / empty_body: ... beyond State.PREAMBLE
  CHECK(error_status(kMultipart, "Content-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n") == 400);
  CHECK(error_status(kMultipart, "") == 400);
  // form headers_never_end: ... beyond State.PART
  CHECK(error_status(kMultipart, "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n") == 400);
  // form no_disposition: ValueError(Missing Content-Disposition header)
  CHECK(error_status(kMultipart, "--XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n--XyZ--\r\n") == 400);
  // form header_not_utf8: UnicodeDecodeError
  CHECK(error_status(kMultipart, "--XyZ\r\nContent-Disposition: form-data; name=\"\xFF\"\r\n\r\nv\r\n--XyZ--\r\n") ==
        400);
  CHECK(error_status(kMultipart, ok) == 0);
}

TEST_CASE("multipart: stricter than Werkzeug for a part without a name or a header without a colon", "[form]") {
  // form no_name: Werkzeug files it under the key None
  CHECK(error_status(kMultipart, "--XyZ\r\nContent-Disposition: form-data; filename=\"x\"\r\n\r\nv\r\n--XyZ--\r\n") ==
        400);
  // form no_colon: Werkzeug keeps a header named "bogus" with an empty value
  CHECK(error_status(kMultipart,
                     "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\nbogus\r\n\r\nv\r\n--XyZ--\r\n") == 400);
}

TEST_CASE("multipart: max_form_parts and max_form_memory_size are 413", "[form]") {
  const std::string three = field_part("f", "v") + field_part("f", "v") + field_part("f", "v") + "--XyZ--\r\n";
  // form parts_3_of_3: parses; form parts_3_of_2: 413
  CHECK(error_status(kMultipart, three, {.max_form_parts = 3}) == 0);
  CHECK(error_status(kMultipart, three, {.max_form_parts = 2}) == 413);
  const std::string big(100'001, 'x');
  const FormLimits limits{.max_form_memory_size = 100'000};
  // form field_over_limit: 413; form file_not_counted: parses
  CHECK(error_status(kMultipart, field_part("f", big) + "--XyZ--\r\n", limits) == 413);
  CHECK(error_status(kMultipart, field_part("f", big.substr(1)) + "--XyZ--\r\n", limits) == 0);
  const Form file = Form::parse(
      kMultipart,
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n" + big + "\r\n--XyZ--\r\n", limits);
  REQUIRE(file.file("f") != nullptr);
  CHECK(file.file("f")->data.size() == big.size());
  // The defaults are Flask 3.1's MAX_FORM_MEMORY_SIZE and MAX_FORM_PARTS.
  CHECK(FormLimits{}.max_form_memory_size == 500'000u);
  CHECK(FormLimits{}.max_form_parts == 1'000u);
}

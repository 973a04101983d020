// Fuzz target: urlencoded form bodies (Form::parse with
// application/x-www-form-urlencoded, runtime/src/form.cpp) under a
// fuzzer-chosen MAX_FORM_MEMORY_SIZE.
//
// Oracle: a body over the limit is 413 and one that is not UTF-8 is 400,
// and nothing else throws; otherwise the fields are exactly what
// QueryArgs::parse reads from the body (request.form and request.args
// read the same syntax).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <retort/form.hpp>
#include <retort/http_error.hpp>

#include "fuzz_check.hpp"
#include "fuzz_input.hpp"
#include "utf8.hpp"

using retort::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  retort::fuzz::FuzzInput input(data, size);
  const std::uint8_t limit_byte = input.byte();
  retort::FormLimits limits;
  limits.max_form_memory_size = limit_byte == 0xFF ? std::nullopt : std::optional<std::size_t>(limit_byte * 4u);
  // Parameters on the type must not matter: `charset` is ignored, as in Werkzeug.
  const std::string_view content_type = input.byte() % 2 ? "application/x-www-form-urlencoded"
                                                         : "Application/X-WWW-Form-Urlencoded; charset=latin-1";
  const std::string_view body = input.rest();
  const bool over = limits.max_form_memory_size && body.size() > *limits.max_form_memory_size;
  try {
    const retort::Form form = retort::Form::parse(content_type, body, limits);
    check(!over, "a body over the limit was parsed", body);
    check(retort::fuzz::is_valid_utf8(body), "a body that is not UTF-8 was parsed", body);
    check(form.fields().items() == retort::QueryArgs::parse(body).items(), "form fields differ from the query parse",
          body);
    check(form.files().empty(), "an urlencoded body gave files", body);
  } catch (const retort::HttpError& error) {
    if (over)
      check(error.status() == 413, "a body over the limit is not 413", body);
    else
      check(error.status() == 400 && !retort::fuzz::is_valid_utf8(body), "an unexpected HttpError", body);
  }
  return 0;
}

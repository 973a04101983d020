// Form: the fields and files of a submitted form, Flask's request.form and
// request.files, parsed from a request body as Werkzeug 3.1's form parser
// does (application/x-www-form-urlencoded and multipart/form-data).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retort/headers.hpp"
#include "retort/request.hpp"  // QueryArgs

namespace retort {

// One multipart part that had a `filename` parameter (Werkzeug's FileStorage).
struct UploadedFile {
  std::string name;          // the form field
  std::string filename;      // as the client sent it, maybe empty; never trust it as a path
  std::string content_type;  // the part's Content-Type as sent, "" if none (Werkzeug: None)
  Headers headers;           // all of the part's headers
  std::string data;          // the bytes, as sent
};

// Werkzeug's limits, with Flask 3.1's defaults (MAX_FORM_MEMORY_SIZE,
// MAX_FORM_PARTS); nullopt means no limit. Going over one is 413.
struct FormLimits {
  // The largest urlencoded body, and the largest multipart text field
  // value. File contents are not counted (bound them with the app's
  // max_content_length).
  std::optional<std::size_t> max_form_memory_size = 500'000;
  // The most multipart parts, files included.
  std::optional<std::size_t> max_form_parts = 1'000;
};

class Form {
 public:
  Form() = default;

  // Parses `body` by its Content-Type: application/x-www-form-urlencoded
  // (QueryArgs::parse: `+` is a space, `%XX` escapes, repeated keys kept)
  // or multipart/form-data (parts with a filename parameter are files, the
  // others fields, decoded by the part's charset, UTF-8 by default). Any
  // other type, or none, gives an empty form, as in Flask.
  //
  // Where Werkzeug's parser fails (Flask then silently gives an empty form)
  // this throws HttpError(400, why): a multipart type without a boundary,
  // a body without its opening or closing delimiter or with a part whose
  // headers never end, a part without Content-Disposition, a header line
  // that is not UTF-8, and an urlencoded body that is not UTF-8. It is also
  // 400, where Werkzeug accepts it, for a part whose Content-Disposition
  // has no `name` (Werkzeug files it under None) and for a header line
  // without a colon. Over a limit it throws HttpError(413), as Werkzeug.
  static Form parse(std::string_view content_type, std::string_view body, const FormLimits& limits = {});

  // Text fields in body order (files are not here), as request.form.
  const QueryArgs& fields() const { return fields_; }
  std::optional<std::string_view> get(std::string_view name) const { return fields_.get(name); }
  std::vector<std::string_view> get_all(std::string_view name) const { return fields_.get_all(name); }
  bool contains(std::string_view name) const { return fields_.contains(name); }

  // Files in body order, as request.files.
  const std::vector<UploadedFile>& files() const { return files_; }
  // The first file sent under `name`, or nullptr.
  const UploadedFile* file(std::string_view name) const;

 private:
  QueryArgs fields_;
  std::vector<UploadedFile> files_;
};

// Usage:
//
//   retort::Form form = retort::Form::parse(
//       request.headers().get("Content-Type").value_or(""), request.body());
//   std::string_view title = form.get("title").value_or("");
//   for (std::string_view tag : form.get_all("tag")) ...
//   if (const retort::UploadedFile* avatar = form.file("avatar");
//       avatar && !avatar->filename.empty())
//     store(avatar->data);  // pick the stored name yourself
//
// Multipart line breaks: CRLF as RFC 7578 says, but like Werkzeug also a
// bare LF or CR (hand-written test bodies use them). The preamble before
// the first delimiter and the epilogue after `--boundary--` are ignored; a
// part's data ends right before the CRLF that starts the next delimiter,
// and `--boundary` followed by anything but `--`, spaces or a line break is
// data.

}  // namespace retort

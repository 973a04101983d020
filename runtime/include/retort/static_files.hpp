// Static files: Flask's send_from_directory and Werkzeug's send_file.
//
//   RETORT_GET("/uploads/<path:name>")
//   retort::Response upload(const retort::Request& request, std::string_view name) {
//     return retort::send_from_directory("/srv/uploads", name, request);
//   }
//
// The response carries Content-Type (from the extension), Content-Disposition
// (inline), Last-Modified, Cache-Control, a strong ETag and, for GET and HEAD,
// Accept-Ranges. GET and HEAD are answered conditionally as Werkzeug does:
// 304 for a matching If-None-Match / If-Modified-Since, 206 for one byte
// range, 416 for a range it cannot serve. docs/static-files.md has the details.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string_view>

#include "retort/request.hpp"
#include "retort/response.hpp"

namespace retort {

struct SendFileOptions {
  // Cache-Control max-age, and Expires at now + max_age. nullopt (Flask's
  // SEND_FILE_MAX_AGE_DEFAULT = None) sends "no-cache": the browser keeps the
  // file but asks every time, and gets a 304 while it is unchanged.
  // A positive age sends "public, max-age=N"; zero or less, "no-cache, max-age=N".
  std::optional<std::chrono::seconds> max_age = {};
};

// Flask's send_from_directory. `filename` is a decoded, '/'-separated path
// relative to `directory`: what a <path:filename> part captures. Throws
// HttpError(404) for any way out of the directory (a `..` that climbs above
// it, an absolute path, a backslash, a NUL, a symlink anywhere on the way
// that resolves outside it) and for anything that is not a readable regular
// file, so the app's 404 handler applies. `a/../b` is `b`, as Werkzeug's
// safe_join has it. Throws HttpError(412) when If-Match names another ETag.
Response send_from_directory(const std::filesystem::path& directory, std::string_view filename,
                             const Request& request, const SendFileOptions& options = {});

// Werkzeug's send_file for a path the application chose: no containment
// check, so never pass a path built from the request (use
// send_from_directory). A relative path is taken from the working
// directory. Throws HttpError(404) when it is not a readable regular file.
Response send_file(const std::filesystem::path& file, const Request& request,
                   const SendFileOptions& options = {});

}  // namespace retort

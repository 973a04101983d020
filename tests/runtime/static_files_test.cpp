// send_from_directory / send_file against Werkzeug 3.1's behaviour.
// Fixtures: RETORT_TEST_STATIC_DIR (tests/runtime/static). Symlinks are made
// at run time in a temporary folder, never committed.
#include <catch2/catch.hpp>
#include <retort/http_error.hpp>
#include <retort/static_files.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "content_types.hpp"
#include "http_date.hpp"
#include "temp_dir.hpp"

#ifndef RETORT_TEST_STATIC_DIR
#error "compile with -DRETORT_TEST_STATIC_DIR=\"<repo>/tests/runtime/static\""
#endif

namespace {

namespace fs = std::filesystem;
using retort::Request;
using retort::Response;

const fs::path kStatic = RETORT_TEST_STATIC_DIR;

Request request(std::string_view method = "GET", std::initializer_list<std::pair<const char*, const char*>> headers = {}) {
  Request r(method, "/static/x");
  for (const auto& [name, value] : headers) r.headers().set(name, value);
  return r;
}

Response get(std::string_view name, std::initializer_list<std::pair<const char*, const char*>> headers = {},
             const retort::SendFileOptions& options = {}) {
  return retort::send_from_directory(kStatic, name, request("GET", headers), options);
}

// The status of the HttpError `send` throws, or 0 when it returns.
int thrown_status(const std::function<Response()>& send) {
  try {
    send();
  } catch (const retort::HttpError& e) {
    return e.status();
  }
  return 0;
}

std::string etag_of(std::string_view name) { return std::string(get(name).header("ETag")); }

// Every test's folder is named after this file.
struct TempDir : test_support::TempDir {
  TempDir() : test_support::TempDir("retort-static-") {}
};

}  // namespace

TEST_CASE("a file is sent with Werkzeug's headers", "[static]") {
  const Response r = get("hello.txt");
  CHECK(r.status() == 200);
  CHECK(r.body() == "Hello, world!\n");
  CHECK(r.header("Content-Type") == "text/plain; charset=utf-8");
  CHECK(r.header("Content-Disposition") == "inline; filename=hello.txt");
  CHECK(r.header("Cache-Control") == "no-cache");
  CHECK(r.header("Accept-Ranges") == "bytes");
  CHECK_FALSE(r.headers().contains("Expires"));
  CHECK_FALSE(r.headers().contains("Content-Length"));  // the server's, from the body
  const auto mtime = std::chrono::file_clock::to_sys(fs::last_write_time(kStatic / "hello.txt"));
  CHECK(r.header("Last-Modified") ==
        retort::detail::format_http_date(std::chrono::floor<std::chrono::seconds>(mtime)));
  // Werkzeug's form: "<st_mtime as Python prints it>-<size>-<adler32 of the path>".
  const std::string etag(r.header("ETag"));
  REQUIRE(etag.size() > 2);
  CHECK(etag.front() == '"');
  CHECK(etag.back() == '"');
  CHECK(etag.find(".") != std::string::npos);
  CHECK(etag.find("-14-") != std::string::npos);
}

TEST_CASE("the content type comes from the extension", "[static]") {
  CHECK(get("app.css").header("Content-Type") == "text/css; charset=utf-8");
  CHECK(get("app.js").header("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(get("data.json").header("Content-Type") == "application/json");
  CHECK(get("img/dot.png").header("Content-Type") == "image/png");
  CHECK(get("nested/deep/page.html").header("Content-Type") == "text/html; charset=utf-8");
  CHECK(get("café menu.txt").header("Content-Type") == "text/plain; charset=utf-8");

  using retort::detail::content_type_for;
  CHECK(content_type_for("LOGO.PNG") == "image/png");  // case-insensitive
  CHECK(content_type_for("a.Jpeg") == "image/jpeg");
  CHECK(content_type_for("icon.svg") == "image/svg+xml; charset=utf-8");  // Werkzeug: +xml gets a charset
  CHECK(content_type_for("feed.xml") == "application/xml; charset=utf-8");
  CHECK(content_type_for("font.woff2") == "font/woff2");
  CHECK(content_type_for("app.wasm") == "application/wasm");
  CHECK(content_type_for("notes.md") == "text/markdown; charset=utf-8");
  CHECK(content_type_for("config.yml") == "application/yaml");
  CHECK(content_type_for("bundle.tar.gz") == "application/gzip");
  CHECK(content_type_for("dir.v2/Makefile") == "application/octet-stream");  // the dot is the folder's
  CHECK(content_type_for(".png") == "application/octet-stream");  // a hidden file, no extension
  CHECK(content_type_for("name.") == "application/octet-stream");
  CHECK(content_type_for("data.unknownext") == "application/octet-stream");
}

TEST_CASE("Content-Disposition quotes and encodes names as Werkzeug", "[static]") {
  CHECK(get("café menu.txt").header("Content-Disposition") ==
        "inline; filename=\"cafe menu.txt\"; filename*=UTF-8''caf%C3%A9%20menu.txt");
  using retort::detail::inline_content_disposition;
  CHECK(inline_content_disposition("a b.txt") == "inline; filename=\"a b.txt\"");
  CHECK(inline_content_disposition("say \"hi\".txt") == "inline; filename=\"say \\\"hi\\\".txt\"");
  // Æ has no decomposition, so NFKD + ASCII drops it; 日本 likewise.
  CHECK(inline_content_disposition("Æble-日本.txt") ==
        "inline; filename=ble-.txt; filename*=UTF-8''%C3%86ble-%E6%97%A5%E6%9C%AC.txt");
}

TEST_CASE("ETag and Last-Modified are stable and follow the file", "[static]") {
  CHECK(etag_of("hello.txt") == etag_of("hello.txt"));
  CHECK(etag_of("hello.txt") != etag_of("app.css"));

  TempDir dir;
  dir.write("a.txt", "same");
  dir.write("b.txt", "same");
  auto send = [&](const char* name) { return retort::send_from_directory(dir.path, name, request()); };
  CHECK(send("a.txt").header("ETag") != send("b.txt").header("ETag"));  // the path is hashed in

  const std::string before(send("a.txt").header("ETag"));
  fs::last_write_time(dir.path / "a.txt", fs::last_write_time(dir.path / "a.txt") - std::chrono::hours(48));
  const Response after = send("a.txt");
  CHECK(after.header("ETag") != before);
  const auto modified = retort::detail::parse_http_date(after.header("Last-Modified"));
  REQUIRE(modified);
  CHECK(*modified < std::chrono::system_clock::now() - std::chrono::hours(47));
}

TEST_CASE("max_age asks for public caching", "[static]") {
  const Response r = get("hello.txt", {}, {.max_age = std::chrono::hours(1)});
  CHECK(r.header("Cache-Control") == "public, max-age=3600");
  const auto expires = retort::detail::parse_http_date(r.header("Expires"));
  REQUIRE(expires);
  const auto now = std::chrono::system_clock::now();
  CHECK(*expires > now + std::chrono::minutes(59));
  CHECK(*expires < now + std::chrono::minutes(61));
  // Werkzeug keeps no-cache for 0.
  CHECK(get("hello.txt", {}, {.max_age = std::chrono::seconds(0)}).header("Cache-Control") == "no-cache, max-age=0");
}

TEST_CASE("If-None-Match answers 304 with weak comparison", "[static]") {
  const std::string etag = etag_of("hello.txt");
  const std::string weak = "W/" + etag;
  const std::string list = "\"other\", " + etag;
  for (const std::string& header : {etag, weak, list, std::string("*")}) {
    INFO("If-None-Match: " << header);
    const Response r = get("hello.txt", {{"If-None-Match", header.c_str()}});
    CHECK(r.status() == 304);
    CHECK(r.body().empty());
    // Werkzeug's remove_entity_headers: these go, the caching ones stay.
    CHECK_FALSE(r.headers().contains("Content-Type"));
    CHECK_FALSE(r.headers().contains("Last-Modified"));
    CHECK(r.header("ETag") == etag);
    CHECK(r.header("Cache-Control") == "no-cache");
  }
  CHECK(get("hello.txt", {{"If-None-Match", "\"other\", W/\"more\""}}).status() == 200);
  const Response head = retort::send_from_directory(kStatic, "hello.txt", request("HEAD", {{"If-None-Match", "*"}}));
  CHECK(head.status() == 304);
}

TEST_CASE("If-Modified-Since answers 304 unless If-None-Match disagrees", "[static]") {
  const std::string modified(get("hello.txt").header("Last-Modified"));
  CHECK(get("hello.txt", {{"If-Modified-Since", modified.c_str()}}).status() == 304);
  CHECK(get("hello.txt", {{"If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT"}}).status() == 304);
  CHECK(get("hello.txt", {{"If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT"}}).status() == 200);
  CHECK(get("hello.txt", {{"If-Modified-Since", "yesterday"}}).status() == 200);
  // A present If-None-Match decides alone (RFC 9110 13.1.3).
  CHECK(get("hello.txt", {{"If-Modified-Since", modified.c_str()}, {"If-None-Match", "\"other\""}}).status() == 200);
}

TEST_CASE("only GET and HEAD are conditional or ranged", "[static]") {
  const Response r =
      retort::send_from_directory(kStatic, "hello.txt", request("POST", {{"If-None-Match", "*"}, {"Range", "bytes=0-4"}}));
  CHECK(r.status() == 200);
  CHECK(r.body() == "Hello, world!\n");
  CHECK_FALSE(r.headers().contains("Accept-Ranges"));
}

TEST_CASE("If-Match that names another ETag is a 412", "[static]") {
  CHECK(thrown_status([] { return get("hello.txt", {{"If-Match", "\"other\""}}); }) == 412);
  const std::string etag = etag_of("hello.txt");
  CHECK(get("hello.txt", {{"If-Match", etag.c_str()}}).status() == 200);
  CHECK(get("hello.txt", {{"If-Match", "*"}}).status() == 200);  // Werkzeug: 412, against RFC 9110
}

TEST_CASE("one byte range is a 206", "[static]") {
  auto check = [](const char* range, const char* content_range, const char* body) {
    INFO("Range: " << range);
    const Response r = get("hello.txt", {{"Range", range}});
    CHECK(r.status() == 206);
    CHECK(r.header("Content-Range") == content_range);
    CHECK(r.body() == body);
    CHECK(r.header("Content-Type") == "text/plain; charset=utf-8");
  };
  check("bytes=0-4", "bytes 0-4/14", "Hello");
  check("bytes=7-", "bytes 7-13/14", "world!\n");
  check("bytes=-6", "bytes 8-13/14", "orld!\n");
  check("bytes=7-1000", "bytes 7-13/14", "world!\n");  // the end is clamped
  check("bytes=13-13", "bytes 13-13/14", "\n");
  check("BYTES = 1 - 2", "bytes 1-2/14", "el");  // Werkzeug strips and lower-cases
  // RFC 9110 14.1: a suffix longer than the file is the whole file (Werkzeug: 416).
  check("bytes=-1000", "bytes 0-13/14", "Hello, world!\n");
  const Response head = retort::send_from_directory(kStatic, "hello.txt", request("HEAD", {{"Range", "bytes=0-4"}}));
  CHECK(head.status() == 206);
  CHECK(head.header("Content-Range") == "bytes 0-4/14");
}

TEST_CASE("a range that cannot be served is a 416 with the size", "[static]") {
  // Several ranges, another unit and malformed headers are 416 too, as in Werkzeug.
  for (const char* range : {"bytes=100-", "bytes=14-14", "bytes=3-2", "bytes=-0", "bytes=0-1,4-5", "bytes=0-1,",
                            "items=0-1", "bytes=garbage", "bytes=- 5", "bytes=5--3", "bytes=+1-2", ""}) {
    INFO("Range: " << range);
    const Response r = get("hello.txt", {{"Range", range}});
    CHECK(r.status() == 416);
    CHECK(r.header("Content-Range") == "bytes */14");
    CHECK(r.body().find("<title>416 Requested Range Not Satisfiable</title>") != std::string::npos);
  }
}

TEST_CASE("If-Range decides between the range and the whole file", "[static]") {
  const std::string etag = etag_of("hello.txt");
  const std::string modified(get("hello.txt").header("Last-Modified"));
  CHECK(get("hello.txt", {{"Range", "bytes=0-4"}, {"If-Range", etag.c_str()}}).status() == 206);
  CHECK(get("hello.txt", {{"Range", "bytes=0-4"}, {"If-Range", modified.c_str()}}).status() == 206);
  const Response changed = get("hello.txt", {{"Range", "bytes=0-4"}, {"If-Range", "\"other\""}});
  CHECK(changed.status() == 200);
  CHECK(changed.body() == "Hello, world!\n");
  CHECK_FALSE(changed.headers().contains("Content-Range"));
  CHECK(get("hello.txt", {{"Range", "bytes=0-4"}, {"If-Range", "Mon, 01 Jan 2001 00:00:00 GMT"}}).status() == 200);
  CHECK(get("hello.txt", {{"If-Range", "\"other\""}}).status() == 200);  // no Range: ignored
}

TEST_CASE("a range is served before If-None-Match, as Werkzeug does", "[static]") {
  const std::string etag = etag_of("hello.txt");
  CHECK(get("hello.txt", {{"Range", "bytes=0-4"}, {"If-None-Match", etag.c_str()}}).status() == 206);
}

TEST_CASE("an empty file has no ranges", "[static]") {
  TempDir dir;
  dir.write("empty.txt", "");
  const Response r = retort::send_from_directory(dir.path, "empty.txt", request("GET", {{"Range", "bytes=0-4"}}));
  CHECK(r.status() == 200);
  CHECK(r.body().empty());
}

// The filename arrives percent-decoded (Request decodes the path once, and
// <path:filename> captures the decoded text), so `%2e%2e%2f` is already
// `../` here and `%00` a NUL: these cases cover the encoded forms too.
TEST_CASE("names that leave the directory are a thrown 404", "[static][security]") {
  // The targets exist (this test's own source is next to the fixtures), so
  // a 404 comes from the check, not from a missing file.
  REQUIRE(fs::exists(kStatic / ".." / "static_files_test.cpp"));
  for (std::string name : {"../static_files_test.cpp", "img/../../static_files_test.cpp", "a/../../static_files_test.cpp",
                           "nested/deep/../../../static_files_test.cpp", "..", "/etc/passwd", "//etc/passwd",
                           "..\\static_files_test.cpp", "img\\dot.png", "hello.txt\\"}) {
    INFO("filename: " << name);
    CHECK(thrown_status([&] { return get(name); }) == 404);
  }
  // An absolute path is refused even when it names a file inside.
  CHECK(thrown_status([] { return get((kStatic / "hello.txt").string()); }) == 404);
  // Werkzeug serves a file whose name holds a backslash on POSIX; we refuse
  // it everywhere (a separator on Windows), so this one exists and is a 404.
  TempDir dir;
  dir.write("back\\slash.txt", "backslash");
  CHECK(thrown_status([&] { return retort::send_from_directory(dir.path, "back\\slash.txt", request()); }) == 404);
  // The kernel would stop at the NUL and open hello.txt.
  const std::string with_nul("hello.txt\0.png", 14);
  CHECK(thrown_status([&] { return get(with_nul); }) == 404);
  CHECK(thrown_status([&] { return get(std::string("\0", 1)); }) == 404);
}

TEST_CASE("dot segments inside the directory resolve as safe_join's normpath", "[static][security]") {
  for (const char* name : {"nested/../hello.txt", "nested/deep/../../hello.txt", "./hello.txt", "img/./../hello.txt",
                           "nested//deep/../../hello.txt", "hello.txt/"}) {
    INFO("filename: " << name);
    CHECK(get(name).body() == "Hello, world!\n");
  }
}

TEST_CASE("directories, missing and empty names are a thrown 404", "[static][security]") {
  for (const char* name : {"", ".", "nested", "nested/", "nested/..", "img/missing.png", "hello.txt/x", "missing/"}) {
    INFO("filename: " << name);
    CHECK(thrown_status([&] { return get(name); }) == 404);
  }
  CHECK(thrown_status([] { return retort::send_from_directory(kStatic / "no-such-folder", "hello.txt", request()); }) == 404);
}

TEST_CASE("symlinks are followed only while they stay inside", "[static][security]") {
  TempDir dir;
  dir.write("root/inside.txt", "inside");
  dir.write("root/sub/page.txt", "sub page");
  dir.write("outside/secret.txt", "secret");
  const fs::path root = dir.path / "root";
  fs::create_symlink("inside.txt", root / "alias.css");
  fs::create_symlink("../outside/secret.txt", root / "leak.txt");
  fs::create_symlink(dir.path / "outside" / "secret.txt", root / "absolute-leak.txt");
  fs::create_symlink("../outside", root / "out");
  fs::create_symlink("sub", root / "in");
  fs::create_symlink("missing.txt", root / "dangling.txt");
  auto send = [&](const fs::path& folder, const char* name) {
    return retort::send_from_directory(folder, name, request());
  };

  const Response alias = send(root, "alias.css");
  CHECK(alias.body() == "inside");
  CHECK(alias.header("Content-Type") == "text/css; charset=utf-8");  // the requested name decides
  CHECK(send(root, "in/page.txt").body() == "sub page");
  for (const char* name : {"leak.txt", "absolute-leak.txt", "out/secret.txt", "dangling.txt", "in/../out/secret.txt"}) {
    INFO("filename: " << name);
    CHECK(thrown_status([&] { return send(root, name); }) == 404);
  }
  // The folder itself may be a link: its target is the boundary.
  fs::create_symlink(root, dir.path / "public");
  CHECK(send(dir.path / "public", "inside.txt").body() == "inside");
  CHECK(thrown_status([&] { return send(dir.path / "public", "leak.txt"); }) == 404);
}

TEST_CASE("an unreadable file is a thrown 404", "[static][security]") {
  TempDir dir;
  dir.write("locked.txt", "locked");
  fs::permissions(dir.path / "locked.txt", fs::perms::none);
  if (std::ifstream(dir.path / "locked.txt")) {
    WARN("running with permission to read anything (root?): nothing to check");
    return;
  }
  CHECK(thrown_status([&] { return retort::send_from_directory(dir.path, "locked.txt", request()); }) == 404);
}

TEST_CASE("send_file serves the path the application chose", "[static]") {
  // No containment: a path with `..` is the application's business.
  const Response r = retort::send_file(kStatic / "nested" / ".." / "app.css", request());
  CHECK(r.status() == 200);
  CHECK(r.body() == "body { color: #333; }\n");
  CHECK(r.header("Content-Type") == "text/css; charset=utf-8");
  CHECK(r.header("ETag") == etag_of("app.css"));  // the same file, the same normalised path
  CHECK(retort::send_file(kStatic / "hello.txt", request("GET", {{"Range", "bytes=0-4"}})).body() == "Hello");
  CHECK(thrown_status([] { return retort::send_file(kStatic / "missing.txt", request()); }) == 404);
  CHECK(thrown_status([] { return retort::send_file(kStatic / "nested", request()); }) == 404);
}

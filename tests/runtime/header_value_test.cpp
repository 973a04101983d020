// parse_options_header, is_json_mimetype and best_match against Werkzeug
// 3.1. The expectations are the lines `python3
// tests/runtime/werkzeug_forms_cases.py` prints, quoted in each comment.
#include "header_value.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

using retort::detail::best_match;
using retort::detail::is_json_mimetype;
using retort::detail::parse_options_header;

namespace {
using Params = std::vector<std::pair<std::string, std::string>>;
}

TEST_CASE("parse_options_header: the values requests carry", "[headers]") {
  // parse_options_header('multipart/form-data; boundary="a b"') = ('multipart/form-data', {'boundary': 'a b'})
  auto multipart = parse_options_header(R"(multipart/form-data; boundary="a b")");
  CHECK(multipart.value == "multipart/form-data");
  CHECK(multipart.params == Params{{"boundary", "a b"}});
  CHECK(multipart.param("BOUNDARY") == "a b");
  CHECK_FALSE(multipart.param("charset"));
  // parse_options_header('form-data; name="f"; filename="x.txt"') = ('form-data', {'name': 'f', 'filename': 'x.txt'})
  auto disposition = parse_options_header(R"(form-data; name="f"; filename="x.txt")");
  CHECK(disposition.value == "form-data");
  CHECK(disposition.params == Params{{"name", "f"}, {"filename", "x.txt"}});
  // parse_options_header('application/json; charset=utf-8') = ('application/json', {'charset': 'utf-8'})
  auto json = parse_options_header("application/json; charset=utf-8");
  CHECK(json.value == "application/json");
  CHECK(json.params == Params{{"charset", "utf-8"}});
  // parse_options_header('') = ('', {})
  CHECK(parse_options_header("").value.empty());
}

TEST_CASE("parse_options_header: case, quoting and malformed parameters", "[headers]") {
  // parse_options_header('Text/HTML; CharSet=UTF-8') = ('Text/HTML', {'charset': 'UTF-8'})
  // (the value is lower-cased here, as Request.mimetype lower-cases it)
  auto html = parse_options_header("Text/HTML; CharSet=UTF-8");
  CHECK(html.value == "text/html");
  CHECK(html.params == Params{{"charset", "UTF-8"}});
  // parse_options_header('a; q="x\\"y\\\\z"; p="%22"') = ('a', {'q': 'x"y\\z', 'p': '"'})
  CHECK(parse_options_header(R"(a; q="x\"y\\z"; p="%22")").params == Params{{"q", "x\"y\\z"}, {"p", "\""}});
  // parse_options_header('a; b; c=d; e= f; g=h i; j') = ('a', {'c': 'd', 'g': 'h'})
  CHECK(parse_options_header("a; b; c=d; e= f; g=h i; j").params == Params{{"c", "d"}, {"g", "h"}});
  // parse_options_header('a; b="open; c=d') = ('a', {'c': 'd'})
  CHECK(parse_options_header(R"(a; b="open; c=d)").params == Params{{"c", "d"}});
  // parse_options_header('a; k=1; K=2; m=3') = ('a', {'k': '2', 'm': '3'})
  CHECK(parse_options_header("a; k=1; K=2; m=3").params == Params{{"k", "2"}, {"m", "3"}});
}

TEST_CASE("parse_options_header: RFC 2231 charsets and continuations", "[headers]") {
  // parse_options_header("attachment; filename*=UTF-8''%E2%82%AC%20rates") = ('attachment', {'filename': '€ rates'})
  CHECK(parse_options_header("attachment; filename*=UTF-8''%E2%82%AC%20rates").param("filename") ==
        "\xE2\x82\xAC rates");
  // parse_options_header('a; f*0*=UTF-8\'\'a%20; f*1="b c"') = ('a', {'f': 'a b c'})
  CHECK(parse_options_header(R"(a; f*0*=UTF-8''a%20; f*1="b c")").params == Params{{"f", "a b c"}});
}

TEST_CASE("is_json_mimetype: application/json and application/*+json", "[headers]") {
  // Request(EnvironBuilder(content_type=ct).get_environ()).is_json
  CHECK(is_json_mimetype("application/json"));
  CHECK(is_json_mimetype("Application/JSON; charset=utf-8"));
  CHECK(is_json_mimetype("application/vnd.api+json"));
  CHECK_FALSE(is_json_mimetype("text/json"));
  CHECK_FALSE(is_json_mimetype("application/json-patch"));
  CHECK_FALSE(is_json_mimetype(""));
}

TEST_CASE("best_match: Werkzeug's MIMEAccept negotiation", "[headers]") {
  // MIMEAccept(accept).best_match(['text/html', 'application/json'], 'fallback')
  struct Case {
    std::string_view accept, expected;
  };
  const Case cases[] = {
      {"", "fallback"},
      {"text/html", "text/html"},
      {"application/json", "application/json"},
      {"*/*", "text/html"},
      {"application/json, text/html;q=0.9", "application/json"},
      {"text/html;q=0.5, application/json;q=0.5", "text/html"},
      {"application/json;q=0", "fallback"},
      {"*/*;q=0.1, application/json;q=0", "text/html"},
      {"text/*, application/*;q=0.9", "text/html"},
      {"text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8", "text/html"},
      {"application/*;q=0.9, */*", "text/html"},
      {"TEXT/HTML;q=0.2, Application/JSON;q=0.3", "application/json"},
      {"text/html;q=1.5, application/json;q=abc", "fallback"},
      {"text/html;level=1, application/json", "application/json"},
      {"application/json;q=0.9, text/html;q=0.9, */*", "text/html"},
      {"x, */json", "fallback"},
      // The most specific entry decides an offer's quality, then the highest q.
      {"*/*;q=0.9, text/html;q=0.1", "application/json"},
      {"application/json;q=0.1, application/json;q=0.8, text/html;q=0.5", "application/json"},
  };
  for (const Case& c : cases) {
    INFO("Accept: " << c.accept);
    CHECK(best_match(c.accept, {"text/html", "application/json"}, "fallback") == c.expected);
  }
}

TEST_CASE("best_match: an offer that is no mimetype throws", "[headers]") {
  // MIMEAccept('text/html').best_match(['json']) raises ValueError: invalid mimetype 'json'
  CHECK_THROWS_AS(best_match("text/html", {"json"}, "x"), std::invalid_argument);
  CHECK_THROWS_AS(best_match("", {"*/json"}, "x"), std::invalid_argument);
}

TEST_CASE("python_strip: str.strip()'s Unicode whitespace", "[headers]") {
  using retort::detail::python_strip;
  // ' \t\xa0x y\u3000\x1f'.strip() == 'x y'
  CHECK(python_strip(" \t\xC2\xA0x y\xE3\x80\x80\x1F") == "x y");
  CHECK(python_strip("\xC2\xA9") == "\xC2\xA9");  // U+00A9 is no space
  CHECK(python_strip("   ").empty());
}

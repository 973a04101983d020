// Templates: escaping as Jinja's autoescape, Mustache data from JSON,
// partials from the folder, url_for, errors, caching and reload, and
// concurrent renders. The fixture folder is tests/runtime/templates
// (RETORT_TEST_TEMPLATES_DIR).
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <retort/templates.hpp>
#include <retort/url.hpp>

#ifndef RETORT_TEST_TEMPLATES_DIR
#error "compile with -DRETORT_TEST_TEMPLATES_DIR=\"<source>/tests/runtime/templates\""
#endif

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using nlohmann::json;
using retort::TemplateError;
using retort::Templates;

const fs::path kFixtures = RETORT_TEST_TEMPLATES_DIR;

// Records its calls and returns `/<endpoint>?name=value&…`.
struct RecordingUrlFor {
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> calls;
  Templates::UrlFor callback() {
    return [this](std::string_view endpoint, std::span<const std::pair<std::string, std::string>> values) {
      calls.emplace_back(std::string(endpoint), std::vector(values.begin(), values.end()));
      std::string url = "/" + std::string(endpoint);
      char separator = '?';
      for (const auto& [name, value] : values) {
        url += separator + name + "=" + value;
        separator = '&';
      }
      return url;
    };
  }
};

std::string render(std::string_view source, const json& context = json::object()) {
  return Templates(kFixtures, false).render_string(source, context);
}

// A fresh copy of the fixture folder, removed at the end of the test.
struct TempFolder {
  fs::path path;
  TempFolder() {
    static std::atomic<int> counter = 0;
    path = fs::temp_directory_path() /
           ("retort-templates-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::copy(kFixtures, path, fs::copy_options::recursive);
  }
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  // Rewrites a file and moves its mtime a minute on, so a reload check sees
  // the change however coarse the file system's clock is.
  void write(const std::string& name, const std::string& text) const {
    const fs::path file = path / name;
    const auto before = fs::last_write_time(file);
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
    fs::last_write_time(file, before + std::chrono::minutes(1));
  }
};

}  // namespace

TEST_CASE("{{x}} escapes & < > \" ' as Jinja does", "[templates]") {
  CHECK(render("{{x}}", {{"x", "&"}}) == "&amp;");
  CHECK(render("{{x}}", {{"x", "<"}}) == "&lt;");
  CHECK(render("{{x}}", {{"x", ">"}}) == "&gt;");
  CHECK(render("{{x}}", {{"x", "\""}}) == "&#34;");
  CHECK(render("{{x}}", {{"x", "'"}}) == "&#39;");
  CHECK(render("<p title=\"{{x}}\">", {{"x", "a\"><script>alert('&')</script>"}}) ==
        "<p title=\"a&#34;&gt;&lt;script&gt;alert(&#39;&amp;&#39;)&lt;/script&gt;\">");
  CHECK(render("{{x}}", {{"x", "plain text, é"}}) == "plain text, é");
}

TEST_CASE("{{{x}}} and {{& x}} are raw", "[templates]") {
  const json context = {{"x", "<b>&'\"</b>"}};
  CHECK(render("{{{x}}}", context) == "<b>&'\"</b>");
  CHECK(render("{{& x}}", context) == "<b>&'\"</b>");
}

TEST_CASE("sections over lists, objects, bools and null", "[templates]") {
  const json context = {{"items", {{{"name", "a"}}, {{"name", "b"}}}},
                        {"tags", {"x", "y"}},
                        {"empty", json::array()},
                        {"user", {{"name", "Ann"}}},
                        {"yes", true},
                        {"no", false},
                        {"nothing", nullptr}};
  CHECK(render("{{#items}}[{{name}}]{{/items}}", context) == "[a][b]");
  CHECK(render("{{#tags}}<{{.}}>{{/tags}}", context) == "<x><y>");
  CHECK(render("{{#empty}}never{{/empty}}{{^empty}}none{{/empty}}", context) == "none");
  CHECK(render("{{#user}}{{name}}{{/user}}", context) == "Ann");
  CHECK(render("{{#yes}}on{{/yes}}{{#no}}off{{/no}}{{^no}}not off{{/no}}", context) == "onnot off");
  CHECK(render("{{#nothing}}x{{/nothing}}{{^nothing}}null is falsy{{/nothing}}|{{nothing}}|", context) ==
        "null is falsy||");
  CHECK(render("{{#missing}}x{{/missing}}{{^missing}}missing is falsy{{/missing}}|{{missing}}|", context) ==
        "missing is falsy||");
  CHECK(render("{{user.name}} {{#items}}{{user.name}}{{/items}}", context) == "Ann AnnAnn");  // dotted, outer scope
}

TEST_CASE("numbers print as Python prints them", "[templates]") {
  const json context = {{"i", 42},         {"negative", -7}, {"big", 18446744073709551615ull},
                        {"two", 2.0},      {"tenth", 0.1},   {"huge", 1e16},
                        {"tiny", 0.00001}, {"zero", 0}};
  CHECK(render("{{i}} {{negative}} {{big}}", context) == "42 -7 18446744073709551615");
  CHECK(render("{{two}} {{tenth}} {{huge}} {{tiny}}", context) == "2.0 0.1 1e+16 1e-05");
  // Mustache, not Python: a number is truthy, 0 too (use a bool for a flag).
  CHECK(render("{{#zero}}shown{{/zero}}", context) == "shown");
}

TEST_CASE("the context is a JSON object or null", "[templates]") {
  CHECK(render("a{{x}}b", nullptr) == "ab");
  CHECK_THROWS_WITH(render("{{x}}", json::array({1})), Contains("the context must be a JSON object, not array"));
}

TEST_CASE("partials come from the folder, nested", "[templates]") {
  const Templates templates(kFixtures, false);
  const json context = {{"title", "Home"}, {"site", "<Site>"}, {"items", {{{"name", "a"}}, {{"name", "b"}}}}};
  CHECK(templates.render("index.html", context) ==
        "<header><nav>&lt;Site&gt;</nav> <h1>Home</h1></header>\n\n"
        "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n"
        "<footer>&lt;Site&gt;</footer>\n\n");
  // A partial starts with {{ }} and its own delimiters end with it.
  CHECK(templates.render_string("{{=[ ]=}}[> delimiters.html][site]{{site}}", {{"site", "S"}}) == "SS{{site}}");
  // Names are relative to the folder, also from a template in a subfolder.
  CHECK(templates.render_string("{{> users/avatar.html}}", {{"user", {{"name", "Ann"}}}}, [](auto, auto) {
    return std::string("/a.png");
  }) == "<img alt=\"Ann\" src=\"/a.png\">");
  CHECK(templates.render("./users//show.html", {{"user", {{"name", "Ann"}, {"id", 7}}}}, [](auto, auto) {
    return std::string("/u");
  }) == "<h1>Ann</h1>\n<a href=\"/u\">profile</a>\n<img alt=\"Ann\" src=\"/u\">\n");
}

TEST_CASE("missing templates and partials are TemplateErrors naming them", "[templates]") {
  const Templates templates(kFixtures, false);
  CHECK_THROWS_AS(templates.render("nope.html", json::object()), TemplateError);
  CHECK_THROWS_WITH(templates.render("nope.html", json::object()),
                    "template 'nope.html' not found in " + kFixtures.string());
  CHECK_THROWS_WITH(templates.render("users", json::object()), Contains("template 'users' not found"));
  CHECK_THROWS_WITH(
      templates.render("missing_partial.html", json::object()),
      "partial 'nope.html' not found in " + kFixtures.string() + " (included from 'missing_partial.html')");
}

TEST_CASE("a syntax error names the template, line and column", "[templates]") {
  const Templates templates(kFixtures, false);
  CHECK_THROWS_AS(templates.render("broken.html", json::object()), TemplateError);
  CHECK_THROWS_WITH(templates.render("broken.html", json::object()),
                    "broken.html:2:1: error: unclosed section \"items\"");
  CHECK_THROWS_WITH(templates.render_string("ok\n  {{x", json::object()), "<string>:2:3: error: unclosed tag");
  CHECK_THROWS_WITH(templates.render_string("{{/x}}", json::object()), "<string>:1:1: error: unopened section \"x\"");
}

TEST_CASE("names may not leave the folder", "[templates]") {
  const Templates templates(kFixtures, false);
  CHECK_THROWS_WITH(templates.render("../templates/index.html", json::object()),
                    "template name '../templates/index.html' is not allowed: '..' may not leave the templates folder");
  CHECK_THROWS_WITH(templates.render("users/../../x", json::object()), Contains("'..' may not leave"));
  CHECK_THROWS_WITH(templates.render(kFixtures.string() + "/index.html", json::object()),
                    Contains("names are relative to the templates folder"));
  CHECK_THROWS_WITH(templates.render("", json::object()), Contains("it names no file"));
  CHECK_THROWS_WITH(templates.render("escapes_folder.html", json::object()),
                    "partial name '../index.html' is not allowed: '..' may not leave the templates folder"
                    " (included from 'escapes_folder.html')");
}

TEST_CASE("a template including itself stops at the depth limit", "[templates]") {
  const Templates templates(kFixtures, false);
  CHECK_THROWS_WITH(templates.render("self.html", json::object()),
                    "self.html: error: partials nested more than 100 deep (included from 'self.html'; does it "
                    "include itself?)");
}

TEST_CASE("url_for: inner text rendered, split, passed to the callback, escaped", "[templates]") {
  const Templates templates(kFixtures, false);
  RecordingUrlFor url_for;
  const json context = {{"user", {{"id", 7}, {"name", "Ann"}}}, {"query", "a b\"c'&d"}, {"ep", "search"}};
  CHECK(templates.render_string("{{#url_for}}user id={{user.id}}{{/url_for}}", context, url_for.callback()) ==
        "/user?id=7");
  CHECK(templates.render_string(R"({{#url_for}} index  a="x y"  b='it"s' c=1=2 {{/url_for}})", context,
                                url_for.callback()) == "/index?a=x y&amp;b=it&#34;s&amp;c=1=2");
  // A `{{x}}` value stays one value whatever it holds; the endpoint may come from the data.
  CHECK(templates.render_string("{{#url_for}}{{ep}} q={{query}} _anchor=top{{/url_for}}", context,
                                url_for.callback()) == "/search?q=a b&#34;c&#39;&amp;d&amp;_anchor=top");
  REQUIRE(url_for.calls.size() == 3);
  CHECK(url_for.calls[0].first == "user");
  CHECK(url_for.calls[0].second == std::vector<std::pair<std::string, std::string>>{{"id", "7"}});
  CHECK(url_for.calls[1].second ==
        std::vector<std::pair<std::string, std::string>>{{"a", "x y"}, {"b", "it\"s"}, {"c", "1=2"}});
  CHECK(url_for.calls[2].first == "search");
  CHECK(url_for.calls[2].second ==
        std::vector<std::pair<std::string, std::string>>{{"q", "a b\"c'&d"}, {"_anchor", "top"}});
  // Escaping inside url_for stops with it.
  CHECK(templates.render_string("{{#url_for}}index{{/url_for}}{{query}}", context, url_for.callback()) ==
        "/indexa b&#34;c&#39;&amp;d");
  CHECK_THROWS_WITH(templates.render_string("{{url_for}}", context, url_for.callback()),
                    "<string>: error: url_for is a section: write {{#url_for}}endpoint name=value{{/url_for}}");
  // Data named url_for hides the built-in one, as a Jinja context variable hides a global.
  CHECK(templates.render_string("{{url_for}}", {{"url_for", "mine"}}, url_for.callback()) == "mine");
}

TEST_CASE("url_for mistakes and failures", "[templates]") {
  const Templates templates(kFixtures, false);
  RecordingUrlFor url_for;
  CHECK_THROWS_WITH(
      templates.render("users/show.html", {{"user", {{"id", 1}}}}),
      "users/show.html: error: the template uses url_for, but no url_for function was given to render it");
  CHECK_THROWS_WITH(templates.render_string("{{#url_for}}{{/url_for}}", json::object(), url_for.callback()),
                    Contains("url_for: expected an endpoint first"));
  CHECK_THROWS_WITH(templates.render_string("{{#url_for}}user 7{{/url_for}}", json::object(), url_for.callback()),
                    "<string>: error: url_for: expected name=value after the endpoint; got '7'");
  CHECK_THROWS_WITH(templates.render_string("{{#url_for}}user id=\"7{{/url_for}}", json::object(), url_for.callback()),
                    Contains("url_for: unclosed \""));
  // The callback's exceptions reach the caller unchanged.
  const Templates::UrlFor failing = [](std::string_view,
                                       std::span<const std::pair<std::string, std::string>>) -> std::string {
    throw retort::BuildError("Could not build url for endpoint 'user'. Did you forget to specify values ['id']?");
  };
  CHECK_THROWS_AS(templates.render("users/show.html", {{"user", {{"id", 1}}}}, failing), retort::BuildError);
  CHECK_THROWS_WITH(templates.render("users/show.html", {{"user", {{"id", 1}}}}, failing),
                    "Could not build url for endpoint 'user'. Did you forget to specify values ['id']?");
}

TEST_CASE("without auto_reload a template is read once", "[templates]") {
  const TempFolder folder;
  const Templates templates(folder.path, false);
  CHECK(templates.render("nav.html", {{"site", "A"}}) == "<nav>A</nav>");
  folder.write("nav.html", "<nav>changed {{site}}</nav>");
  CHECK(templates.render("nav.html", {{"site", "A"}}) == "<nav>A</nav>");
  CHECK(templates.folder() == folder.path);
}

TEST_CASE("with auto_reload a changed template or partial is read again", "[templates]") {
  const TempFolder folder;
  const Templates templates(folder.path, true);
  const json context = {{"title", "T"}, {"site", "S"}};
  CHECK(templates.render("nav.html", context) == "<nav>S</nav>");
  CHECK(templates.render("header.html", context) == "<header><nav>S</nav> <h1>T</h1></header>\n");
  folder.write("nav.html", "<nav>changed {{site}}</nav>");
  CHECK(templates.render("nav.html", context) == "<nav>changed S</nav>");
  // header.html itself did not change; its partial did.
  CHECK(templates.render("header.html", context) == "<header><nav>changed S</nav> <h1>T</h1></header>\n");
  // A file that breaks is reported, and fixed again it renders.
  folder.write("nav.html", "{{#open}}");
  CHECK_THROWS_WITH(templates.render("header.html", context), "nav.html:1:1: error: unclosed section \"open\"");
  folder.write("nav.html", "<nav>fixed</nav>");
  CHECK(templates.render("header.html", context) == "<header><nav>fixed</nav> <h1>T</h1></header>\n");
  fs::remove(folder.path / "nav.html");
  CHECK_THROWS_WITH(templates.render("header.html", context), Contains("partial 'nav.html' not found"));
}

TEST_CASE("8 threads render concurrently", "[templates]") {
  for (const bool auto_reload : {false, true}) {
    const Templates templates(kFixtures, auto_reload);
    std::atomic<int> wrong = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        const Templates::UrlFor url_for = [](std::string_view endpoint,
                                             std::span<const std::pair<std::string, std::string>> values) {
          return "/" + std::string(endpoint) + "/" + values[0].second;
        };
        for (int i = 0; i < 200; ++i) {
          const std::string id = std::to_string(t * 1000 + i);
          const std::string html =
              templates.render("users/show.html", {{"user", {{"id", id}, {"name", "<" + id + ">"}}}}, url_for);
          const std::string expected = "<h1>&lt;" + id + "&gt;</h1>\n<a href=\"/user/" + id + "\">profile</a>\n" +
                                       "<img alt=\"&lt;" + id + "&gt;\" src=\"/static/avatars/" + id + ".png\">\n";
          if (html != expected) ++wrong;
        }
      });
    }
    for (auto& thread : threads) thread.join();
    CHECK(wrong == 0);
  }
}

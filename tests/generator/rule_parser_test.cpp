#include "parse/rule_parser.hpp"

#include <catch2/catch.hpp>

namespace retortc {
namespace {

// Every byte of the rule at column 1 + offset of line 1.
SourceLoc at(std::size_t byte) { return {"rule", 1, static_cast<unsigned>(byte + 1)}; }

std::optional<Rule> parse(std::string_view text, DiagnosticSink& sink) { return parse_rule(text, at, sink); }

TEST_CASE("parse_rule splits static segments and placeholders", "[parse]") {
  DiagnosticSink sink;
  std::optional<Rule> rule = parse("/users/<int:id>/posts", sink);
  REQUIRE(rule);
  REQUIRE(rule->segments.size() == 3);
  CHECK(rule->segments[0].static_text() == "users");
  const RulePart& id = rule->segments[1].parts.at(0);
  CHECK(id.kind == RulePart::Kind::variable);
  CHECK(id.converter == "int");
  CHECK(id.text == "id");
  CHECK(id.offset == 7);
  CHECK(id.converter_offset == 8);
  CHECK(id.name_offset == 12);
  CHECK(rule->segments[2].static_text() == "posts");
  CHECK_FALSE(rule->is_branch());
  CHECK(sink.diagnostics().empty());
}

TEST_CASE("parse_rule: default converter, branch rules, root", "[parse]") {
  DiagnosticSink sink;
  std::optional<Rule> rule = parse("/post/<slug>/", sink);
  REQUIRE(rule);
  CHECK(rule->segments[1].parts[0].converter == "default");
  CHECK(rule->is_branch());
  std::optional<Rule> root = parse("/", sink);
  REQUIRE(root);
  CHECK(root->segments.size() == 1);
  CHECK(root->is_branch());
}

TEST_CASE("parse_rule merges runs of slashes as Werkzeug does", "[parse]") {
  DiagnosticSink sink;
  std::optional<Rule> rule = parse("/a//b", sink);
  REQUIRE(rule);
  REQUIRE(rule->segments.size() == 2);
  CHECK(rule->segments[1].static_text() == "b");
}

struct BadRule {
  const char* rule;
  DiagnosticKind kind;
  unsigned column;
};

TEST_CASE("parse_rule reports each syntax error at its byte", "[parse]") {
  const BadRule cases[] = {
      {"a/b", DiagnosticKind::rule_missing_slash, 1},
      {"/a/<x", DiagnosticKind::rule_unclosed_placeholder, 4},
      {"/a/<1x>", DiagnosticKind::rule_bad_name, 5},
      {"/a/< x >", DiagnosticKind::rule_bad_name, 5},
      {"/a/<:x>", DiagnosticKind::rule_bad_placeholder, 4},
      {"/a/<>", DiagnosticKind::rule_empty_name, 4},
      {"/a/<int:>", DiagnosticKind::rule_empty_name, 4},
      {"/a/<foo:x>", DiagnosticKind::rule_unknown_converter, 5},
      {"/a/<unicode:x>", DiagnosticKind::rule_unknown_converter, 5},  // gone in Werkzeug 3
      {"/a/<int(min=3 max=4):x>", DiagnosticKind::rule_converter_arguments, 9},
      {"/a/<int(foo=1):x>", DiagnosticKind::rule_converter_arguments, 5},
      {"/a/<int(min=1.5):x>", DiagnosticKind::rule_converter_arguments, 5},
      {"/a/<any(1, 2):x>", DiagnosticKind::rule_converter_arguments, 5},
      {"/a/<path(1):x>", DiagnosticKind::rule_converter_arguments, 5},
      {"/a/<None>", DiagnosticKind::rule_bad_name, 5},
      {"/a/<x>/<x>", DiagnosticKind::rule_duplicate_variable, 9},
  };
  for (const BadRule& c : cases) {
    INFO(c.rule);
    DiagnosticSink sink;
    CHECK_FALSE(parse(c.rule, sink));
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].kind == c.kind);
    CHECK(sink.diagnostics()[0].loc.column == c.column);
  }
}

const RulePart& only_variable(const Rule& rule) {
  REQUIRE(rule.variables().size() == 1);
  return *rule.variables()[0];
}

TEST_CASE("converter arguments bind as Werkzeug binds them", "[parse]") {
  DiagnosticSink sink;
  auto conv = [&](std::string_view text) { return only_variable(*parse(text, sink)).conv; };
  CHECK(conv("/<x>").regex() == "[^/]{1,}");
  CHECK(conv("/<string(length=2):x>").regex() == "[^/]{2}");
  CHECK(conv("/<string(2, 5):x>").regex() == "[^/]{2,5}");
  CHECK(conv("/<string(minlength=0):x>").regex() == "[^/]{0,}");
  Converter i = conv("/<int(fixed_digits=4, min=1, max=99, signed=True):x>");
  CHECK(i.kind == Converter::Kind::integer);
  CHECK(i.fixed_digits == 4);
  CHECK(i.int_min == 1);
  CHECK(i.int_max == 99);
  CHECK(i.regex() == "-?\\d+");
  CHECK(conv("/<float(max=2.5):x>").float_max == 2.5);
  CHECK(conv("/<any(a, 'b c', \"d,e\"):x>").items == std::vector<std::string>{"a", "b c", "d,e"});
  // Werkzeug's quirk: without a space `1,2` is one string item.
  CHECK(conv("/<any(1,2):x>").items == std::vector<std::string>{"1,2"});
  CHECK(conv("/<any(a.b, x):x>").regex() == "(?:a\\.b|x)");
  CHECK(conv("/<path:x>").weight() == 200);
  CHECK_FALSE(sink.has_errors());
}

TEST_CASE("placeholders may share a segment with text and each other", "[parse]") {
  DiagnosticSink sink;
  std::optional<Rule> rule = parse("/a/v<int:x>.<y>", sink);
  REQUIRE(rule);
  REQUIRE(rule->segments.size() == 2);
  REQUIRE(rule->segments[1].parts.size() == 4);
  CHECK(rule->segments[1].parts[0].text == "v");
  CHECK(rule->segments[1].parts[1].text == "x");
  CHECK(rule->segments[1].parts[2].text == ".");
  CHECK(rule->segments[1].parts[3].text == "y");
}

TEST_CASE("an unknown converter gets a did-you-mean note", "[parse]") {
  DiagnosticSink sink;
  CHECK_FALSE(parse("/user/<integer:id>", sink));
  REQUIRE(sink.diagnostics().size() == 1);
  const Diagnostic& d = sink.diagnostics()[0];
  CHECK(d.message == "unknown converter 'integer'");
  CHECK(d.length == 7);
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].message == "did you mean 'int'?");

  DiagnosticSink typo;
  CHECK_FALSE(parse("/user/<strng:id>", typo));
  REQUIRE(typo.diagnostics()[0].notes.size() == 1);
  CHECK(typo.diagnostics()[0].notes[0].message == "did you mean 'string'?");

  DiagnosticSink far;
  CHECK_FALSE(parse("/user/<zzzzzz:id>", far));
  CHECK(far.diagnostics()[0].notes.empty());
}

TEST_CASE("parse_rule collects every error, not only the first", "[parse]") {
  DiagnosticSink sink;
  CHECK_FALSE(parse("/<foo:a>/<bar:b>", sink));
  CHECK(sink.error_count() == 2);
}

}  // namespace
}  // namespace retortc

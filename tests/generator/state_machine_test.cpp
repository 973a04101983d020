// Order stage: rules compiled into Werkzeug's parts, and the state machine.
#include <catch2/catch.hpp>

#include "order/match_order.hpp"
#include "order/match_parts.hpp"
#include "order/state_machine.hpp"
#include "parse/rule_parser.hpp"

namespace retortc {
namespace {

Rule parse(std::string_view text) {
  DiagnosticSink sink;
  std::optional<Rule> rule = parse_rule(text, [](std::size_t) { return SourceLoc{}; }, sink);
  REQUIRE(rule);
  return *rule;
}

std::vector<Route> routes(std::initializer_list<std::string_view> rules) {
  std::vector<Route> out;
  for (std::string_view r : rules) {
    Route route;
    route.rule = parse(r);
    out.push_back(std::move(route));
  }
  return out;
}

TEST_CASE("parts follow Werkzeug's _parse_rule", "[order]") {
  std::vector<MatchPart> plain = compile_parts(parse("/users/<int:id>/"));
  REQUIRE(plain.size() == 3);
  CHECK(plain[0].text == "users");
  CHECK(plain[1].regex == "(?P<__werkzeug_0>\\d+)\\Z");
  CHECK(plain[2].is_static);
  CHECK(plain[2].text.empty());  // the branch rule's trailing ""

  std::vector<MatchPart> edit = compile_parts(parse("/files/<path:p>/edit"));
  REQUIRE(edit.size() == 2);
  CHECK(edit[1].final);
  CHECK(edit[1].regex == "(?P<__werkzeug_0>[^/].*?)/edit\\Z");
  CHECK(edit[1].weight.static_chunks == std::vector<std::pair<int, int>>{{0, -4}});

  std::vector<MatchPart> suffixed = compile_parts(parse("/<path:p>/"));
  REQUIRE(suffixed.size() == 2);
  CHECK(suffixed[0].suffixed);
  CHECK(suffixed[0].regex == "(?P<__werkzeug_0>[^/].*?)(?<!/)(/?)\\Z");
  CHECK(suffixed[1].is_static);

  std::vector<MatchPart> mixed = compile_parts(parse("/v<int:x>.<y>"));
  REQUIRE(mixed.size() == 1);
  CHECK(mixed[0].regex == "v(?P<__werkzeug_0>\\d+)\\.(?P<__werkzeug_1>[^/]{1,})\\Z");
  CHECK(mixed[0].weight.static_count == -2);
  CHECK(mixed[0].weight.converter_weights == std::vector<int>{50, 100});
}

// Section 3.2 of the Werkzeug routing reference: the observed order of the
// dynamic transitions under /a/ for these rules, added in this order.
TEST_CASE("dynamic transitions are tried in Werkzeug's weight order, ties in registration order", "[order]") {
  std::vector<Route> rules = routes({"/a/<x>", "/a/<int:x>", "/a/<path:x>", "/a/v<int:x>", "/a/<int:x>.json",
                                     "/a/<x>.json", "/a/<x>-<y>", "/a/ver<int:x>", "/a/<float:x>", "/a/<uuid:x>",
                                     "/a/<any(q,r):x>", "/a/v<int:x>.<y>"});
  StateMachine machine = build_state_machine(rules);
  const MatchState& root = machine.states[0];
  REQUIRE(root.statics.size() == 1);
  const MatchState& a = machine.states[root.statics[0].second];
  std::vector<std::string> order;
  for (const auto& [part, child] : a.dynamic) order.push_back(part.spelling);
  CHECK(order == std::vector<std::string>{"v<int:x>.<y>", "<int:x>.json", "<x>.json", "ver<int:x>", "<x>-<y>",
                                          "v<int:x>", "<int:x>", "<float:x>", "<x>", "<uuid:x>", "<any(q,r):x>",
                                          "<path:x>"});
}

TEST_CASE("equal parts share one transition; converter arguments outside the regex do not count", "[order]") {
  StateMachine machine = build_state_machine(routes({"/a/<int(max=5):x>", "/a/<int:y>", "/a/<string(length=2):z>"}));
  const MatchState& a = machine.states[machine.states[0].statics[0].second];
  REQUIRE(a.dynamic.size() == 2);  // int(max=5) and int share; length=2 changes the regex
  CHECK(machine.states[a.dynamic[0].second].rules == std::vector<std::size_t>{0, 1});
}

TEST_CASE("match order walks the machine: static segments first, then converters by weight", "[order]") {
  // The weights of the test above, as indices of the rules that own them.
  StateMachine weighted = build_state_machine(
      routes({"/a/<x>", "/a/<int:x>", "/a/<path:x>", "/a/v<int:x>", "/a/<int:x>.json", "/a/<x>.json", "/a/<x>-<y>",
              "/a/ver<int:x>", "/a/<float:x>", "/a/<uuid:x>", "/a/<any(q,r):x>", "/a/v<int:x>.<y>"}));
  CHECK(match_order(weighted) == std::vector<std::size_t>{11, 4, 5, 7, 6, 3, 1, 8, 0, 9, 10, 2});

  // `/user/me` before `/user/<name>` registered ahead of it; a state's own
  // rules before its children; static siblings in the order first seen.
  StateMachine mixed = build_state_machine(routes({"/user/<name>", "/user/me", "/", "/user/", "/user/me/posts"}));
  CHECK(match_order(mixed) == std::vector<std::size_t>{1, 4, 3, 0, 2});
  CHECK(match_order(build_state_machine({})).empty());
}

}  // namespace
}  // namespace retortc

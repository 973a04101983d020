// retort::Store, the per-request `g`: typed values by name.
#include <catch2/catch.hpp>
#include <retort/store.hpp>

#include <string>

TEST_CASE("the store keeps typed values by name and says what is wrong", "[store]") {
  retort::Store g;
  int& count = g.set("count", 1);
  g.set("user", std::string("ada"));
  for (int i = 0; i < 100; ++i) g.set("filler" + std::to_string(i), i);
  count += 1;  // references stay valid while values are added
  CHECK(g.get<int>("count") == 2);
  CHECK(g.get<std::string>("user") == "ada");
  CHECK(g.find<int>("user") == nullptr);  // another type
  CHECK(g.find<int>("nobody") == nullptr);
  CHECK_THROWS_WITH(g.get<int>("nobody"), "g['nobody'] is not set");
  CHECK_THROWS_WITH(g.get<int>("user"),
                    "g['user'] holds a std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >, "
                    "not a int");
  g.set("user", 7);  // replaced, with another type
  CHECK(g.get<int>("user") == 7);
  g.erase("user");
  CHECK_FALSE(g.contains("user"));
  CHECK(g.contains("count"));
}

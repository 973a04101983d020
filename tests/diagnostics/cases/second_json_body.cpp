// Two class-type parameters: each would be the JSON body, and a request
// has one.
#include <string>

#include <nlohmann/json.hpp>
#include <retort/route.hpp>

struct Item {
  std::string name;
};
struct Owner {
  std::string name;
};

RETORT_POST("/items")
std::string create(Item item, Owner owner);

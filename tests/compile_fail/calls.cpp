// url_for mistakes that must not compile. check.sh compiles this file once
// as is (every call valid: it must compile) and once per case, with the
// case's macro defined (it must fail, with the diagnostic check.sh expects).
#include <string>

#include "test_routes.hpp"

std::string valid_calls() {
  return url_for::user_by_id(42) + url_for::lang("de") + url_for::pages() + url_for::pages(2) +
         url_for::team::members::member("ada", 3, {.anchor = "top"});
}

#ifdef WRONG_TYPE
std::string wrong_type() { return url_for::user_by_id("42"); }
#endif
#ifdef MISSING_ARGUMENT
std::string missing_argument() { return url_for::team::members::member("ada"); }
#endif
#ifdef EXTRA_ARGUMENT
std::string extra_argument() { return url_for::user_by_id(42, 43); }
#endif
#ifdef UNKNOWN_ENDPOINT
std::string unknown_endpoint() { return url_for::user_by_email("ada@example.com"); }
#endif
#ifdef NOT_AN_ANY_ITEM
std::string not_an_any_item() { return url_for::lang("fr"); }
#endif

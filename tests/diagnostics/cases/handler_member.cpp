// The generated table calls free functions; a member function has no object.
#include <string>

#include <retort/route.hpp>

struct Views {
  RETORT_GET("/member")
  std::string member();
};

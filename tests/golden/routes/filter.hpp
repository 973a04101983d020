// A handler's own type: the generated table includes this header to name it.
#pragma once

#include <string>

struct Filter {
  std::string name;
};

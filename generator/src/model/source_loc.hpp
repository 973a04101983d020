// SourceLoc: a position in a user's source file, independent of Clang.
//
// Lines and columns are 1-based byte positions, as Clang prints them; every
// stage after scan sees only these, so stages can be tested without an AST.
#pragma once

#include <string>

namespace retortc {

struct SourceLoc {
  std::string file;  // as given on the command line (made relative on output)
  unsigned line = 0;
  unsigned column = 0;

  bool valid() const { return line != 0; }
};

}  // namespace retortc

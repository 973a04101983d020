// render_outputs: RouteTable -> the text of every file retortc writes.
#pragma once

#include <string>
#include <vector>

#include "model/route_table.hpp"

namespace retortc {

struct OutputFile {
  std::string name;  // file name only: `hello_routes.hpp`
  std::string content;
};

enum class OutputSet { all, manifest_only };

// In the order retort_add_routes lists them as OUTPUT (hpp, cpp, json): the
// depfile names them in this order, and Ninja checks the first.
std::vector<OutputFile> render_outputs(const RouteTable& table, std::string_view version, OutputSet set);

}  // namespace retortc

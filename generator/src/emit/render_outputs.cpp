#include "emit/render_outputs.hpp"

#include "emit/emit_context.hpp"
#include "emit/names.hpp"
#include "emit/renderer.hpp"
#include "emit/templates.hpp"
#include "model/manifest_json.hpp"

namespace retortc {

std::vector<OutputFile> render_outputs(const RouteTable& table, std::string_view version, OutputSet set) {
  std::vector<OutputFile> files;
  std::string manifest = manifest_to_json(table, version).dump(2) + "\n";
  if (set == OutputSet::all) {
    kainjow::mustache::data context = make_emit_context(table, version, manifest);  // the .cpp embeds it
    files.push_back({header_file_name(table.name), render(embedded_template("routes.hpp.mustache"), context)});
    files.push_back({source_file_name(table.name), render(embedded_template("routes.cpp.mustache"), context)});
  }
  files.push_back({manifest_file_name(table.name), std::move(manifest)});
  return files;
}

}  // namespace retortc

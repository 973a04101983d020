#include "emit/render_outputs.hpp"

#include "emit/emit_context.hpp"
#include "emit/names.hpp"
#include "emit/renderer.hpp"
#include "emit/templates.hpp"
#include "model/manifest_json.hpp"

namespace retortc {

std::vector<OutputFile> render_outputs(const RouteTable& table, std::string_view version, OutputSet set) {
  std::vector<OutputFile> files;
  const nlohmann::json manifest = manifest_to_json(table, version);
  if (set == OutputSet::all) {
    // The .cpp embeds the manifest with a line per value but no indentation:
    // a third smaller than the file's, and its lines still short.
    kainjow::mustache::data context = make_emit_context(table, version, manifest.dump(0));
    files.push_back({header_file_name(table.name), render(embedded_template("routes.hpp.mustache"), context)});
    files.push_back({source_file_name(table.name), render(embedded_template("routes.cpp.mustache"), context)});
  }
  files.push_back({manifest_file_name(table.name), manifest.dump(2) + "\n"});
  return files;
}

}  // namespace retortc

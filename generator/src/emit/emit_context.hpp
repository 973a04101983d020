// emit_context: RouteTable -> the data the Mustache templates render.
//
// All decisions about generated code (conditions, argument lists, names)
// are made here, so the templates stay free of logic and the data can be
// tested key by key (a missing key renders as nothing in kainjow).
#pragma once

#include <kainjow/mustache.hpp>

#include "model/route_table.hpp"

namespace retortc {

// `manifest`: the manifest's JSON text, which the table embeds.
kainjow::mustache::data make_emit_context(const RouteTable& table, std::string_view version,
                                          std::string_view manifest);

}  // namespace retortc

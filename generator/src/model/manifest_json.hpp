// manifest_json: RouteTable <-> routes.json (schemas/routes.schema.json).
//
// The manifest is what tools read (`routes` listings, editors, OpenAPI), and
// the seam between check and emit: a table read back from it renders the
// same code, which is how emit is tested without Clang.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/route_table.hpp"

namespace retortc {

nlohmann::json manifest_to_json(const RouteTable& table, std::string_view version);

// Reads a manifest written by manifest_to_json; nullopt with `error` set when
// it is not one.
std::optional<RouteTable> manifest_from_json(const nlohmann::json& manifest, std::string& error);

}  // namespace retortc

#pragma once

#include <retort/app.hpp>

// A configured api app for `intent`: config.yaml's default section, then
// the intent's, then RETORT_* environment variables.
retort::App create_app(retort::Intent intent);

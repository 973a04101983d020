// api: a JSON API on retort, and its own command line (docs/cli.md):
// `api develop`, `api serve`, `api routes`, `api config --intent testing`, …
#include <retort/cli.hpp>

#include "app.hpp"

int main(int argc, char** argv) { return retort::run_cli(argc, argv, create_app); }

#!/usr/bin/env bash
# check_compilation_database.sh RETORTC RUNTIME_INCLUDE CASE_DIR WORK_DIR
#
# The other LibTooling form, `retortc -p BUILD_DIR FILE…`: flags come from
# BUILD_DIR/compile_commands.json. It must produce exactly the golden output.
set -eu
retortc=$1 include=$2 case_dir=$3 work=$4
name=$(basename "$case_dir")
rm -rf "$work" && mkdir -p "$work/db" "$work/out"
cat > "$work/db/compile_commands.json" <<JSON
[{"directory": "$case_dir",
  "file": "input.cpp",
  "arguments": ["c++", "-std=c++20", "-I$include", "-c", "input.cpp", "-o", "input.o"]}]
JSON
(cd "$case_dir" && "$retortc" -p "$work/db" --out-dir "$work/out" --name "$name" input.cpp)
for file in "$name"_routes.hpp "$name"_routes.cpp "$name"_routes.json; do
  diff -u "$case_dir/expected/$file" "$work/out/$file"
done
echo "compilation database: same output as the golden"

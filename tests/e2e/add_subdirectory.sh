#!/usr/bin/env bash
# add_subdirectory.sh RETORT_SOURCE_DIR WORK_DIR
#
# Builds examples/hello inside a project that pulls retort in with
# add_subdirectory(), as an application vendoring it would.
set -eu
source=$1 work=$2
. "$source/tests/e2e/lib.sh"

rm -rf "$work" && mkdir -p "$work"
cmake -S "$source/tests/e2e/add_subdirectory" -B "$work" -G Ninja -DRETORT_SOURCE_DIR="$source" \
  > "$work/configure.log" || { cat "$work/configure.log"; fail "configure failed"; }
build "$work" "$work/build.log"
grep -q "retortc: routes of hello" "$work/build.log" || fail "retortc did not run"
serve_and_check "$work/hello/hello"
echo "add_subdirectory: OK"

#!/usr/bin/env bash
# find_package.sh RETORT_BUILD_DIR RETORT_SOURCE_DIR WORK_DIR
#
# Installs retort, builds examples/hello as a separate project through
# find_package(retort CONFIG), proves a no-op rebuild runs nothing and an
# edited annotated source re-runs retortc, then talks to the app over HTTP.
set -eu
build=$1 source=$2 work=$3
. "$source/tests/e2e/lib.sh"

rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
cp -r "$source/examples/hello" "$work/hello-src"

cmake -S "$work/hello-src" -B "$work/hello" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" > "$work/configure.log" \
  || { cat "$work/configure.log"; fail "configure against the installed retort failed"; }
build "$work/hello" "$work/build1.log"
grep -q "retortc: routes of hello" "$work/build1.log" || fail "the first build did not run retortc"
grep -q "$work/prefix/bin/retortc" "$work/hello/build.ninja" || fail "not built with the installed retortc"

build "$work/hello" "$work/build2.log"
cat "$work/build2.log"
grep -q "no work to do" "$work/build2.log" || fail "a no-op rebuild did work"

touch "$work/hello-src/admin.cpp"
build "$work/hello" "$work/build3.log"
grep -q "retortc: routes of hello" "$work/build3.log" || fail "editing an annotated source did not re-run retortc"

serve_and_check "$work/hello/hello"
echo "find_package: OK"

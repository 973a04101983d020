#!/usr/bin/env bash
# find_package.sh RETORT_BUILD_DIR RETORT_SOURCE_DIR WORK_DIR
#
# Installs retort, builds examples/hello as a separate project through
# find_package(retort CONFIG) with Ninja and with make, proves a no-op
# rebuild runs nothing and an edited annotated source re-runs retortc, then
# talks to the app over HTTP.
set -eu
build=$1 source=$2 work=$3
. "$source/tests/e2e/lib.sh"

rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
cp -r "$source/examples/hello" "$work/hello-src"

# Both generators users have: Ninja and make.
for generator in Ninja "Unix Makefiles"; do
  dir="$work/hello-$(echo "$generator" | tr ' A-Z' '-a-z')"
  cmake -S "$work/hello-src" -B "$dir" -G "$generator" -DCMAKE_PREFIX_PATH="$work/prefix" > "$dir.configure.log" \
    || { cat "$dir.configure.log"; fail "$generator: configure against the installed retort failed"; }
  build "$dir" "$dir.build1.log"
  grep -q "retortc: routes of hello" "$dir.build1.log" || fail "$generator: the first build did not run retortc"
  grep -rq "$work/prefix/bin/retortc" "$dir/CMakeFiles" "$dir"/*.ninja 2>/dev/null \
    || fail "$generator: not built with the installed retortc"

  build "$dir" "$dir.build2.log"
  echo "$generator, second build with nothing changed:"; cat "$dir.build2.log"
  ! grep -Eq "retortc|Building|Linking" "$dir.build2.log" || fail "$generator: a no-op rebuild did work"

  # Touched, not changed: retortc runs, but its outputs keep their content
  # and timestamps, so the generated code is not recompiled.
  touch "$work/hello-src/admin.cpp"
  build "$dir" "$dir.build3.log"
  grep -q "retortc: routes of hello" "$dir.build3.log" || fail "$generator: editing a source did not re-run retortc"
  ! grep -q "hello_routes.cpp.o" "$dir.build3.log" || fail "$generator: unchanged generated code was recompiled"
  build "$dir" "$dir.build4.log"
  ! grep -Eq "retortc|Building|Linking" "$dir.build4.log" || fail "$generator: the build after an edit is not a no-op"

  # A header an annotated source includes is an input too (the depfile).
  touch "$work/prefix/include/retort/route.hpp"
  build "$dir" "$dir.build5.log"
  grep -q "retortc: routes of hello" "$dir.build5.log" || fail "$generator: editing an included header did not re-run retortc"
done
serve_and_check "$work/hello-ninja/hello"
echo "find_package: OK"

#!/usr/bin/env bash
# outputs.sh RETORTC RUNTIME_INCLUDE WORK_DIR
#
# What retortc does to files already on disk:
#   - an unchanged output is not rewritten (its timestamp stays), so the
#     build does not recompile what includes it; a changed one is;
#   - a failing run touches nothing: outputs, depfile and stamp keep their
#     bytes and timestamps;
#   - warnings alone still write; --check writes nothing; --manifest-only
#     writes only the JSON manifest.
set -u
retortc=$1 include=$2 work=$3
rm -rf "$work" && mkdir -p "$work/src" "$work/out"
cd "$work" || exit 1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

cat > src/header.hpp <<'CPP'
#pragma once
#include <string>
CPP
write_views() {  # write_views EXTRA_RULE_LINE
  cat > src/views.cpp <<CPP
#include "header.hpp"
#include <string_view>
#include <retort/route.hpp>

RETORT_GET("/")
std::string index();

RETORT_GET("/user/<int:id>")
std::string user(int id);
$1
CPP
}
run() {  # run [OPTIONS...]: retortc on src/views.cpp into out/
  "$retortc" "$@" -fno-color-diagnostics --out-dir out --name app --depfile out/app.d --stamp out/app.stamp \
    src/views.cpp -- -std=c++20 -I"$include" > last.log 2>&1
}
OLD=200001010000  # a timestamp no run can produce
age() { touch -t $OLD out/*; }
is_old() { [ "$(stat -c %Y "$1")" = "$(date -d 2000-01-01T00:00 +%s)" ]; }
snapshot() { (cd out && md5sum -- *) > "$1"; }

# 1. First run writes everything; the depfile names the source and its header.
write_views ""
run || fail "first run failed: $(cat last.log)"
for f in app_routes.hpp app_routes.cpp app_routes.json app.d app.stamp; do
  [ -s "out/$f" ] || fail "first run did not write $f"
done
grep -q "src/views.cpp" out/app.d || fail "depfile does not name views.cpp"
grep -q "src/header.hpp" out/app.d || fail "depfile does not name the included header.hpp"
[ -s last.log ] && fail "a clean run printed something: $(cat last.log)"

# 2. Same input again: outputs keep their timestamps; the stamp is touched.
age
run || fail "second run failed"
for f in app_routes.hpp app_routes.cpp app_routes.json app.d; do
  is_old "out/$f" || fail "unchanged $f was rewritten"
done
is_old out/app.stamp && fail "the stamp was not touched by a successful run"

# 3. A new route: the changed outputs are rewritten.
age
write_views $'RETORT_GET("/about")\nstd::string about();'
run || fail "run with a new route failed"
for f in app_routes.hpp app_routes.cpp app_routes.json; do
  is_old "out/$f" && fail "changed $f was not rewritten"
  grep -q about "out/$f" || fail "$f does not have the new route"
done

# 4. A mistake: exit 1, a diagnostic, and nothing on disk changes.
snapshot before.md5
age
write_views $'RETORT_GET("/about")\nstd::string about();\nRETORT_GET("/broken/<int:id")\nstd::string broken(int id);'
if run; then fail "a bad rule did not fail the run"; fi
grep -q "error: '<' is not closed by '>'" last.log || fail "no diagnostic for the bad rule: $(cat last.log)"
snapshot after.md5
cmp -s before.md5 after.md5 || fail "a failing run changed an output: $(diff before.md5 after.md5)"
for f in out/*; do is_old "$f" || fail "a failing run touched $f"; done

# 5. Warnings only: exit 0 and the outputs are written.
write_views $'RETORT_GET("/user/<name>")\nstd::string by_name(std::string_view name);\nRETORT_GET("/user/<any(me):name>")\nstd::string me(std::string_view name);'
run || fail "a run with warnings only failed: $(cat last.log)"
grep -q "warning: rule '/user/<any(me):name>' is never reached" last.log || fail "no warning: $(cat last.log)"
grep -q "by_name" out/app_routes.cpp || fail "a run with warnings only did not write its outputs"

# 6. --check writes nothing; --manifest-only writes the manifest alone.
rm -rf out && mkdir out
"$retortc" --check src/views.cpp -- -std=c++20 -I"$include" > last.log 2>&1 || fail "--check failed"
[ -z "$(ls out)" ] || fail "--check wrote $(ls out)"
"$retortc" --manifest-only --out-dir out --name app src/views.cpp -- -std=c++20 -I"$include" > last.log 2>&1 ||
  fail "--manifest-only failed"
[ "$(ls out)" = app_routes.json ] || fail "--manifest-only wrote: $(ls out | tr '\n' ' ')"

if [ $failures -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "outputs: all checks passed"

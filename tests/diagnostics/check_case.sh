#!/usr/bin/env bash
# check_case.sh RETORTC RUNTIME_INCLUDE CASE.cpp WORK_DIR [--update]
#
# Runs retortc on one case and compares what happened with CASE.expected:
# the diagnostics it printed, its exit status and the files it wrote. A
# first line `// retortc-flags: …` in the case adds options (for example
# `-fcolor-diagnostics`). --update rewrites CASE.expected instead;
# scripts/update-goldens does that for every case.
set -u
retortc=$1 include=$2 case_file=$3 work=$4 mode=${5:-check}
case_dir=$(cd "$(dirname "$case_file")" && pwd)
name=$(basename "$case_file" .cpp)
expected="$case_dir/$name.expected"
flags=$(sed -n '1s|^// retortc-flags: ||p' "$case_file")

rm -rf "$work" && mkdir -p "$work/out"
# Run from the case folder with a relative path, so diagnostics name
# `NAME.cpp` on every machine.
# shellcheck disable=SC2086  # flags are words
(cd "$case_dir" && "$retortc" $flags --out-dir "$work/out" --name "$name" "$name.cpp" -- -std=c++20 -I"$include") \
  > "$work/stdout.txt" 2> "$work/stderr.txt"
status=$?
{
  # Clang makes source paths absolute; results must not depend on the checkout.
  sed "s|$case_dir/||g" "$work/stderr.txt"
  echo "--- exit status: $status"
  echo "--- files written: $(cd "$work/out" && ls | tr '\n' ' ' | sed 's/ $//')"
} > "$work/result.txt"

if [ "$mode" = --update ]; then
  cp "$work/result.txt" "$expected"
  echo "updated $expected"
  exit 0
fi
if ! diff -u "$expected" "$work/result.txt"; then
  echo
  echo "diagnostics case '$name' differs from tests/diagnostics/cases/$name.expected (above)."
  echo "If the change is intended, run scripts/update-goldens and review the diff."
  exit 1
fi

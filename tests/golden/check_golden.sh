#!/usr/bin/env bash
# check_golden.sh RETORTC RUNTIME_INCLUDE CASE_DIR WORK_DIR [--update]
#
# Runs retortc on CASE_DIR/input.cpp and compares what it wrote (or printed,
# for a case that must fail) with CASE_DIR/expected/. --update copies the
# new results there instead; scripts/update-goldens does that for every case.
set -u
retortc=$1 include=$2 case_dir=$3 work=$4 mode=${5:-check}
name=$(basename "$case_dir")

rm -rf "$work" && mkdir -p "$work/out"
# Run from the case folder with a relative path, so diagnostics and the
# generated comments name `input.cpp` on every machine.
(cd "$case_dir" && "$retortc" --out-dir "$work/out" --name "$name" input.cpp -- -std=c++20 -I"$include") \
  > /dev/null 2> "$work/out/stderr.txt"
echo $? > "$work/out/exit_code.txt"
# Clang makes source paths absolute; goldens must not depend on the checkout.
sed -i "s|$case_dir/||g" "$work/out/stderr.txt"
# A result is also the absence of output files: a failing run writes nothing.
(cd "$work/out" && ls) > "$work/files.txt"

if [ "$mode" = --update ]; then
  rm -rf "$case_dir/expected" && cp -r "$work/out" "$case_dir/expected"
  echo "updated $case_dir/expected"
  exit 0
fi

status=0
if ! diff -u "$case_dir/expected" "$work/out" > "$work/diff.txt"; then
  cat "$work/diff.txt"
  echo
  echo "golden case '$name' differs from tests/golden/$name/expected (above)."
  echo "If the change is intended, run scripts/update-goldens and review the diff."
  status=1
fi
exit $status

#!/usr/bin/env bash
# Compile-fail tests for url_for: calls.cpp must compile as it is, and each
# mistake in it (enabled by a macro) must fail to compile with a diagnostic
# that shows the parameter or the name involved.
# Usage: check.sh COMPILER INCLUDE_DIR...
set -u
export LC_ALL=C  # plain quotes in GCC's messages
compiler=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
flags=(-std=c++20 -fsyntax-only -Wall -Wextra)
for dir in "$@"; do flags+=("-I$dir"); done

failures=0
if ! output=$("$compiler" "${flags[@]}" "$here/calls.cpp" 2>&1); then
  echo "FAIL: the valid calls do not compile:"
  echo "$output"
  failures=$((failures + 1))
fi

# case name | what the diagnostic must show (an extended regex)
cases=(
  "WRONG_TYPE|user_by_id\(int id"
  "MISSING_ARGUMENT|member\(std::string_view name, long long id"
  "EXTRA_ARGUMENT|retort::UrlOptions& retort_options"
  "UNKNOWN_ENDPOINT|user_by_email'? (is not a member of|in namespace) .?url_for"
  "NOT_AN_ANY_ITEM|value_is_not_one_of_the_rules_any_items"
)
for entry in "${cases[@]}"; do
  name=${entry%%|*}
  expected=${entry#*|}
  if output=$("$compiler" "${flags[@]}" "-D$name" "$here/calls.cpp" 2>&1); then
    echo "FAIL: $name compiled"
    failures=$((failures + 1))
  elif ! grep -Eq "$expected" <<<"$output"; then
    echo "FAIL: $name failed without showing /$expected/:"
    echo "$output"
    failures=$((failures + 1))
  else
    echo "ok: $name does not compile"
  fi
done
exit $((failures > 0))

#!/bin/sh
# Runs the doctest binary given as arguments, streams its output, and ends
# with one plain summary line ("tests: N passed, N failed") for CI.
set -u
log=$(mktemp)
status_file=$(mktemp)
trap 'rm -f "$log" "$status_file"' EXIT
{ "$@"; echo $? > "$status_file"; } 2>&1 | tee "$log"
status=$(cat "$status_file")
summary=$(grep '^\[doctest\] test cases:' "$log" | tail -n 1)
passed=$(echo "$summary" | sed -n 's/.*| *\([0-9]*\) passed.*/\1/p')
failed=$(echo "$summary" | sed -n 's/.*| *\([0-9]*\) failed.*/\1/p')
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
if [ -z "$passed" ] || [ "$passed" -eq 0 ]; then
  echo "tests: no test ran" >&2
  exit 1
fi
exit "$status"

#!/bin/bash
# Runs doctest binaries and ends with one plain summary line for CI:
#   tests: N passed, N failed
# (test cases, added up over every binary and shard).
#
#   bash tests/run_tests.sh [-j JOBS] BINARY [DOCTEST_ARGS...] \
#     [--and [-j JOBS] BINARY [DOCTEST_ARGS...]]...
#
# With -j above 1, that binary's test cases are split by source file into
# shards that run JOBS at a time, longest first (the times of the last run
# are kept in BINARY.times; before a first run, tests/shard_times says); each
# shard's output is printed whole when it ends. A shard that dies without doctest's summary counts as one failure.
# Sanitizer reports written through ASAN_OPTIONS/UBSAN_OPTIONS/TSAN_OPTIONS
# log_path=DIR/... are printed at the end and fail the run (REPORT_DIR=DIR);
# a log without an error or warning (LeakSanitizer's table of suppressions
# used) is not a report.
# Fails when no test ran.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
total_passed=0
total_failed=0
crashed=0

# Adds the "[doctest] test cases:" line of log $1 to the totals; a log
# without one (the binary died) counts as one failure.
count() {
  local summary passed failed
  summary=$(grep '^\[doctest\] test cases:' "$1" | tail -n 1)
  passed=$(echo "$summary" | sed -n 's/.*| *\([0-9]*\) passed.*/\1/p')
  failed=$(echo "$summary" | sed -n 's/.*| *\([0-9]*\) failed.*/\1/p')
  if [ -z "$passed" ]; then
    echo "tests: $2 ended without a doctest summary (crashed?)" >&2
    crashed=$((crashed + 1))
    failed=1
  fi
  total_passed=$((total_passed + ${passed:-0}))
  total_failed=$((total_failed + ${failed:-0}))
}

# The source files of the test cases that BINARY ARGS... would run, the
# ones that took longest last time first.
shard_files() {
  local bin=$1 times=$1.times
  shift
  [ -s "$times" ] || times=$(dirname "$0")/shard_times
  "$bin" "$@" --list-test-cases --reporters=xml 2>/dev/null |
    sed -n 's/.*<TestCase [^>]*filename="\([^"]*\)".*/\1/p' | sort -u |
    while read -r f; do
      t=$(awk -v f="$f" '$2 == f {print $1}' "$times" 2>/dev/null)
      echo "${t:-999} $f"
    done | sort -rn | awk '{print $2}'
}

# Runs shard $1 (source file $2) of BINARY ARGS...; writes its log, and its
# wall time to the times file.
run_shard() {
  local n=$1 file=$2 bin=$3 start end
  shift 3
  start=$(date +%s.%N)
  "$bin" "$@" -sf="$file" > "$tmp/$n.log" 2>&1
  echo $? > "$tmp/$n.rc"
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | awk '{printf "%.1f", $1 - $3}') $file" \
    > "$tmp/$n.time"
  echo "tests: shard $file done ($(cut -d' ' -f1 "$tmp/$n.time") s)"
}

status=0
shard=0
# Runs one binary with its arguments, whole or in shards.
run_binary() {
  local jobs=1 bin first files f rc
  if [ "$1" = -j ]; then
    jobs=$2
    shift 2
  fi
  bin=$1
  shift
  if [ "$jobs" -le 1 ]; then
    shard=$((shard + 1))
    { "$bin" "$@"; echo $? > "$tmp/$shard.rc"; } 2>&1 | tee "$tmp/$shard.log"
    rc=$(cat "$tmp/$shard.rc")
    [ "$rc" -ne 0 ] && status=$rc
    count "$tmp/$shard.log" "$bin"
    return
  fi
  first=$((shard + 1))
  files=$(shard_files "$bin" "$@")
  for f in $files; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
    shard=$((shard + 1))
    run_shard "$shard" "$f" "$bin" "$@" &
  done
  wait
  : > "$tmp/times"
  for n in $(seq "$first" "$shard"); do
    cat "$tmp/$n.log"
    rc=$(cat "$tmp/$n.rc")
    [ "$rc" -ne 0 ] && status=$rc
    count "$tmp/$n.log" "$bin $(cut -d' ' -f2 "$tmp/$n.time")"
    cat "$tmp/$n.time" >> "$tmp/times"
  done
  [ -s "$tmp/times" ] && cp "$tmp/times" "$bin.times"
}

args=()
for a in "$@" --and; do
  if [ "$a" = --and ]; then
    [ "${#args[@]}" -gt 0 ] && run_binary "${args[@]}"
    args=()
  else
    args+=("$a")
  fi
done

# Sanitizer logs that report something (LeakSanitizer also writes one with
# only its table of suppressions used, which is no finding).
reports=""
if [ -n "${REPORT_DIR:-}" ]; then
  reports=$(grep -l -E 'ERROR: |WARNING: |runtime error' "$REPORT_DIR"/* 2>/dev/null)
fi
if [ -n "$reports" ]; then
  for r in $reports; do
    echo "=== sanitizer report $r"
    cat "$r"
  done
  echo "tests: $(echo "$reports" | wc -l) sanitizer report(s) in $REPORT_DIR" >&2
  [ "$status" -eq 0 ] && status=1
fi
echo "tests: $total_passed passed, $total_failed failed"
if [ "$total_passed" -eq 0 ]; then
  echo "tests: no test ran" >&2
  exit 1
fi
[ "$crashed" -gt 0 ] && [ "$status" -eq 0 ] && status=1
exit "$status"

#!/bin/sh
# pushguard benchmark: `make bench` runs it. Every figure is a median over
# repetitions, printed beside baselines measured in the same run:
#   floor     git cat-file --batch reading the same blobs (cost of reading)
#   diff      git log -p -U0 over the same history (what diff-based scanners pay)
#
#   sh bench/run.sh PUSHGUARD GEN_HISTORY [--commits N] [--bytes B] [--reps R]
#                   [--repo /path/to/bare.git] [--dir WORKDIR]
#                   [--history /path/to/git.git [--range OLD..NEW]]
#                   [--log-records N] [--log-only]
#
# Generated repositories are cached in WORKDIR (default build/bench) by size.
# --history measures a real history (default range v2.47.0..v2.48.0, for a
# clone of git/git): the scan of the range against both baselines, and the
# hook on the real push of NEW to a server holding OLD, each also with every
# rule disabled (what reading and walking alone cost), and adversarial
# inputs (bench/adversarial.sh).
# The audit log section (after the others, or alone with --log-only:
# `make bench BENCH_ARGS=--log-only`) times `pushguard log` on a generated
# log of N records (default 1,000,000, about 950 MB; bench/gen_audit_log.sh)
# against reading the file (cat) and the jq pipeline
#   jq -r 'select(.verdict=="reject") | .findings[]?.rule' | sort | uniq -c
set -eu

here=$(cd "$(dirname "$0")" && pwd)
pushguard=$1
gen=$2
shift 2
commits=20000
bytes=1073741824
reps=3
real_repo=""
history=""
range=v2.47.0..v2.48.0
dir=build/bench
log_records=1000000
log_only=""
while [ $# -gt 0 ]; do
  case $1 in
    --commits) commits=$2; shift 2 ;;
    --bytes) bytes=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --repo) real_repo=$2; shift 2 ;;
    --history) history=$2; shift 2 ;;
    --range) range=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --log-records) log_records=$2; shift 2 ;;
    --log-only) log_only=1; shift ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
export PUSHGUARD_SYSTEM_CONFIG_DIR="$dir/etc-empty"
mkdir -p "$PUSHGUARD_SYSTEM_CONFIG_DIR"
export GIT_CONFIG_NOSYSTEM=1 HOME="$dir/home"
export PUSHGUARD_AUDIT_FILE="$dir/audit.jsonl"
mkdir -p "$HOME"
unset PUSHGUARD_CONFIG
results="$dir/results.txt"
: > "$results"

log() { printf '%s\n' "$*" >&2; }

# median of the numbers on stdin
median() { sort -n | awk '{v[NR]=$1} END{print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# time_ms CMD...: runs CMD (output discarded), prints wall milliseconds and
# peak RSS in KiB as "ms kib".
time_ms() {
  /usr/bin/time -f '%e %M' -o "$dir/time.out" "$@" >/dev/null 2>&1 || true
  # The last line: a command that exits non-zero gets a line before it.
  tail -n 1 "$dir/time.out" | awk '{printf "%d %d\n", $1*1000, $2}'
}

# measure NAME CMD...: runs CMD $reps times, records median ms and max RSS.
measure() {
  name=$1; shift
  : > "$dir/samples"
  i=0
  while [ $i -lt "$reps" ]; do
    time_ms "$@" >> "$dir/samples"
    i=$((i + 1))
  done
  ms=$(cut -d' ' -f1 "$dir/samples" | median)
  rss=$(cut -d' ' -f2 "$dir/samples" | sort -n | tail -n 1)
  echo "$name $ms $rss" >> "$results"
  log "  $name: ${ms} ms (peak ${rss} KiB)"
}

value() { awk -v n="$1" '$1==n{print $2}' "$results"; }
rss() { awk -v n="$1" '$1==n{print $3}' "$results"; }
ratio() { awk -v a="$(value "$1")" -v b="$(value "$2")" 'BEGIN{ if (b>0) printf "%.2f", a/b; else print "n/a" }'; }

# generate NAME COMMITS BYTES [WIDE]: a bare repository with main (COMMITS
# commits; WIDE extra files in its tree) and next (100 more commits on top of
# main, the push under test). NAME carries the generator version: v2 dates
# the pushed commits after main.
generate() {
  repo="$dir/$1.git"
  if [ -f "$repo/bench-complete" ]; then echo "$repo"; return; fi
  rm -rf "$repo"
  git init -q --bare "$repo"
  log "generating $1: $2 commits, $3 bytes of blobs"
  "$gen" --commits "$2" --bytes "$3" --seed 1 --wide "${4:-0}" |
    git -C "$repo" fast-import --quiet
  next_bytes=$(( $3 / $2 * 100 ))
  "$gen" --commits 100 --bytes "$next_bytes" --seed 2 --branch refs/heads/next \
    --from refs/heads/main --secrets 0 | git -C "$repo" fast-import --quiet
  touch "$repo/bench-complete"
  echo "$repo"
}

# server_for SOURCE NAME [REFS]: a bare server holding SOURCE's main only
# (transferred with the pack protocol, so next's objects are not there), with
# REFS extra branches if given.
server_for() {
  server="${1%.git}-$2-server.git"
  if [ -f "$server/bench-complete" ]; then echo "$server"; return; fi
  rm -rf "$server"
  git init -q --bare "$server"
  git -C "$1" push -q "$server" main:refs/heads/main >/dev/null 2>&1
  if [ "${3:-0}" -gt 0 ]; then
    git -C "$server" rev-list main > "$dir/commits.list"
    awk -v n="$3" '{c[NR]=$1} END{for (i = 1; i <= n; i++)
      printf "create refs/heads/bench/b%d %s\n", i, c[(i-1)%NR+1]}' \
      "$dir/commits.list" | git -C "$server" update-ref --stdin
  fi
  touch "$server/bench-complete"
  echo "$server"
}

# install_timed_hook SERVER [ARG...]: a hook that runs pushguard
# pre-receive ARG... and records its own wall time and peak RSS.
install_timed_hook() {
  server=$1
  shift
  cat > "$server/hooks/pre-receive" <<EOF
#!/bin/sh
/usr/bin/time -f '%e %M' -a -o "$dir/hook-times" "$pushguard" pre-receive $*
EOF
  chmod +x "$server/hooks/pre-receive"
}

# measure_push NAME SOURCE SERVER: push time with and without the hook, the
# hook's own time, and the floor for the hook: git cat-file --batch reading
# the blobs the push brings.
measure_push() {
  git -C "$2" rev-list --objects main..next | cut -d' ' -f1 |
    git -C "$2" cat-file --batch-check='%(objecttype) %(objectname)' |
    awk '$1=="blob"{print $2}' > "$dir/$1-push.blobs"
  measure "$1-push-catfile" sh -c "git -C '$2' cat-file --batch < '$dir/$1-push.blobs'"
  : > "$dir/hook-times"
  rm -f "$3/hooks/pre-receive"
  measure "$1-push-nohook" sh "$here/push_once.sh" "$2" "$3" "$dir/marker"
  install_timed_hook "$3"
  measure "$1-push-hook" sh "$here/push_once.sh" "$2" "$3" "$dir/marker"
  rm -f "$3/hooks/pre-receive"
  record_hook "$1-hook"
}

# record_hook NAME: the median and peak RSS of the hook runs timed so far.
record_hook() {
  ms=$(awk '{print $1*1000}' "$dir/hook-times" | median)
  kib=$(awk '{print $2}' "$dir/hook-times" | sort -n | tail -n 1)
  echo "$1 $ms $kib" >> "$results"
  log "  $1: ${ms} ms (peak ${kib} KiB)"
}

# A policy layer that disables every rule of the default pack: pushguard
# then reads, walks and checks everything but matches nothing, which
# measures what the matching costs and what it does not.
norules_layer() {
  mkdir -p "$dir/etc-norules"
  {
    echo "rules:"
    sed -n 's/^  - id: \(.*\)$/\1/p' policies/secrets/*.yaml | sort -u |
      awk '{printf "  - id: %s\n    enabled: false\n", $1}'
  } > "$dir/etc-norules/norules.yaml"
  echo "$dir/etc-norules"
}

# measure_hook_norules NAME SOURCE SERVER: the hook alone on the same push
# with every rule disabled.
measure_hook_norules() {
  : > "$dir/hook-times"
  install_timed_hook "$3" --config "$(norules_layer)/norules.yaml"
  i=0
  while [ $i -lt "$reps" ]; do
    sh "$here/push_once.sh" "$2" "$3" "$dir/marker"
    i=$((i + 1))
  done
  rm -f "$3/hooks/pre-receive"
  record_hook "$1-hook-norules"
}

# measure_scan NAME REPO REVS: the full scan against both baselines.
measure_scan() {
  repo=$2
  revs=$3
  git -C "$repo" rev-list --objects $revs | cut -d' ' -f1 |
    git -C "$repo" cat-file --batch-check='%(objecttype) %(objectname)' |
    awk '$1=="blob"{print $2}' > "$dir/$1.blobs"
  measure "$1-catfile" sh -c "git -C '$repo' cat-file --batch < '$dir/$1.blobs'"
  measure "$1-logp" git -C "$repo" log -p -U0 $revs
  measure "$1-scan" "$pushguard" scan --repo "$repo" --format json $revs
  # Twice the rules: every rule file again, each rule under another id.
  mkdir -p "$dir/double"
  rm -f "$dir/double"/*.yaml
  copies=""
  for f in policies/secrets/*.yaml; do
    sed 's/^\(  - id: \)\(.*\)$/\1\2-copy/' "$f" > "$dir/double/$(basename "$f")"
    copies="$copies --config $dir/double/$(basename "$f")"
  done
  # shellcheck disable=SC2086
  measure "$1-scan2x" "$pushguard" scan --repo "$repo" --format json \
    $copies $revs
}

# history_source REPO OLD NEW: a bare repository borrowing REPO's objects
# (alternates) with main at OLD and next at NEW, to push from.
history_source() {
  src="$dir/history-source.git"
  rm -rf "$src"
  git init -q --bare "$src"
  echo "$(cd "$1" && pwd)/objects" > "$src/objects/info/alternates"
  git -C "$src" update-ref refs/heads/main "$(git -C "$1" rev-parse "$2^{commit}")"
  git -C "$src" update-ref refs/heads/next "$(git -C "$1" rev-parse "$3^{commit}")"
  echo "$src"
}

if [ -n "$history" ]; then
  old=${range%%..*}
  new=${range##*..}
  log "real history: $history, $range"
  measure_scan history "$history" "$range"
  measure history-scan-norules "$pushguard" scan --repo "$history" \
    --format json --config "$(norules_layer)/norules.yaml" $range
  src=$(history_source "$history" "$old" "$new")
  measure_push history "$src" "$(server_for "$src" "history-$old")"
  measure_hook_norules history "$src" "$(server_for "$src" "history-$old")"
  log "adversarial inputs"
  sh "$here/adversarial.sh" "$pushguard" "$dir" "$reps" > "$dir/adversarial.md"
  echo
  echo "pushguard on a real history: $range, $reps repetitions (medians), $(nproc) cores"
  echo
  echo "| measurement | median | ratio (target) |"
  echo "|---|---|---|"
  echo "| scan of the range | $(value history-scan) ms | $(ratio history-scan history-catfile)x the cat-file floor (<= 1.0) |"
  echo "| git cat-file --batch of its new blobs (floor) | $(value history-catfile) ms | |"
  echo "| git log -p -U0 of the range | $(value history-logp) ms | pushguard is $(ratio history-logp history-scan)x faster (>= 1.5) |"
  echo "| scan, twice the rules | $(value history-scan2x) ms | $(ratio history-scan2x history-scan)x |"
  echo "| scan, every rule disabled (reading and walking only) | $(value history-scan-norules) ms | $(ratio history-scan-norules history-catfile)x the floor; the scan is $(ratio history-scan history-scan-norules)x this |"
  echo "| peak RSS, scan | $(rss history-scan) KiB | |"
  echo "| push of $new to a server at $old, no hook | $(value history-push-nohook) ms | |"
  echo "| the same push, with the hook | $(value history-push-hook) ms | $(ratio history-push-hook history-push-nohook)x |"
  echo "| hook alone | $(value history-hook) ms | $(ratio history-hook history-push-catfile)x the floor of the pushed blobs (<= 2.0) |"
  echo "| hook alone, every rule disabled | $(value history-hook-norules) ms | $(ratio history-hook-norules history-push-catfile)x that floor; the hook is $(ratio history-hook history-hook-norules)x this |"
  echo "| git cat-file --batch of the pushed blobs | $(value history-push-catfile) ms | |"
  echo
  cat "$dir/adversarial.md"
  exit 0
fi

# The audit log: pushguard log over a generated, time-ordered log.
measure_log() {
  logfile="$dir/audit-$log_records.jsonl"
  if [ ! -f "$logfile.complete" ]; then
    log "generating an audit log of $log_records records"
    sh "$here/gen_audit_log.sh" "$log_records" > "$logfile"
    touch "$logfile.complete"
  fi
  # The record at 99 %: --since its time reads the last 1 %.
  at=$(( log_records - log_records / 100 + 1 ))
  since=$(sed -n "${at}{s/.*\"time\":\"\([^\"]*\)\".*/\1/p;q}" "$logfile")
  log "measuring pushguard log on $(wc -c < "$logfile") bytes (--since $since)"
  cat "$logfile" > /dev/null  # into the page cache, for every contender
  pg="$pushguard log --file $logfile --no-rotated"
  measure log-cat cat "$logfile"
  if command -v jq > /dev/null; then
    measure log-jq sh -c "jq -r 'select(.verdict==\"reject\") | .findings[]?.rule' \
      '$logfile' | sort | uniq -c"
  else
    log "  jq is missing (packaging/install-test-deps.sh installs it): no baseline"
  fi
  # shellcheck disable=SC2086
  {
    measure log-stats $pg --stats
    measure log-stats-json $pg --stats --format json
    measure log-filter $pg --verdict reject --repo 'platform-group-7/*' --format json
    measure log-rule $pg --rule 'aws-*' --user 'developer1*' --format csv
    measure log-since $pg --since "$since" --format json
    measure log-since-stats $pg --since "$since" --stats
    measure log-html $pg --format html
  }
}

print_log_results() {
  cat <<EOF

pushguard log: $log_records records ($(wc -c < "$logfile") bytes), $reps repetitions (medians), $(nproc) cores

| measurement | median | peak RSS | ratio (target) |
|---|---|---|---|
| cat (reading the file) | $(value log-cat) ms | $(rss log-cat) KiB | |
| jq pipeline (rules of rejections) | $(value log-jq) ms | $(rss log-jq) KiB | |
| log --stats | $(value log-stats) ms | $(rss log-stats) KiB | $(ratio log-jq log-stats)x faster than jq (>= 5); $(ratio log-stats log-cat)x cat; RSS <= 65536 KiB |
| log --stats --format json | $(value log-stats-json) ms | $(rss log-stats-json) KiB | |
| log --verdict reject --repo GLOB (json) | $(value log-filter) ms | $(rss log-filter) KiB | $(ratio log-filter log-cat)x cat |
| log --rule GLOB --user GLOB (csv) | $(value log-rule) ms | $(rss log-rule) KiB | $(ratio log-rule log-cat)x cat |
| log --since (last 1 %, json) | $(value log-since) ms | $(rss log-since) KiB | $(ratio log-since log-stats)x full --stats (<= 0.05) |
| log --since (last 1 %) --stats | $(value log-since-stats) ms | $(rss log-since-stats) KiB | $(ratio log-since-stats log-stats)x full --stats (<= 0.05) |
| log --format html | $(value log-html) ms | $(rss log-html) KiB | |
EOF
}

if [ -n "$log_only" ]; then
  measure_log
  print_log_results
  exit 0
fi

if [ -n "$real_repo" ]; then
  log "real repository: $real_repo"
  base=$(git -C "$real_repo" rev-list --first-parent -n 101 HEAD | tail -n 1)
  measure_scan real "$real_repo" --all
  echo
  echo "| measurement | median | ratio |"
  echo "|---|---|---|"
  echo "| full scan (pushguard) | $(value real-scan) ms | $(ratio real-scan real-catfile)x cat-file floor, $(ratio real-logp real-scan)x faster than git log -p |"
  echo "| full scan, 2x rules | $(value real-scan2x) ms | $(ratio real-scan2x real-scan)x the normal rule set |"
  echo "| peak RSS, full scan | $(rss real-scan) KiB | |"
  echo "(last 100 first-parent commits start at $base)"
  exit 0
fi

big=$(generate "big-v2-$commits-$bytes" "$commits" "$bytes")
small=$(generate "small-v2-$(( bytes / commits ))" 1000 $(( bytes / commits * 1000 )))
wide=$(generate "wide-v2-$(( bytes / commits ))" 1000 $(( bytes / commits * 1000 )) 20000)
log "measuring the full-history scan"
measure_scan full "$big" main
log "measuring pushes of 100 commits"
measure_push big "$big" "$(server_for "$big" big)"
measure_push small "$small" "$(server_for "$small" small)"
measure_push refs "$small" "$(server_for "$small" refs 10000)"
measure_push wide "$wide" "$(server_for "$wide" wide)"

cat <<EOF

pushguard benchmark: $commits commits, $bytes bytes of blobs, $reps repetitions (medians), $(nproc) cores

| measurement | median | ratio (target) |
|---|---|---|
| full scan, pushguard | $(value full-scan) ms | $(ratio full-scan full-catfile)x the cat-file floor (<= 1.5) |
| full scan, git cat-file --batch (floor) | $(value full-catfile) ms | |
| full scan, git log -p -U0 | $(value full-logp) ms | pushguard is $(ratio full-logp full-scan)x faster (>= 2) |
| full scan, twice the rules | $(value full-scan2x) ms | $(ratio full-scan2x full-scan)x (<= 1.2) |
| peak RSS, full scan | $(rss full-scan) KiB | (<= 262144) |
| push 100 commits, no hook | $(value big-push-nohook) ms | |
| push 100 commits, with hook | $(value big-push-hook) ms | $(ratio big-push-hook big-push-nohook)x (<= 1.10) |
| git cat-file --batch of the pushed blobs (the hook's floor) | $(value big-push-catfile) ms | hook alone is $(ratio big-hook big-push-catfile)x this |
| hook alone, $commits-commit repo | $(value big-hook) ms | $(ratio big-hook small-hook)x the 1,000-commit repo (<= 1.2) |
| hook alone, 1,000-commit repo | $(value small-hook) ms | |
| hook alone, 1,000 commits + 10,000 refs | $(value refs-hook) ms | $(ratio refs-hook small-hook)x few refs (<= 1.2) |
| push with hook, 10,000 refs | $(value refs-push-hook) ms | $(ratio refs-push-hook refs-push-nohook)x without hook |
| hook alone, 1,000 commits + 20,000 more files in the tree | $(value wide-hook) ms | $(ratio wide-hook small-hook)x the 1,000-commit repo |
| peak RSS, hook | $(rss big-hook) KiB | |

EOF
sh "$here/adversarial.sh" "$pushguard" "$dir" "$reps"
measure_log
print_log_results

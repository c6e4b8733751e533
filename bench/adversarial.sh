#!/bin/sh
# adversarial.sh PUSHGUARD DIR [REPS] [cpu|instructions]: the matcher's cost
# on inputs made to be slow, against ordinary source code of the same size
# (2 MiB each). Each shape is one commit of one file; the figure is the cost
# of `pushguard scan` of that commit less the start-up (the scan of an empty
# commit), and the ratio to the ordinary file. Prints a Markdown table.
#   cpu (default): median CPU time (user + system) of REPS runs, in ms. The
#     scan is single-threaded; CPU time does not count waiting for a busy
#     machine's cores, but its 10 ms resolution and a loaded machine's cache
#     misses still blur figures of tens of ms.
#   instructions: instructions executed, in millions, counted by valgrind
#     (callgrind) in one run (REPS ignored): the same on a busy machine as on
#     an idle one, about a minute per shape.
# ADVERSARIAL_SHAPES="ordinary findings ..." measures only those shapes
# (ordinary first: it is the denominator).
set -eu
pushguard=$1
dir=$2
reps=${3:-3}
unit=${4:-cpu}
here=$(cd "$(dirname "$0")/.." && pwd)
size=2097152
repo="$dir/adversarial.git"
work="$dir/adversarial-files"
rm -rf "$repo" "$work"
mkdir -p "$work"
git init -q --bare "$repo"

# repeat_to FILE: repeats stdin's content until FILE holds $size bytes.
repeat_to() {
  cat > "$1"
  while [ "$(wc -c < "$1")" -lt "$size" ]; do
    cat "$1" "$1" > "$1.tmp" && mv "$1.tmp" "$1"
  done
  head -c "$size" "$1" > "$1.tmp" && mv "$1.tmp" "$1"
}

# Ordinary code: pushguard's own sources.
cat "$here"/src/*/*.cc | repeat_to "$work/ordinary"
# PEM blocks that never close.
{ echo "-----BEGIN PRIVATE KEY-----"
  echo "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj"; } |
  repeat_to "$work/pem-unclosed"
# One PEM block that never closes: 2 MiB of base64 after its BEGIN.
{ echo "-----BEGIN PRIVATE KEY-----"; head -c "$size" /dev/urandom | base64 -w 0; } |
  repeat_to "$work/pem-long"
# Every keyword of the default rules, each opening an assignment that
# never gets a value.
sed -n 's/^ *keywords: *\[\(.*\)\]/\1/p' "$here"/policies/secrets/*.yaml |
  tr ',' '\n' | sed 's/^ *//; s/ *$//; s/^'"'"'//; s/'"'"'$//' | sort -u \
  > "$work/keyword-list"
awk '{printf "%s = %s_%s: \"\n", $0, $0, $0}' "$work/keyword-list" |
  repeat_to "$work/keywords"
# The same keywords, all on one 2 MiB line.
tr '\n' ' ' < "$work/keywords" > "$work/keywords-one-line"
# An unclosed quote after a secret-like name, on one line.
{ printf 'password = "'; head -c "$size" /dev/zero | tr '\0' 'a'; } |
  head -c "$size" > "$work/unclosed-quote"
# Secret-like names made of word characters and dots, chained.
printf 'a.b-c.d_e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.token.key.secret.pass ' |
  repeat_to "$work/name-chain"

# Every keyword followed by the start of a token that is too short, all on
# one line: each rule's regex gets as far as it can at every keyword.
awk '{printf "%s%s ", $0, "Q1w2E3r4T5y6U7i8O9p0"}' "$work/keyword-list" |
  repeat_to "$work/keyword-prefixes"
# Ordinary code as one line (minified).
tr '\n' ' ' < "$work/ordinary" > "$work/long-line"
# A finding on every line (random values assigned to a password).
head -c "$size" /dev/urandom | base64 -w 24 | sed 's/.*/db_password = "&"/' |
  repeat_to "$work/findings"
# The same findings on one line, each followed by an inline allow marker.
head -c "$size" /dev/urandom | base64 -w 24 |
  sed 's/.*/db_password = "&" pushguard:allow; /' | tr -d '\n' |
  repeat_to "$work/marked-line"

shapes="${ADVERSARIAL_SHAPES:-ordinary pem-unclosed pem-long keywords keywords-one-line unclosed-quote name-chain
  keyword-prefixes long-line findings marked-line}"
empty=$(git -C "$repo" -c user.name=bench -c user.email=bench@example.invalid \
  commit-tree "$(git -C "$repo" mktree < /dev/null)" -m empty)
git -C "$repo" update-ref refs/heads/empty "$empty"
for shape in $shapes; do
  blob=$(git -C "$repo" hash-object -w "$work/$shape")
  tree=$(printf '100644 blob %s\t%s.txt\n' "$blob" "$shape" | git -C "$repo" mktree)
  commit=$(echo "$shape" | git -C "$repo" -c user.name=bench -c user.email=bench@example.invalid commit-tree "$tree")
  git -C "$repo" update-ref "refs/heads/$shape" "$commit"
done

median() { sort -n | awk '{v[NR]=$1} END{print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
# cost SHAPE: one figure for scanning that commit.
cost() {
  if [ "$unit" = instructions ]; then
    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
      "$pushguard" scan --repo "$repo" --format json "$1" 2>&1 >/dev/null |
      sed -n 's/.*Collected : //p' | awk '{printf "%d\n", $1 / 1000000}'
    return
  fi
  : > "$dir/adversarial.samples"
  i=0
  while [ "$i" -lt "$reps" ]; do
    /usr/bin/time -f '%U %S' -o "$dir/adversarial.time" \
      "$pushguard" scan --repo "$repo" --format json "$1" >/dev/null 2>&1 || true
    tail -n 1 "$dir/adversarial.time" |
      awk '{printf "%d\n", ($1 + $2) * 1000}' >> "$dir/adversarial.samples"
    i=$((i + 1))
  done
  median < "$dir/adversarial.samples"
}
label="median CPU ms"
[ "$unit" = instructions ] && label="millions of instructions"
echo "| input (2 MiB) | scan less start-up, $label | / ordinary (target <= 3) |"
echo "|---|---|---|"
base=""
startup=""
for shape in empty $shapes; do
  ms=$(cost "$shape")
  if [ -z "$startup" ]; then
    startup=$ms
    echo "| (start-up: an empty commit) | $ms | |"
    continue
  fi
  ms=$(( ms > startup ? ms - startup : 0 ))
  [ -n "$base" ] || base=$ms
  echo "| $shape | $ms | $(awk -v a="$ms" -v b="$base" 'BEGIN{printf "%.2f", (b>0)?a/b:0}') |"
done

#!/bin/sh
# The README's administrator walkthrough ("Policy as a reviewed Git
# repository", steps 1-6), run as written on a fresh Debian machine: the
# commands are read from the README's code blocks (not copied here), run as
# the README says (steps 1, 2 and 6 as root on the server, in the source
# checkout; steps 3-5 as a workstation user pushing over SSH to git@server),
# and each step's documented outcome is asserted: accepted, refused with the
# message the README quotes, `pushguard log` naming the policy commit.
#
# Only for a throwaway machine: it creates the users `git` and `alice`,
# /srv/git, /etc/pushguard and /var/log/pushguard, installs openssh-server
# and starts sshd on a free local port (killed on exit). It refuses to run
# outside the fresh-check chroot (/.pushguard-base) unless
# WALKTHROUGH_FORCE=1. `FRESH_TARGETS=walkthrough sh tests/fresh_check.sh`
# runs it in a new bookworm chroot.
#
#   sh tests/admin_walkthrough.sh            (as root, in the source checkout)
#   sh tests/admin_walkthrough.sh --extract  (prints the steps it would run)
#   sh tests/admin_walkthrough.sh --check    (no root, seconds: the README
#     still has the steps and quotes this script asserts)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
readme=$src/README.md
work=${WALKTHROUGH_WORK:-/tmp/walkthrough}
section='## Policy as a reviewed Git repository'

fail() {
  echo "walkthrough: FAIL: $*" >&2
  exit 1
}

# The sh blocks of the README's section, split at their "# N. title" lines:
# prints "N<TAB>line" for every command line of step N.
extract_steps() {
  awk -v section="$section" '
    $0 == section { inside = 1; next }
    inside && /^## / { inside = 0 }
    !inside { next }
    /^```/ { code = (code ? 0 : ($0 == "```sh")); next }
    code && /^# [0-9]+\. / { step = $2 + 0; next }
    code && step { print step "\t" $0 }' "$readme"
}

# The output the README quotes after step N's block (the plain ``` block
# that follows it).
extract_output() {
  awk -v section="$section" -v want="$1" '
    $0 == section { inside = 1; next }
    inside && /^## / { inside = 0 }
    !inside { next }
    /^```sh$/ { code = 1; next }
    /^```$/ && code { code = 0; after = (step == want); next }
    /^```$/ && after { out = !out; if (!out) exit; next }
    code && /^# [0-9]+\. / { step = $2 + 0 }
    out { print }' "$readme"
}

step_commands() { extract_steps | awk -F '\t' -v n="$1" '$1 == n' | cut -f 2-; }

# The README's step titles: the script's assertions follow these six; a
# changed walkthrough fails here until the script follows it.
check_titles() {
  expected='1. Install pushguard (as root), a repository to guard, and the audit log.
2. Create the policy repository, guard it too, and name it.
3. Push a policy change (on a workstation).
4. A broken policy is refused.
5. A push judged by the new policy (in a clone of app.git).
6. Which policy judged it.'
  actual=$(awk -v section="$section" '
    $0 == section { inside = 1; next }
    inside && /^## / { inside = 0 }
    inside && /^# [0-9]+\. / { sub(/^# /, ""); print }' "$readme")
  [ "$actual" = "$expected" ] ||
    fail "the README's walkthrough steps changed; update tests/admin_walkthrough.sh:
$actual"
}

# What the run asserts besides the quoted output of step 4 is quoted in the
# README too: the walkthrough's prose and comments must still say it.
check_quotes() {
  for n in 1 2 3 4 5 6; do
    [ -n "$(step_commands "$n")" ] || fail "README: step $n has no commands"
  done
  [ -n "$(extract_output 4)" ] || fail "README: no output quoted after step 4"
  for quote in 'cannot read the policy repository' 'no ref refs/heads/main' \
    '(with a warning)' 'remote: error: [no-disk-images]' \
    'Disk images belong in the artifact store.' '"policy_commit":"<commit of step 3>"' \
    'pushguard-policy.git:refs/heads/main:10-org.yaml' 'policy repository: ... at commit' \
    'makes /var/log/pushguard' '(root:pushguard 2770, git in group pushguard)'; do
    awk -v section="$section" '$0 == section { inside = 1; next }
      inside && /^## / { exit } inside' "$readme" | tr '\n' ' ' |
      grep -qF -- "$quote" ||
      fail "README's walkthrough no longer says: $quote (update tests/admin_walkthrough.sh)"
  done
}

case "${1:-}" in
--extract)
  check_titles
  extract_steps
  echo "--- output quoted after step 4:"
  extract_output 4
  exit 0
  ;;
--check)
  check_titles
  check_quotes
  echo "walkthrough: the README's steps and quotes are the ones this script checks"
  exit 0
  ;;
esac

check_titles
check_quotes
[ "$(id -u)" -eq 0 ] || fail "run as root (it installs packages and users)"
[ -e /.pushguard-base ] || [ "${WALKTHROUGH_FORCE:-}" = 1 ] ||
  fail "not in a fresh-check chroot (/.pushguard-base); WALKTHROUGH_FORCE=1 to run anyway"
started=$(date +%s)
rm -rf "$work"
mkdir -p "$work"
chmod 755 "$work"

sshd_pid=""
cleanup() {
  status=$?
  if [ -n "$sshd_pid" ]; then kill "$sshd_pid" 2>/dev/null || true; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "walkthrough: $*"; }

# run_step N USER: step N's commands from the README, as USER (root: the
# administrator's shell on the server), in the directory USER's previous
# step left, traced (sh -ex). Output in $work/stepN.out; sets $rc.
run_step() {
  step_commands "$1" > "$work/step$1.sh"
  [ -s "$work/step$1.sh" ] || fail "step $1: no commands in the README"
  cwd=$(cat "$work/cwd.$2")
  say "step $1 as $2 in $cwd: $(sed -n "/^# $1\. /{s/^# //;p;q}" "$readme")"
  set +e
  if [ "$2" = root ]; then
    (cd "$cwd" && sh -exc "trap 'pwd > $work/cwd.$2' EXIT; . $work/step$1.sh") \
      > "$work/step$1.out" 2>&1
  else
    runuser -u "$2" -- env -i HOME="/home/$2" USER="$2" LOGNAME="$2" \
      LANG=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin \
      sh -exc "trap 'pwd > $work/cwd.$2' EXIT; cd $cwd; . $work/step$1.sh" \
      > "$work/step$1.out" 2>&1
  fi
  rc=$?
  set -e
  sed 's/^/    /' "$work/step$1.out" | tail -n 40
}

expect_ok() { [ "$rc" -eq 0 ] || fail "step $1 failed (exit $rc): $2"; }
expect_refused() { [ "$rc" -ne 0 ] || fail "step $1 was accepted: $2"; }
# expect_output N TEXT: step N printed TEXT (a fixed string).
expect_output() {
  grep -qF -- "$2" "$work/step$1.out" || fail "step $1 did not print: $2"
}
# The server's ref, read as the repositories' owner.
server_ref() {
  runuser -u git -- git --git-dir="$1" rev-parse -q --verify "$2" || true
}
# Lines compared with the README's: commit ids and trailing blanks aside.
normalize() {
  sed -e 's/[[:space:]]*$//' -e 's/commit [0-9a-f]\{7,40\}/commit <id>/g' "$@"
}

# What the walkthrough presumes of the machine: a Debian server with an SSH
# server (a fresh minbase chroot has neither adduser nor sshd), and a
# workstation user (alice, on the same machine) with a key, who reaches the
# server as git@server.
say "machine: openssh-server, adduser; workstation user alice"
if [ ! -e /usr/sbin/policy-rc.d ]; then
  # A chroot shares the host's network: the package must not start sshd.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  adduser openssh-server openssh-client > "$work/apt.log" 2>&1 ||
  { tail -n 20 "$work/apt.log"; fail "apt-get install openssh-server"; }
port=""
for p in $(seq 22220 22299); do
  hex=$(printf ':%04X ' "$p")
  if ! grep -q "$hex" /proc/net/tcp /proc/net/tcp6 2>/dev/null; then
    port=$p
    break
  fi
done
[ -n "$port" ] || fail "no free local port for sshd"
adduser --disabled-password --gecos '' alice > /dev/null
runuser -u alice -- sh -ec "cd /home/alice
  mkdir -p -m 700 /home/alice/.ssh
  ssh-keygen -q -t ed25519 -N '' -f /home/alice/.ssh/id_ed25519
  printf 'Host server\n  HostName 127.0.0.1\n  Port $port\n  StrictHostKeyChecking accept-new\n' \
    > /home/alice/.ssh/config
  git config --global user.name Alice
  git config --global user.email alice@example.com"
echo "$src" > "$work/cwd.root"
echo /home/alice > "$work/cwd.alice"
chown alice "$work/cwd.alice"

run_step 1 root
expect_ok 1 "install pushguard, a repository to guard, the audit log"
[ -x /usr/local/bin/pushguard ] || fail "step 1: no /usr/local/bin/pushguard"
[ -x /srv/git/app.git/hooks/pre-receive ] || fail "step 1: app.git has no pre-receive hook"
[ "$(stat -c '%U:%G %a' /var/log/pushguard 2>&1)" = "root:pushguard 2770" ] ||
  fail "step 1: /var/log/pushguard is not root:pushguard 2770: $(ls -ld /var/log/pushguard 2>&1)"
id -nG git | tr ' ' '\n' | grep -qx pushguard || fail "step 1: git is not in group pushguard"

run_step 2 root
expect_ok 2 "create the policy repository, guard it, name it"
[ -x /srv/git/security/pushguard-policy.git/hooks/pre-receive ] ||
  fail "step 2: the policy repository has no pre-receive hook"

# "users push to the git account with their keys in ~git/.ssh/authorized_keys"
say "alice's key in ~git/.ssh/authorized_keys; sshd on 127.0.0.1:$port"
gith=$(getent passwd git | cut -d: -f6)
install -d -o git -g git -m 700 "$gith/.ssh"
install -o git -g git -m 600 /home/alice/.ssh/id_ed25519.pub "$gith/.ssh/authorized_keys"
mkdir -p /run/sshd
/usr/sbin/sshd -o ListenAddress="127.0.0.1:$port" -o PidFile="$work/sshd.pid" \
  -E "$work/sshd.log"
for _ in 1 2 3 4 5 6 7 8 9 10; do
  [ -s "$work/sshd.pid" ] && break
  sleep 0.5
done
sshd_pid=$(cat "$work/sshd.pid" 2>/dev/null || true)
[ -n "$sshd_pid" ] || { cat "$work/sshd.log"; fail "sshd did not start"; }

# "until the policy repository has its ref, pushes to other repositories are
# refused, saying why"
say "before step 3: a push to app.git is refused until the policy exists"
set +e
runuser -u alice -- env -i HOME=/home/alice PATH=/usr/bin:/bin sh -exc '
  cd /home/alice && git clone -q git@server:/srv/git/app.git precheck && cd precheck
  git switch -q -c main
  echo hello > README && git add README && git commit -qm first && git push origin main' \
  > "$work/precheck.out" 2>&1
rc=$?
set -e
sed 's/^/    /' "$work/precheck.out" | tail -n 20
rm -rf /home/alice/precheck
[ "$rc" -ne 0 ] || fail "a push to app.git was accepted before the policy existed"
grep -qF 'cannot read the policy repository' "$work/precheck.out" ||
  fail "the refusal does not say 'cannot read the policy repository'"
grep -qF 'no ref refs/heads/main' "$work/precheck.out" ||
  fail "the refusal does not say 'no ref refs/heads/main'"
[ -z "$(server_ref /srv/git/app.git refs/heads/main)" ] || fail "app.git's main moved"

policy=/srv/git/security/pushguard-policy.git
run_step 3 alice
expect_ok 3 "the first policy push"
# "The policy repository itself accepts a push without it (with a warning)"
expect_output 3 'in the policy repository itself this push is judged without it'
commit3=$(runuser -u alice -- git -C /home/alice/pushguard-policy rev-parse HEAD)
[ "$(server_ref $policy refs/heads/main)" = "$commit3" ] ||
  fail "step 3: the server's refs/heads/main is not alice's commit $commit3"

run_step 4 alice
expect_refused 4 "a broken policy"
extract_output 4 | normalize > "$work/step4.expected"
[ -s "$work/step4.expected" ] || fail "step 4: the README quotes no output"
normalize "$work/step4.out" > "$work/step4.actual"
while IFS= read -r line; do
  grep -qxF -- "$line" "$work/step4.actual" ||
    fail "step 4's output lacks the README's line: $line"
done < "$work/step4.expected"
[ "$(server_ref $policy refs/heads/main)" = "$commit3" ] ||
  fail "step 4: the broken policy reached the server"

run_step 5 alice
expect_refused 5 "disk.iso under the no-disk-images policy"
expect_output 5 'remote: error: [no-disk-images]'
expect_output 5 'Disk images belong in the artifact store.'
[ -z "$(server_ref /srv/git/app.git refs/heads/main)" ] || fail "step 5: app.git's main moved"

run_step 6 root
expect_ok 6 "pushguard log, pushguard policy show"
expect_output 6 '"policy_commit":"'"$commit3"'"'
expect_output 6 "$policy:refs/heads/main:10-org.yaml"
expect_output 6 "policy repository: $policy refs/heads/main at commit $commit3"

say "passed: the README's walkthrough (steps 1-6) as written, in $(($(date +%s) - started)) s"

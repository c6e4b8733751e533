#!/bin/sh
# pushguard demo: a throwaway bare repository guarded by pushguard, one clean
# push (accepted) and one push carrying a fake AWS access key id (rejected).
#
#   sh tests/demo.sh /abs/path/to/pushguard
#
# Exits 0 if the first push was accepted, the second rejected, and both
# decisions were written to the audit log and read back with `pushguard log`.
# Touches nothing outside its temp dir: /etc/pushguard and the user's git
# config are not read, and the audit records go to the temp dir (named by
# the repository's own pushguard.yaml, which the installed hook reads).
set -u

pushguard=${1:?usage: sh tests/demo.sh /abs/path/to/pushguard}
case $pushguard in
/*) ;;
*) pushguard=$(pwd)/$pushguard ;;
esac
if [ ! -x "$pushguard" ]; then
  echo "demo: $pushguard is not an executable" >&2
  exit 2
fi

demo=$(mktemp -d "${TMPDIR:-/tmp}/pushguard-demo.XXXXXX") || exit 2
trap 'rm -rf "$demo"' EXIT
trap 'exit 2' HUP INT TERM

mkdir "$demo/home" "$demo/etc-pushguard"
export HOME="$demo/home"
export GIT_CONFIG_NOSYSTEM=1
export PUSHGUARD_SYSTEM_CONFIG_DIR="$demo/etc-pushguard"
unset PUSHGUARD_CONFIG PUSHGUARD_AUDIT_FILE PUSHGUARD_AUDIT_SYSLOG_SOCKET GIT_DIR GIT_WORK_TREE
export GIT_AUTHOR_NAME="Demo Developer" GIT_AUTHOR_EMAIL="dev@example.com"
export GIT_COMMITTER_NAME="Demo Developer" GIT_COMMITTER_EMAIL="dev@example.com"
git config --global init.defaultBranch main
git config --global advice.detachedHead false

step() {
  printf '\n==> %s\n' "$*"
}

# Echoes a command, then runs it.
run() {
  printf '$ %s\n' "$*"
  "$@" 2>&1
}

step "1. Create a bare repository and install pushguard as its pre-receive hook"
git init -q --bare "$demo/server.git" || exit 2
# The repository's own policy layer sends the audit records into the demo's
# directory (the default is /var/log/pushguard/audit.jsonl).
printf 'audit:\n  file: %s\n' "$demo/log/audit.jsonl" >"$demo/server.git/pushguard.yaml"
# As root, install makes that directory as the package makes
# /var/log/pushguard (root:pushguard, mode 2770); others make it themselves.
[ "$(id -u)" = 0 ] || mkdir "$demo/log" || exit 2
# --trust-env: the hook reads PUSHGUARD_SYSTEM_CONFIG_DIR above (this shell
# is the server's environment here), so /etc/pushguard is not read.
run "$pushguard" install --trust-env "$demo/server.git" || exit 2

step "2. Clone it and push a clean commit (expected: accepted)"
git clone -q "$demo/server.git" "$demo/work" 2>/dev/null || exit 2
cd "$demo/work" || exit 2
printf '# demo service\n' >README.md
git add README.md && git commit -q -m "add README" || exit 2
if run git push origin HEAD:refs/heads/main; then
  clean_accepted=yes
else
  clean_accepted=no
fi

step "3. Commit a file with a (fake, generated) AWS access key id and push it (expected: rejected)"
# AKIA + 16 characters of [A-Z2-7]: well-formed, random, never a real key.
suffix=$(LC_ALL=C tr -dc 'A-Z2-7' </dev/urandom | head -c 16)
key="AKIA$suffix"
mkdir -p config
printf '# production settings\nREGION=eu-west-1\nAWS_ACCESS_KEY_ID=%s\n' "$key" >config/prod.env
git add config/prod.env && git commit -q -m "add production config" || exit 2
if run git push origin HEAD:refs/heads/main; then
  secret_rejected=no
else
  secret_rejected=yes
fi

step "4. Read the audit log back"
run "$pushguard" log --file "$demo/log/audit.jsonl"
records=$("$pushguard" log --file "$demo/log/audit.jsonl" --format json 2>/dev/null | grep -c '"verdict":"\(accept\|reject\)"')

step "Result"
echo "clean push accepted:  $clean_accepted"
echo "secret push rejected: $secret_rejected"
echo "audit records read:   $records (expected: 2)"
echo "server main is at:    $(git --git-dir="$demo/server.git" rev-parse --short main 2>/dev/null)" \
  "(the clean commit: $(git rev-parse --short HEAD~1))"
[ "$clean_accepted" = yes ] && [ "$secret_rejected" = yes ] && [ "$records" = 2 ]

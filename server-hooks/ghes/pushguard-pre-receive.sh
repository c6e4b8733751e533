#!/bin/sh
# GitHub Enterprise Server pre-receive hook script for pushguard. GHES runs
# it inside the hook environment built by `make ghes-env`, which holds the
# static /usr/bin/pushguard and /etc/pushguard/ghes.yaml (a 4.5 s budget:
# GHES gives all hooks of a push 5 s together). The pusher comes from
# GITHUB_USER_LOGIN, the repository from GITHUB_REPO_NAME.
exec /usr/bin/pushguard pre-receive

#!/bin/sh
# push_once.sh SOURCE SERVER MARKER: pushes SOURCE's next to SERVER's main,
# then undoes it (ref back, new object files removed) so that every
# repetition pushes the same objects into the same repository.
set -u
old=$(git -C "$2" rev-parse main)
touch "$3"
sleep 0.01
git -C "$1" push -q "$2" next:refs/heads/main >/dev/null 2>&1
git -C "$2" update-ref refs/heads/main "$old"
find "$2/objects" -type f -newer "$3" -delete

#!/bin/sh
# t-alone.sh — the repository stands alone: a copy of the tree (without
# build/ and .git), placed where no ../shared exists, runs the tests that
# read the seed texts (tests/fixtures/seeds) and they pass there.
. "$(dirname "$0")/lib.sh"
require_gr
D=$WORK/alone
rm -rf "$D"
mkdir -p "$D/repo"
(cd "$ROOT" && tar --exclude=./build --exclude=./.git -cf - .) | (cd "$D/repo" && tar -xf -)
if [ -e "$D/shared" ] || [ -e "$D/repo/../shared" ]; then
    not_ok "the copy has no ../shared beside it" "$D/shared exists"
    finish
fi
ok "a copy of the tree with no ../shared beside it"
# The seed-reading tests, run by the copy's own run.sh with the program
# already built (GEREPORT), so nothing of the original tree is read.
(cd "$D/repo" && GEREPORT=$GR sh tests/run.sh t-results-text.sh t-linerules.sh) > "$D/run.log" 2>&1
rc=$?
last=$(tail -n 1 "$D/run.log")
case $last in
*" passed, 0 failed")
    if [ "$rc" -eq 0 ] && ! grep -q 'seed texts found' "$D/run.log"; then
        ok "seed-reading tests pass in the copy ($last)"
    else
        not_ok "seed-reading tests pass in the copy" "exit $rc; $last"
    fi ;;
*)  not_ok "seed-reading tests pass in the copy" "exit $rc; $last"
    grep '^not ok' "$D/run.log" | head -n 5 | sed 's/^/#   /' ;;
esac
finish

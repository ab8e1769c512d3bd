#!/bin/sh
# run.sh — the test suite (make check): every tests/t-*.sh, then every unit
# test program build/unit/* (its exit status is one test). Each test prints
# "ok - …" / "not ok - …" lines; this script counts them and ends with
# exactly one line "N passed, M failed"; exit status 1 if anything failed.
# Everything it writes goes under build/tests/ (cleared first).
#
# Usage: tests/run.sh [t-NAME.sh...]     (default: all of them)
set -u
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$TESTS_DIR/.." && pwd)
WORK=$ROOT/build/tests
cd "$ROOT" || exit 2
rm -rf "$WORK"
mkdir -p "$WORK/logs" "$WORK/tmp"
export TMPDIR="$WORK/tmp"

# What exists where a test could leave files: the working directory (the
# repository root) and the fixture folder. (Not the source folders, which
# people may be editing while the suite runs.)
snapshot() {
    { find . -maxdepth 1; find tests/fo; } 2>/dev/null | LC_ALL=C sort
}
snapshot > "$WORK/before.list"
start=$(date +%s)

passed=0 failed=0

# count LOG STATUS WHAT: add LOG's ok/not ok lines; a test that exits
# non-zero without any "not ok" line counts as one failure.
count() {
    _p=$(grep -c '^ok ' "$1")
    _f=$(grep -c '^not ok ' "$1")
    if [ "$2" -ne 0 ] && [ "$_f" -eq 0 ]; then
        echo "not ok - $3 exited with status $2"
        _f=1
    fi
    passed=$((passed + _p)) failed=$((failed + _f))
}

if [ $# -gt 0 ]; then scripts=$*; else scripts=$(ls "$TESTS_DIR"/t-*.sh); fi
for t in $scripts; do
    case $t in */*) ;; *) t=$TESTS_DIR/$t ;; esac
    name=$(basename "$t" .sh)
    echo "# $name"
    log=$WORK/logs/$name.log
    { sh "$t" 2>&1; echo $? > "$log.status"; } | tee "$log"
    count "$log" "$(cat "$log.status")" "$name"
done

# Unit test programs (built by the Makefile from tests/unit/*.c), run from
# the repository root like the tests above.
if [ $# -eq 0 ] && [ -d build/unit ]; then
    echo "# unit"
    for u in build/unit/*; do
        if [ ! -f "$u" ] || [ ! -x "$u" ]; then continue; fi
        n=$(basename "$u")
        log=$WORK/logs/unit-$n.log
        timeout 300 "$u" > "$log" 2>&1
        rc=$?
        if [ "$rc" -eq 0 ]; then
            echo "ok - unit/$n"
            passed=$((passed + 1))
        else
            echo "not ok - unit/$n exited with status $rc"
            tail -n 15 "$log" | sed 's/^/#   | /'
            failed=$((failed + 1))
        fi
    done
fi

# Nothing may appear outside build/ (checked at the top level and in tests/fo).
snapshot > "$WORK/after.list"
new=$(LC_ALL=C comm -13 "$WORK/before.list" "$WORK/after.list")
if [ -z "$new" ]; then
    echo "ok - the suite left no files outside build/"
    passed=$((passed + 1))
else
    echo "not ok - the suite left no files outside build/"
    printf '%s\n' "$new" | head -n 10 | sed 's/^/#   /'
    failed=$((failed + 1))
fi

echo "# $(($(date +%s) - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/sh
# t-sanitizers.sh — the sanitizer build (make san: clang, AddressSanitizer +
# UndefinedBehaviorSanitizer, any report fatal) on what make check can
# afford: every unit test; the sample builds (the sample agency's report,
# the sample and hard-cases FO), each exit 0 with no sanitizer report and
# the same bytes as the plain build; and the committed fuzz corpus
# (tests/fuzz/corpus: fixtures and crash reproducers) replayed through each
# libFuzzer target, so a crash once found stays fixed.
# The tests that set ulimit -v or run valgrind use the plain build only
# (ASan reserves terabytes of address space and cannot run under valgrind).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_gr
SAN=$ROOT/build/gereport-san
d=$WORK/sanitizers
rm -rf "$d"
mkdir -p "$d/tmp"
export LSAN_OPTIONS="suppressions=$TESTS_DIR/fuzz/lsan.supp"
export ASAN_OPTIONS="abort_on_error=0:detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
if [ ! -x "$SAN" ]; then
    not_ok "sanitizer build present" "$SAN missing: make san (make check builds it)"
    finish
fi

# clean LABEL LOG: no sanitizer report in LOG
clean() {
    if grep -q 'AddressSanitizer\|LeakSanitizer\|runtime error:' "$2"; then
        not_ok "$1: no sanitizer report"; grep -m 3 -A 6 'Sanitizer\|runtime error:' "$2" | sed 's/^/#   | /'
    else ok "$1: no sanitizer report"; fi
}

for u in "$ROOT"/build/san/unit/*; do
    [ -x "$u" ] || continue
    n=$(basename "$u")
    timeout 600 "$u" > "$d/unit-$n.log" 2>&1
    rc=$?
    [ "$rc" -eq 0 ] && ok "unit/$n under ASan+UBSan: exit 0" ||
        { not_ok "unit/$n under ASan+UBSan: exit 0" "exit $rc"; tail -n 8 "$d/unit-$n.log" | sed 's/^/#   | /'; }
    clean "unit/$n" "$d/unit-$n.log"
done

# same_build LABEL ARGS...: the sanitizer build and the plain one, same bytes
same_build() {
    _l=$1; shift
    timeout 600 "$SAN" "$@" -o "$d/$_l.san.pdf" > /dev/null 2> "$d/$_l.log"
    _rc=$?
    [ "$_rc" -eq 0 ] && ok "$_l under ASan+UBSan: exit 0" ||
        { not_ok "$_l under ASan+UBSan: exit 0" "exit $_rc"; show "$d/$_l.log" 8; }
    clean "$_l" "$d/$_l.log"
    run_gr "$@" -o "$d/$_l.pdf" > /dev/null 2>&1
    cmp -s "$d/$_l.pdf" "$d/$_l.san.pdf" && ok "$_l: same bytes as the plain build" ||
        not_ok "$_l: same bytes as the plain build"
}
same_build sample-report build "$ROOT/data/taipei/112/results.xml"
same_build sample render "$TESTS_DIR/fo/sample.fo"
same_build hard-cases render "$TESTS_DIR/fo/hard-cases.fo"

for f in "$ROOT"/build/fuzz/fuzz_*; do
    [ -x "$f" ] || continue
    n=${f##*/fuzz_}
    TMPDIR=$d/tmp timeout 900 "$f" -runs=0 -timeout=60 -artifact_prefix="$d/tmp/" \
        "$TESTS_DIR/fuzz/corpus/$n" > "$d/fuzz-$n.log" 2>&1
    rc=$?
    files=$(ls "$TESTS_DIR/fuzz/corpus/$n" | wc -l)
    if [ "$rc" -eq 0 ] && grep -q 'DONE' "$d/fuzz-$n.log"; then
        ok "fuzz corpus $n ($files inputs) replayed under ASan+UBSan: no crash"
    else
        not_ok "fuzz corpus $n ($files inputs) replayed under ASan+UBSan: no crash" "exit $rc"
        grep -m 3 -A 8 'ERROR\|runtime error:\|deadly signal' "$d/fuzz-$n.log" | sed 's/^/#   | /'
    fi
done
rm -rf "$d/tmp"
finish

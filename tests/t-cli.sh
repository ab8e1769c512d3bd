#!/bin/sh
# t-cli.sh — the command line: --help, render --help and --version exit 0
# and print on stdout; unknown options and verbs, and missing arguments,
# exit 2 with a message on stderr; a missing input file exits 1 with a
# message naming it; a successful render exits 0 and leaves exactly OUT.pdf
# in the output directory (no temporary file), also when it replaces one.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_gr
d=$WORK/cli
rm -rf "$d"
mkdir -p "$d/out"

# expect_run DESCRIPTION STATUS STREAM PATTERN -- ARGS...
#   STREAM is stdout or stderr: it must be non-empty and (if PATTERN is not
#   empty) contain PATTERN (a grep -E expression).
expect_run() {
    _desc=$1 _want=$2 _stream=$3 _pat=$4
    shift 5
    run_gr "$@" > "$d/stdout" 2> "$d/stderr"
    _rc=$?
    if [ "$_rc" -ne "$_want" ]; then
        not_ok "$_desc" "gereport $* exited $_rc, expected $_want"; show "$d/stderr" 5
    elif [ ! -s "$d/$_stream" ]; then
        not_ok "$_desc" "gereport $* printed nothing on $_stream"
    elif [ -n "$_pat" ] && ! grep -q -E -- "$_pat" "$d/$_stream"; then
        not_ok "$_desc" "gereport $*: $_stream lacks /$_pat/:"; show "$d/$_stream" 5
    else
        ok "$_desc"
    fi
}

expect_run "--help exits 0 and shows usage with the render verb" 0 stdout 'render' -- --help
expect_run "render --help exits 0 and shows -o" 0 stdout '-o' -- render --help
expect_run "--version exits 0 and prints a version number" 0 stdout '[0-9]+\.[0-9]+' -- --version
expect_run "unknown option exits 2 with a message" 2 stderr '' -- --no-such-option
expect_run "unknown render option exits 2 with a message" 2 stderr '' -- \
    render --no-such-option "$TESTS_DIR/fo/sample.fo" -o "$d/out/x.pdf"
expect_run "unknown verb exits 2 with a message" 2 stderr '' -- no-such-verb
expect_run "no arguments exits 2 with a message" 2 stderr '' --
expect_run "render without an input file exits 2 with a message" 2 stderr '' -- \
    render -o "$d/out/x.pdf"
expect_run "missing input file exits 1 with a message naming it" 1 stderr 'no-such-file\.fo' -- \
    render "$d/no-such-file.fo" -o "$d/out/x.pdf"
if [ -z "$(ls -A "$d/out")" ]; then
    ok "failed runs leave no output file"
else
    not_ok "failed runs leave no output file" "found: $(ls -A "$d/out")"
fi

# A good render leaves exactly the PDF; a second one replaces it.
for round in first second; do
    run_gr render "$TESTS_DIR/fo/sample.fo" -o "$d/out/sample.pdf" > "$d/stdout" 2> "$d/stderr"
    rc=$?
    left=$(ls -A "$d/out")
    if [ "$rc" -eq 0 ] && [ "$left" = sample.pdf ] && head -c 5 "$d/out/sample.pdf" | grep -q '^%PDF-'; then
        ok "render ($round run) exits 0 and leaves exactly OUT.pdf"
    else
        not_ok "render ($round run) exits 0 and leaves exactly OUT.pdf" \
            "exit $rc; output directory holds: $left"
        show "$d/stderr" 5
    fi
done
finish

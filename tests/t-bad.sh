#!/bin/sh
# t-bad.sh — bad input and unwritable output. For every tests/fo/bad/*.fo:
# the exit status it declares (1: input error), a message on stderr that
# names the file and, where the fixture says so, the line
# ("NAME.fo:LINE:") and the element/property/value at fault, and no output
# file left behind (the output directory stays empty). A fixture declares
# its expectations in a comment:   expect: exit=1 line=12 mention=font-size
# (no comment: exit 1, no line or mention required).
# external-entity.fo: a named pipe stands at the entity's path, so fetching
# it would block until the time limit: the entity must not be read.
# entity-expansion.fo runs with at most 4 GB of address space.
# Then: -o into a missing directory, under a non-directory (/dev/null/x.pdf,
# which stops root as well), and onto an existing directory: exit 2, a
# message naming the path, nothing left behind.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_gr
BAD_TIMEOUT=${BAD_TIMEOUT:-20}

# expectation KEY FILE: the value of KEY=... in the fixture's expect comment.
expectation() {
    sed -n 's/.*expect:\(.*\)/\1/p' "$2" | head -n 1 | tr ' ' '\n' |
        sed -n "s/^$1=//p" | sed 's/-->$//' | head -n 1
}
expectations_all() {   # all values of KEY (mention may repeat)
    sed -n 's/.*expect:\(.*\)/\1/p' "$2" | head -n 1 | tr ' ' '\n' |
        sed -n "s/^$1=//p" | sed 's/-->$//'
}

for fixture in "$TESTS_DIR"/fo/bad/*.fo; do
    name=$(basename "$fixture" .fo)
    dir=$WORK/bad/$name
    rm -rf "$dir"
    mkdir -p "$dir/out"
    cp "$fixture" "$dir/$name.fo"
    [ "$name" = external-entity ] && mkfifo "$dir/secret.txt"

    want_exit=$(expectation exit "$fixture"); want_exit=${want_exit:-1}
    want_line=$(expectation line "$fixture")
    mentions=$(expectations_all mention "$fixture")

    # shellcheck disable=SC3045  # ulimit -v: dash and bash have it
    (cd "$dir" && ulimit -v 4000000 2>/dev/null
     timeout "$BAD_TIMEOUT" "$GR" render "$name.fo" -o "out/$name.pdf") \
        > "$dir/stdout" 2> "$dir/stderr"
    rc=$?

    if [ "$rc" -eq "$want_exit" ]; then
        ok "bad/$name: exit status $want_exit"
    elif [ "$rc" -eq 124 ]; then
        not_ok "bad/$name: exit status $want_exit" \
            "timed out after ${BAD_TIMEOUT}s (an external entity read? a hang?)"
    else
        not_ok "bad/$name: exit status $want_exit" "got $rc"
    fi

    check_message "bad/$name" "$name" "$dir" "$want_line" "$mentions"

    left=$(ls -A "$dir/out")
    if [ -z "$left" ]; then
        ok "bad/$name: no output file left"
    else
        not_ok "bad/$name: no output file left" "found: $left"
    fi
done

# ---- unwritable output ---------------------------------------------------------
good=$TESTS_DIR/fo/sample.fo
mkdir -p "$WORK/bad/outdir/x.pdf"         # a directory where the PDF should go
for out in /nonexistent-dir/x.pdf /dev/null/x.pdf "$WORK/bad/outdir/x.pdf"; do
    run_gr render "$good" -o "$out" > "$WORK/bad/unwritable.out" 2> "$WORK/bad/unwritable.err"
    rc=$?
    if [ "$rc" -eq 2 ]; then
        ok "-o $out: exit status 2"
    else
        not_ok "-o $out: exit status 2" "got $rc"
    fi
    if grep -q -F -- "$out" "$WORK/bad/unwritable.err"; then
        ok "-o $out: message names the output file"
    else
        not_ok "-o $out: message names the output file" "stderr was:"
        show "$WORK/bad/unwritable.err" 5
    fi
done
left=$(ls -A "$WORK/bad/outdir")
if [ ! -e /nonexistent-dir ] && [ "$left" = x.pdf ] && [ -d "$WORK/bad/outdir/x.pdf" ] &&
   [ -z "$(ls -A "$WORK/bad/outdir/x.pdf")" ]; then
    ok "unwritable output: nothing left behind (no temporary file either)"
else
    not_ok "unwritable output: nothing left behind (no temporary file either)" \
        "in $WORK/bad/outdir: $left"
fi
finish

#!/bin/sh
# t-memcheck.sh — the renderer under valgrind's memcheck on two documents
# that exercise most of the engine (tables over pages, lists, footnotes,
# links, outline, leaders; the hard typographic cases): no invalid reads or
# writes, no use of uninitialised values, nothing definitely lost.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools valgrind
D=$WORK/memcheck
mkdir -p "$D"
for f in "$ROOT/tests/fo/layout/blocks.fo" "$ROOT/tests/fo/hard-cases.fo"; do
    name=$(basename "$f" .fo)
    valgrind --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite \
        --log-file="$D/$name.log" "$GR" render "$f" -o "$D/$name.pdf" \
        --dump-boxes "$D/$name.dump" > /dev/null 2>&1
    rc=$?
    if [ "$rc" -eq 0 ]; then
        ok "memcheck $name: no memory errors, nothing definitely lost"
    else
        not_ok "memcheck $name: no memory errors, nothing definitely lost" \
            "exit $rc; $(grep -E 'ERROR SUMMARY|definitely lost|Invalid|uninitialised' "$D/$name.log" | head -n 4 | tr '\n' ' ')"
    fi
done
finish

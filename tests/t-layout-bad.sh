#!/bin/sh
# t-layout-bad.sh — bad input to the layout engine. For every
# tests/fo/layout/bad/*.fo: the exit status it declares (1: input error), an
# error line on stderr naming FILE.fo:LINE: and the thing at fault, and no
# output left behind — neither the PDF nor the box dump (both asked for).
# Each fixture says what it expects in a comment, as tests/fo/bad/ does:
#   expect: exit=1 line=12 mention=column-width
# The fixtures: a span wider than the declared columns, negative widths
# (column and table), a missing
# image, an image outside the FO's folder (../x.png, with a real x.png
# there), an absolute image path, SVG elements outside the subset
# (svg:filter, svg:image).
. "$(dirname "$0")/lib.sh"
require_gr
BAD_TIMEOUT=${BAD_TIMEOUT:-20}

expectation() {    # KEY FILE: the first value of KEY=... in the expect comment
    sed -n 's/.*expect:\(.*\)/\1/p' "$2" | head -n 1 | tr ' ' '\n' |
        sed -n "s/^$1=//p" | sed 's/-->$//' | head -n 1
}
expectations_all() {
    sed -n 's/.*expect:\(.*\)/\1/p' "$2" | head -n 1 | tr ' ' '\n' |
        sed -n "s/^$1=//p" | sed 's/-->$//'
}

for fixture in "$TESTS_DIR"/fo/layout/bad/*.fo; do
    name=$(basename "$fixture" .fo)
    top=$WORK/layout-bad/$name
    dir=$top/sub                  # the FO one level down: ../x.png exists
    rm -rf "$top"
    mkdir -p "$dir/out" "$dir/img"
    cp "$fixture" "$dir/$name.fo"
    cp "$TESTS_DIR/fo/layout/img/photo.jpg" "$dir/img/photo.jpg"
    cp "$TESTS_DIR/fo/layout/img/photo.jpg" "$top/x.png"

    want_exit=$(expectation exit "$fixture"); want_exit=${want_exit:-1}
    want_line=$(expectation line "$fixture")
    mentions=$(expectations_all mention "$fixture")

    (cd "$dir" && timeout "$BAD_TIMEOUT" "$GR" render "$name.fo" -o "out/$name.pdf" \
        --dump-boxes "out/$name.dump") > "$dir/stdout" 2> "$dir/stderr"
    rc=$?
    if [ "$rc" -eq "$want_exit" ]; then
        ok "layout/bad/$name: exit status $want_exit"
    elif [ "$rc" -eq 124 ]; then
        not_ok "layout/bad/$name: exit status $want_exit" "timed out after ${BAD_TIMEOUT}s"
    else
        not_ok "layout/bad/$name: exit status $want_exit" "got $rc"
    fi

    check_message "layout/bad/$name" "$name" "$dir" "$want_line" "$mentions"

    left=$(ls -A "$dir/out" | tr '\n' ' ')
    if [ -z "$left" ]; then ok "layout/bad/$name: no PDF and no dump left"
    else not_ok "layout/bad/$name: no PDF and no dump left" "found: $left"; fi
done
finish

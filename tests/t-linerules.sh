#!/bin/sh
# t-linerules.sh — CLREQ line rules and page bounds, read from the PDF by
# poppler (pdftotext -bbox-layout), independently of the engine:
#   - no line starts with a line-start-prohibited character or ends with a
#     line-end-prohibited one; —— and …… never split (tools/linerules.sh);
#   - every word lies inside the page margins of its simple-page-master
#     (nothing overflows the text area sideways) and inside the page;
#   - in the "shifted" fixture, where every probe meets a line end at every
#     offset, ——, ……, COVID-19, 5,820,000 and 94.12% always stay on one line.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_gr
require_tools pdftotext
make_fixtures
mkdir -p "$WORK/lines"

for name in $(fixture_names); do
    render_fixture "$name"
    render_failed "$name" "$name: line rules" && continue
    lines=$WORK/lines/$name.lines
    words=$WORK/lines/$name.words
    "$TOOLS/pdflines.sh" lines "$R_PDF" > "$lines" 2> "$lines.err"
    "$TOOLS/pdflines.sh" words "$R_PDF" > "$words" 2> "$words.err"

    n=$(wc -l < "$lines")
    if [ "$n" -lt 2 ]; then
        not_ok "$name: line rules" "pdftotext -bbox-layout found $n lines"; show "$lines.err"
    elif report=$("$TOOLS/linerules.sh" "$lines"); then
        ok "$name: line rules hold on all $n lines"
    else
        not_ok "$name: line rules hold on all $n lines"
        printf '%s\n' "$report"
    fi

    # Words outside [left margin, page width - right margin] (1 pt slack)
    # or outside the page vertically.
    # shellcheck disable=SC2046  # two numbers: left and right margin
    set -- $("$TOOLS/margins.sh" "$(fixture_fo "$name")")
    outside=$(LC_ALL=C awk -F '\t' -v ml="$1" -v mr="$2" '
        $4 < ml - 1 || $6 > $2 - mr + 1 || $5 < 0 || $7 > $3 {
            if (++n <= 10) printf "#   page %d: x %.1f..%.1f y %.1f..%.1f (text area x %.1f..%.1f): %s\n",
                $1, $4, $6, $5, $7, ml, $2 - mr, $8
        }
        END { if (n > 10) printf "#   … %d words in all\n", n }' "$words")
    if [ -s "$words" ] && [ -z "$outside" ]; then
        ok "$name: every word inside the page margins"
    else
        not_ok "$name: every word inside the page margins"
        [ -s "$words" ] || printf '#   no words found\n'
        [ -z "$outside" ] || printf '%s\n' "$outside"
    fi
done

# Probes of the shifted fixture that must always stay whole on one line:
# each of its 26 paragraphs must show the probe whole on some line.
render_fixture shifted
if ! render_failed shifted "shifted: probes never split across lines"; then
    squeezed=$WORK/lines/shifted.squeezed
    cut -f2- "$WORK/lines/shifted.lines" | sed 's/[[:space:]]//g' > "$squeezed"
    bad=""
    for probe in $("$TOOLS/shifted.sh" probes); do
        want=$(grep -c -F -- "$probe" "$FIXDIR/shifted.expected")
        got=$(grep -c -F -- "$probe" "$squeezed")
        [ "$got" -ge "$want" ] || bad="$bad $probe (whole in $got of $want paragraphs)"
    done
    if [ -z "$bad" ]; then
        ok "shifted: ——, ……, COVID-19, 5,820,000, 94.12% never split across lines"
    else
        not_ok "shifted: ——, ……, COVID-19, 5,820,000, 94.12% never split across lines" \
            "split:$bad"
    fi
fi
finish

#!/bin/sh
# t-roundtrip.sh — the text survives: for every fixture (the five seeds,
# the shifted line-rule probes, hard-cases.fo, sample.fo), pdftotext of the
# PDF equals the text of the FO flows, whitespace aside, and neither
# gereport nor pdftotext prints anything on stderr. Fixtures with page
# furniture also show their header and "第 N 頁" on every page.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_gr
require_tools pdftotext pdfinfo
make_fixtures
mkdir -p "$WORK/text"

for name in $(fixture_names); do
    render_fixture "$name"
    render_failed "$name" "$name: text round trip" && continue
    if [ -s "$R_ERR" ]; then
        not_ok "$name: gereport prints nothing on stderr"; show "$R_ERR" 8
    else
        ok "$name: gereport prints nothing on stderr"
    fi

    out=$WORK/text/$name.txt
    body_text "$name" "$R_PDF" "$out"
    if [ -s "$out.err" ]; then
        not_ok "$name: pdftotext prints nothing on stderr"; show "$out.err" 8
    else
        ok "$name: pdftotext prints nothing on stderr"
    fi

    if diffs=$("$TOOLS/textdiff.sh" "$(fixture_expected "$name")" "$out"); then
        ok "$name: pdftotext text equals the source text"
    else
        not_ok "$name: pdftotext text equals the source text"
        printf '%s\n' "$diffs"
    fi

    fixture_furniture "$name"
    if [ -n "$FURN_HEADER" ] || [ "$FURN_FOOTER" -eq 1 ]; then
        pages=$(pdf_pages "$R_PDF")
        if [ -s "$out.furniture" ]; then
            not_ok "$name: header/page number on each of its ${pages:-?} pages"
            show "$out.furniture" 8
        elif [ "${pages:-0}" -lt 2 ] && [ "$name" = hard-cases ]; then
            not_ok "$name: header/page number on each of its ${pages:-?} pages" \
                "hard-cases.fo should take two pages at least"
        else
            ok "$name: header/page number on each of its $pages pages"
        fi
    fi
done
finish

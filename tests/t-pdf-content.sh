#!/bin/sh
# t-pdf-content.sh — what the page content streams of the writer hold,
# read back with qpdf (uncompressed) and tools/segments.awk, on ruled
# tables we did not write for this test (the seed-004 report as FO, the
# table fixtures):
#   - no page strokes the same segment twice, and no two collinear pieces
#     of one colour and width overlap or touch (a shared cell edge is one
#     segment);
#   - state is set only when it changes: no fill colour, stroke colour,
#     line width, font or character spacing set twice in a row to the same
#     value, and no text
#     object that ends only for the next to begin (ET directly before BT);
# and the page tree of a 10,000-page document (more pages than a PDF/A-1
# array may hold): every page there, and PDFBox preflight valid PDF/A-1b.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_gr
require_tools qpdf pdfinfo awk
D=$WORK/pdf-content
mkdir -p "$D"

for f in "$ROOT/tests/fo/layout/form.fo" "$ROOT/tests/fo/layout/tables.fo"; do
    name=$(basename "$f" .fo)
    if ! run_gr render "$f" -o "$D/$name.pdf" 2> "$D/$name.stderr"; then
        not_ok "$name: renders" "$(head -n 3 "$D/$name.stderr")"
        continue
    fi
    qpdf --qdf --object-streams=disable "$D/$name.pdf" "$D/$name.qdf" 2> "$D/$name.qpdf.err"
    LC_ALL=C awk -f "$TOOLS/segments.awk" "$D/$name.qdf" > "$D/$name.segs"
    nseg=$(wc -l < "$D/$name.segs")
    if [ "$nseg" -lt 20 ]; then
        not_ok "$name: the PDF strokes table rules" "only $nseg segments found"
        continue
    fi
    # identical segments on one page
    LC_ALL=C sort "$D/$name.segs" | uniq -d > "$D/$name.twice"
    if [ -s "$D/$name.twice" ]; then
        not_ok "$name: no segment drawn twice ($nseg segments)"; show "$D/$name.twice"
    else
        ok "$name: no segment drawn twice ($nseg segments)"
    fi
    # collinear pieces of one colour and width that overlap or touch
    LC_ALL=C sort -t "$(printf '\t')" -k1,1n -k2,2 -k3,3n -k4,4 -k5,5n -k6,6n "$D/$name.segs" |
        LC_ALL=C awk -F '\t' '$4 != "d" {
            key = $1 FS $2 FS $3 FS $4 FS $5
            if (key == prev && $6 + 0 <= end + 0) print
            if (key != prev || $7 + 0 > end + 0) end = $7
            prev = key
        }' > "$D/$name.overlap"
    if [ -s "$D/$name.overlap" ]; then
        not_ok "$name: collinear rules of one colour and width are one segment"
        show "$D/$name.overlap"
    else
        ok "$name: collinear rules of one colour and width are one segment"
    fi
    # state written only on change
    LC_ALL=C awk '
        /^%% Contents for page / { page = $5; rg = RG = w = tf = tc = ""; last = ""; next }
        / rg$/ { if ($0 == rg) print "page " page ": repeated " $0; rg = $0 }
        / RG$/ { if ($0 == RG) print "page " page ": repeated " $0; RG = $0 }
        / w$/  { if ($0 == w)  print "page " page ": repeated " $0; w = $0 }
        / Tf$/ { if ($0 == tf) print "page " page ": repeated " $0; tf = $0 }
        / Tc$/ { if ($0 == tc) print "page " page ": repeated " $0; tc = $0 }
        $0 == "BT" && last == "ET" { print "page " page ": ET BT" }
        { last = $0 }' "$D/$name.qdf" > "$D/$name.repeats"
    if [ -s "$D/$name.repeats" ]; then
        not_ok "$name: colour, width, font, spacing and text objects are not repeated"
        show "$D/$name.repeats"
    else
        ok "$name: colour, width, font, spacing and text objects are not repeated"
    fi
done

# ---- 10,000 pages: a page tree within PDF/A-1's array limit ------------
big=$D/pages-10000.fo
LC_ALL=C awk 'BEGIN {
    print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    print "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\" font-family=\"TW-Kai\" font-size=\"10pt\" xml:lang=\"zh-TW\">"
    print "<fo:layout-master-set><fo:simple-page-master master-name=\"p\" page-width=\"105mm\" page-height=\"148mm\" margin=\"10mm\"><fo:region-body/></fo:simple-page-master></fo:layout-master-set>"
    print "<fo:page-sequence master-reference=\"p\"><fo:flow flow-name=\"xsl-region-body\">"
    for (i = 1; i <= 10000; i++)
        printf "<fo:block break-before=\"page\">第 %d 頁 page %d</fo:block>\n", i, i
    print "</fo:flow></fo:page-sequence></fo:root>"
}' > "$big"
if run_gr render "$big" -o "$D/pages-10000.pdf" 2> "$D/pages-10000.stderr"; then
    n=$(pdf_pages "$D/pages-10000.pdf")
    if [ "${n:-0}" -eq 10000 ]; then ok "10,000-page document: 10000 pages"
    else not_ok "10,000-page document: 10000 pages" "pdfinfo says ${n:-nothing}"; fi
    preflight "$D/pages-10000.pdf" "10,000-page document" "$D/preflight"
else
    not_ok "10,000-page document renders" "$(head -n 3 "$D/pages-10000.stderr")"
fi
finish

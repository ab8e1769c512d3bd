#!/bin/sh
# t-layout-pdf.sh — the layout fixtures as PDF files:
#   - every fixture (long-table, tables, blocks, keeps, keep-break,
#     graphics, form): a second render gives identical bytes (PDF and box
#     dump); qpdf --check clean; every font embedded, subset, with
#     ToUnicode (pdffonts);
#   - PDFBox preflight: valid PDF/A-1b for representative files (tables:
#     spans and split rows; graphics: images and a chart; blocks: links and
#     an outline; form: the whole report);
#   - tools/repeat-fo.sh (used by make bench): three copies of form.fo
#     render to three times the pages, each copy's 「共 N 頁」 and links
#     pointing into that copy.
. "$(dirname "$0")/lib.sh"
. "$TOOLS/layout-lib.sh"
require_gr
require_tools pdffonts qpdf pdfinfo pdftotext java

for name in long-table tables blocks keeps keep-break graphics form; do
    lay_render "$name"
    lay_failed "$name" "$name: two renders give identical bytes" && continue
    fo=$(lay_fo "$name")
    two=$LAY/again
    mkdir -p "$two"
    rm -f "$two/$name.pdf" "$two/$name.dump"
    run_gr render "$fo" -o "$two/$name.pdf" --dump-boxes "$two/$name.dump" > /dev/null 2>&1
    if cmp -s "$L_PDF" "$two/$name.pdf" && cmp -s "$L_DUMP" "$two/$name.dump"; then
        ok "$name: two renders give identical bytes (PDF and dump)"
    else
        not_ok "$name: two renders give identical bytes (PDF and dump)" \
            "$(cmp "$L_PDF" "$two/$name.pdf" 2>&1 | head -n 1)" "$(cmp "$L_DUMP" "$two/$name.dump" 2>&1 | head -n 1)"
    fi
    qpdf --check "$L_PDF" > "$LAY/$name.qpdf" 2>&1
    rc=$?
    if [ "$rc" -eq 0 ] && ! grep -qi 'warning' "$LAY/$name.qpdf"; then ok "$name: qpdf --check clean"
    else not_ok "$name: qpdf --check clean" "qpdf exit $rc"; grep -i 'warn\|error' "$LAY/$name.qpdf" > "$LAY/$name.qpdf.short"; show "$LAY/$name.qpdf.short" 6; fi
    pdffonts "$L_PDF" > "$LAY/$name.fonts" 2>&1
    bad=$(awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes")' "$LAY/$name.fonts")
    if [ "$(awk 'NR > 2' "$LAY/$name.fonts" | wc -l)" -ge 1 ] && [ -z "$bad" ]; then ok "$name: fonts embedded, subset, with ToUnicode"
    else not_ok "$name: fonts embedded, subset, with ToUnicode"; show "$LAY/$name.fonts" 8; fi
done

# ---- PDF/A-1b ------------------------------------------------------------------------
for name in tables graphics blocks form; do
    lay_render "$name"
    lay_failed "$name" "$name: PDFBox preflight: valid PDF/A-1b" && continue
    preflight "$L_PDF" "$name" "$LAY/preflight"
done

# ---- repeat-fo.sh ----------------------------------------------------------------------
lay_render form
if ! lay_failed form "repeat-fo.sh: three copies of form.fo render"; then
    one=$(pdf_pages "$L_PDF")
    rep=$LAY/gen/form-x3.fo
    "$TOOLS/repeat-fo.sh" 3 "$LAYFO/form.fo" > "$rep"
    rm -f "$LAY/gen/form-x3.pdf"
    run_gr render "$rep" -o "$LAY/gen/form-x3.pdf" > /dev/null 2> "$LAY/gen/form-x3.err"
    rc=$?
    three=$(pdf_pages "$LAY/gen/form-x3.pdf")
    last=$(pdftotext -f "${three:-1}" -l "${three:-1}" "$LAY/gen/form-x3.pdf" - 2>/dev/null | squeeze)
    if [ "$rc" -eq 0 ] && [ "${three:-0}" -eq $((3 * one)) ]; then
        case $last in
            *"第${three}頁，共${three}頁"*) ok "repeat-fo.sh: three copies of form.fo: $three pages, each copy's footer cites its own end" ;;
            *) not_ok "repeat-fo.sh: three copies of form.fo: each copy's footer cites its own end" "last page: $(printf '%s' "$last" | tail -c 60)" ;;
        esac
    else
        not_ok "repeat-fo.sh: three copies of form.fo render to three times the pages" "exit $rc, ${three:-no} pages (one copy: $one)"
        show "$LAY/gen/form-x3.err" 5
    fi
fi
finish

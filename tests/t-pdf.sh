#!/bin/sh
# t-pdf.sh — the PDF files themselves:
#   - pdffonts: at least one font; every font embedded, subset, with ToUnicode;
#   - qpdf --check: exit 0, no warnings;
#   - PDFBox preflight: valid PDF/A-1b (a few representative files: JVM
#     start is slow);
#   - determinism: two runs give identical bytes, also from another
#     directory;
#   - page-width/page-height honoured (an A5 document).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_gr
require_tools pdffonts qpdf pdfinfo java
make_fixtures

for name in $(fixture_names); do
    render_fixture "$name"
    render_failed "$name" "$name: fonts embedded, subset, with ToUnicode" && continue

    pdffonts "$R_PDF" > "$WORK/pdf/$name.fonts" 2> "$WORK/pdf/$name.fonts.err"
    bad=$(awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes")' "$WORK/pdf/$name.fonts")
    nfonts=$(awk 'NR > 2' "$WORK/pdf/$name.fonts" | wc -l)
    if [ "$nfonts" -ge 1 ] && [ -z "$bad" ] && grep -q '^------' "$WORK/pdf/$name.fonts"; then
        ok "$name: fonts embedded, subset, with ToUnicode ($nfonts in all)"
    else
        not_ok "$name: fonts embedded, subset, with ToUnicode ($nfonts in all)"
        show "$WORK/pdf/$name.fonts" 12
    fi

    qpdf --check "$R_PDF" > "$WORK/pdf/$name.qpdf" 2>&1
    rc=$?
    if [ "$rc" -eq 0 ] && ! grep -qi 'warning' "$WORK/pdf/$name.qpdf"; then
        ok "$name: qpdf --check clean"
    else
        not_ok "$name: qpdf --check clean" "qpdf exit $rc"
        grep -iv '^checking\|^PDF Version\|^File is not\|^File is linearized\|^R = \|^P = \|^User password\|^Supplied password\|^extract\|^print\|^modify\|^columns' \
            "$WORK/pdf/$name.qpdf" > "$WORK/pdf/$name.qpdf.short" || true
        show "$WORK/pdf/$name.qpdf.short" 10
    fi
done

# ---- PDF/A-1b --------------------------------------------------------------
for name in sample hard-cases seed-004 shifted; do
    render_fixture "$name"
    render_failed "$name" "$name: PDFBox preflight: valid PDF/A-1b" && continue
    preflight "$R_PDF" "$name" "$WORK/preflight"
done

# ---- determinism -------------------------------------------------------------
det=$WORK/det
rm -rf "$det"
mkdir -p "$det/one" "$det/two/deeper"
cp "$TESTS_DIR/fo/hard-cases.fo" "$det/one/in.fo"
cp "$TESTS_DIR/fo/hard-cases.fo" "$det/two/deeper/in.fo"
(cd "$det/one" && run_gr render in.fo -o out.pdf > /dev/null 2>&1 && mv out.pdf first.pdf &&
    run_gr render in.fo -o out.pdf > /dev/null 2>&1)
(cd "$det/two/deeper" && TZ=Pacific/Kiritimati run_gr render in.fo -o out.pdf > /dev/null 2>&1)
if [ -s "$det/one/first.pdf" ] && cmp -s "$det/one/first.pdf" "$det/one/out.pdf"; then
    ok "two runs give identical bytes"
else
    not_ok "two runs give identical bytes" \
        "$(cmp "$det/one/first.pdf" "$det/one/out.pdf" 2>&1 | head -1)"
fi
if [ -s "$det/one/out.pdf" ] && cmp -s "$det/one/out.pdf" "$det/two/deeper/out.pdf"; then
    ok "same bytes from another directory and time zone"
else
    not_ok "same bytes from another directory and time zone" \
        "$(cmp "$det/one/out.pdf" "$det/two/deeper/out.pdf" 2>&1 | head -1)"
fi

# ---- page geometry -----------------------------------------------------------
a5=$WORK/pdf/a5.fo
cat > "$a5" <<'FO'
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xml:lang="zh-TW">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="A5" page-width="148mm" page-height="210mm"
        margin-top="15mm" margin-bottom="15mm" margin-left="18mm" margin-right="18mm">
      <fo:region-body/>
    </fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="A5">
    <fo:flow flow-name="xsl-region-body">
      <fo:block font-family="TW-Kai" font-size="12pt">A5 頁面：寬 148 公釐，高 210 公釐。</fo:block>
    </fo:flow>
  </fo:page-sequence>
</fo:root>
FO
run_gr render "$a5" -o "$WORK/pdf/a5.pdf" > /dev/null 2> "$WORK/pdf/a5.err"
size=$(pdfinfo "$WORK/pdf/a5.pdf" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p')
if echo "${size:-0 0}" | awk '{ exit !(($1 - 419.528)^2 < 0.25 && ($2 - 595.276)^2 < 0.25) }'; then
    ok "page-width/page-height honoured (A5: $size pt)"
else
    not_ok "page-width/page-height honoured (A5)" "expected 419.528 x 595.276 pt, got '${size:-no PDF}'"
    show "$WORK/pdf/a5.err" 5
fi
finish

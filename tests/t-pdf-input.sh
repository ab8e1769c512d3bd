#!/bin/sh
# t-pdf-input.sh — a report PDF carrying its data (--embed-source) accepted
# wherever a data file is (issue 17 item 4; docs/archival.md): the three-
# agency city folder (tests/fixtures/city/three) with two agencies' XML
# replaced by their reports (one public, one internal edition), and a plain
# report PDF (no data) lying beside them.
#   - check and combine over the mixed folder give the same counts and the
#     same combined report text as over the XML files (file names and the
#     carried data's line numbers aside), the plain PDF is no agency file;
#   - check REPORT.pdf gives the exit status of check on the XML;
#   - build REPORT.pdf --embed-source (same edition) gives REPORT.pdf's
#     bytes again, straight from the PDF;
#   - a PDF without data given as a data file: exit 1, says so;
#   - the private folders the PDFs were unpacked into are gone afterwards.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools pdftotext cmp
d=$WORK/pdf-input
rm -rf "$d"
mkdir -p "$d/tmp"
export TMPDIR="$d/tmp"
cp -r "$ROOT/tests/fixtures/city/three" "$d/xml"
cp -r "$d/xml" "$d/mixed"
M=$d/mixed
"$GR" build -q --embed-source "$M/daan-district.xml" -o "$M/daan-district.pdf" > /dev/null 2>&1
"$GR" build -q --internal --embed-source "$M/social/results.xml" -o "$M/social/report.pdf" > /dev/null 2>&1
rm -f "$M/daan-district.xml" "$M/social/results.xml"
"$GR" build -q "$d/xml/feitsui/results.xml" -o "$M/feitsui/plain-report.pdf" > /dev/null 2>&1
[ -s "$M/daan-district.pdf" ] && [ -s "$M/social/report.pdf" ] && [ -s "$M/feitsui/plain-report.pdf" ] \
    && ok "the mixed folder: two agencies as report PDFs with their data, one plain report PDF" \
    || not_ok "the mixed folder could not be made"

summary() { grep '合計 total' "$1" | sed 's/office file [^ ]*/office file F/'; }
"$GR" check "$d/xml" > "$d/xml.check" 2>&1; rc1=$?
"$GR" check "$M" > "$d/mixed.check" 2>&1; rc2=$?
if [ "$rc1" -eq "$rc2" ] && [ -n "$(summary "$d/xml.check")" ] &&
   [ "$(summary "$d/xml.check")" = "$(summary "$d/mixed.check")" ]; then
    ok "check DIR: the same exit ($rc2) and totals over PDFs as over the XML files"
else
    not_ok "check DIR: the same totals over PDFs" "exit $rc1/$rc2"; summary "$d/xml.check"; summary "$d/mixed.check"
fi
grep -q 'plain-report.pdf' "$d/mixed.check" && not_ok "a plain report PDF is no agency file" "it is named" \
    || ok "a plain report PDF (no data) is not taken for an agency's file"

"$GR" combine "$d/xml" -o "$d/xml.pdf" > /dev/null 2>&1; rc1=$?
"$GR" combine "$M" -o "$d/mixed.pdf" > /dev/null 2>&1; rc2=$?
# the annex names each agency's file and the line of each finding in it
norm() { pdftotext -layout "$1" - | sed 's/（第 [0-9]* 行）//; s/第 [0-9]*$//; s/[^ ]*\.xml//g; s/[^ ]*\.pdf//g; s/^ *[0-9]* 行）$//; s/  */ /g'; }
if [ "$rc1" -eq "$rc2" ] && [ -s "$d/mixed.pdf" ] && [ "$(norm "$d/xml.pdf")" = "$(norm "$d/mixed.pdf")" ]; then
    ok "combine DIR: the same combined report over PDFs as over the XML files (file names and lines aside)"
else
    not_ok "combine DIR: the same combined report over PDFs" "exit $rc1/$rc2"
    norm "$d/xml.pdf" > "$d/a.txt"; norm "$d/mixed.pdf" > "$d/b.txt"; diff "$d/a.txt" "$d/b.txt" | head -5 | sed 's/^/#   | /'
fi

"$GR" check "$d/xml/daan-district.xml" > /dev/null 2>&1; rc1=$?
"$GR" check "$M/daan-district.pdf" > "$d/one.check" 2>&1; rc2=$?
[ "$rc1" -eq "$rc2" ] && grep -q "^$M/daan-district.pdf/daan-district.xml:[0-9]" "$d/one.check" \
    && ok "check REPORT.pdf: exit $rc2 as for the XML, findings name the report as given and its carried file" \
    || { not_ok "check REPORT.pdf" "exit $rc1/$rc2"; show "$d/one.check" 3; }
# the private folder is never shown (check FILE, check DIR, combine's summary)
"$GR" combine "$M" -o "$d/mixed2.pdf" > "$d/mixed.combine" 2>&1
if grep -q "$d/tmp" "$d/one.check" "$d/mixed.check" "$d/mixed.combine"; then
    not_ok "messages never name the private folder" "$(grep -h "$d/tmp" "$d/one.check" "$d/mixed.check" "$d/mixed.combine" | head -1)"
else
    ok "messages never name the private folder a report PDF was unpacked into"
fi

"$GR" build -q --internal --embed-source "$M/social/report.pdf" -o "$d/again.pdf" > "$d/again.out" 2>&1
cmp -s "$d/again.pdf" "$M/social/report.pdf" && ok "build REPORT.pdf --internal --embed-source: REPORT.pdf's bytes again" \
    || { not_ok "build REPORT.pdf: the same bytes" "$(cmp "$d/again.pdf" "$M/social/report.pdf" 2>&1)"; show "$d/again.out" 3; }

"$GR" check "$M/feitsui/plain-report.pdf" > "$d/plain.out" 2>&1; rc=$?
[ "$rc" -eq 1 ] && grep -q 'carries no data' "$d/plain.out" \
    && ok "a PDF without data as a data file: exit 1, says it carries no data" \
    || { not_ok "a PDF without data as a data file: exit 1" "exit $rc"; show "$d/plain.out" 3; }

left=$(ls -A "$d/tmp")
[ -z "$left" ] && ok "the private folders the PDFs were unpacked into are gone" || not_ok "unpacked folders left" "$left"
finish

#!/bin/sh
# t-missing.sh — a character no font has (U+10FFFD, plane 16 private use):
# reported once as a warning naming the file, line and code point; the
# render still succeeds; the box carries the character as /ActualText (as a
# UTF-16 surrogate pair), so it is not silently dropped.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools qpdf
d=$WORK/missing
mkdir -p "$d"
printf '<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:layout-master-set>
<fo:simple-page-master master-name="p"><fo:region-body margin="20mm"/></fo:simple-page-master>
</fo:layout-master-set><fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body">
<fo:block font-family="TW-Kai">缺字\364\217\277\275測試</fo:block></fo:flow></fo:page-sequence></fo:root>\n' > "$d/missing.fo"
run_gr render "$d/missing.fo" -o "$d/missing.pdf" > /dev/null 2> "$d/err"
rc=$?
if [ "$rc" -eq 0 ] && [ "$(grep -c 'U+10FFFD' "$d/err")" -eq 1 ] && grep -q 'missing.fo:4:' "$d/err"; then
    ok "missing character: exit 0, one warning naming missing.fo:4 and U+10FFFD"
else
    not_ok "missing character: exit 0, one warning naming missing.fo:4 and U+10FFFD" "exit $rc"
    show "$d/err" 3
fi
qpdf --qdf --object-streams=disable "$d/missing.pdf" "$d/missing.qdf" 2> /dev/null
if grep -a -q -i 'ActualText <FEFFDBFFDFFD>' "$d/missing.qdf"; then
    ok "missing character: its box is marked with /ActualText <FEFF DBFF DFFD>"
else
    not_ok "missing character: its box is marked with /ActualText <FEFF DBFF DFFD>"
fi
finish

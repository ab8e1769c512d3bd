#!/bin/sh
# t-hostile-tall.sh — content taller than a page (issue 11, item 7; rules
# in docs/layout.md): a photo (100mm x 400mm) and a chart (an SVG
# 1500pt tall) are scaled down uniformly to fit one page, each with a 提醒
# naming its line, and every line of the box dump stays inside the page
# body; a line of text taller than a page (900pt type) cannot be split:
# exit 1, an error naming its line, no PDF.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_gr
d=$WORK/hostile-tall
rm -rf "$d"
mkdir -p "$d/out"
T=${HOSTILE_TIMEOUT:-60}

head='<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xml:lang="zh-TW">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm" margin="20mm">
      <fo:region-body/></fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="A4"><fo:flow flow-name="xsl-region-body">
    <fo:block font-family="TW-Kai">前文</fo:block>'
tail='  </fo:flow></fo:page-sequence>
</fo:root>'
# a photo of the sample, stretched to 100mm x 400mm
cp "$ROOT/data/taipei/112/images/hackathon-1.png" "$d/photo.png"
{ echo "$head"
  echo '    <fo:block><fo:external-graphic src="photo.png" content-width="100mm" content-height="400mm" scaling="non-uniform"/></fo:block>'
  echo '    <fo:block><fo:instream-foreign-object><svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="1500pt"><rect x="0" y="0" width="100" height="1500" fill="#cc0000"/></svg></fo:instream-foreign-object></fo:block>'
  echo '    <fo:block font-family="TW-Kai">後文</fo:block>'
  echo "$tail"; } > "$d/tall.fo"
(cd "$d" && timeout "$T" "$GR" render tall.fo -o out/tall.pdf --dump-boxes out/tall.dump) > /dev/null 2> "$d/tall.err"
rc=$?
[ "$rc" -eq 0 ] && [ -s "$d/out/tall.pdf" ] && ok "tall photo and chart: exit 0, PDF written" ||
    { not_ok "tall photo and chart: exit 0, PDF written" "exit $rc"; show "$d/tall.err" 4; }
for l in 9:fo:external-graphic 10:svg:svg; do
    n=${l%%:*} what=${l#*:}
    if grep -F "tall.fo:$n:" "$d/tall.err" | grep -F "提醒" | grep -F "$what" | grep -q 'scaled down'; then
        ok "tall.fo:$n: 提醒 that the $what was scaled down to fit a page"
    else not_ok "tall.fo:$n: 提醒 that the $what was scaled down to fit a page"; show "$d/tall.err" 4; fi
done
# every line inside its page's body (dump: body PAGE X Y W H; line PAGE X Y W H TEXT)
bad=$(awk -F'\t' '$1 == "body" { top[$2] = $4; bot[$2] = $4 + $6 }
                  $1 == "line" && ($4 + $6 > bot[$2] + 0.5 || $4 < top[$2] - 0.5) { print }' "$d/out/tall.dump" 2>/dev/null)
lines=$(grep -c '^line' "$d/out/tall.dump" 2>/dev/null)
if [ -z "$bad" ] && [ "${lines:-0}" -ge 4 ]; then ok "tall: all $lines lines inside the page body"
else not_ok "tall: all lines inside the page body" "${lines:-0} lines; outside: $bad"; fi

{ echo "$head"
  echo '    <fo:block font-family="TW-Kai" font-size="900pt" line-height="1">大</fo:block>'
  echo "$tail"; } > "$d/tall-line.fo"
(cd "$d" && timeout "$T" "$GR" render tall-line.fo -o out/tall-line.pdf) > /dev/null 2> "$d/line.err"
rc=$?
if [ "$rc" -eq 1 ] && grep -F 'tall-line.fo:9: 錯誤 error:' "$d/line.err" | grep -q 'cannot be split' &&
   [ ! -e "$d/out/tall-line.pdf" ]; then
    ok "a text line taller than a page: exit 1, error at tall-line.fo:9, no PDF"
else not_ok "a text line taller than a page: exit 1, error at tall-line.fo:9, no PDF" "exit $rc"; show "$d/line.err" 4; fi
finish

#!/bin/sh
# t-photo-ppi.sh — the 150 ppi 提醒 judges a photo by its pixels over the
# size it is placed at, whatever density its file declares (review S4):
# phones and the web write 72 dpi, so a 300x200 picture "is" 106 mm wide
# and placing it at 82 mm looked like a reduction, yet it prints at 93 ppi.
# A 1200x800 picture at the same size (372 ppi) gets no 提醒.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools cc
d=$WORK/photo-ppi
rm -rf "$d"
mkdir -p "$d/images"
mk=$d/mkjpeg
${CC:-cc} -std=c11 -O2 -o "$mk" "$TOOLS/mkjpeg.c" -ljpeg || { not_ok "tools/mkjpeg builds"; finish; }
"$mk" rgb 1 300 200 "$d/images/thumb.jpg"
"$mk" rgb 2 1200 800 "$d/images/photo.jpg"
cat > "$d/ppi.fo" <<'FO'
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xml:lang="zh-TW">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm" margin="20mm"><fo:region-body/></fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="A4">
    <fo:flow flow-name="xsl-region-body" font-family="TW-Kai" font-size="12pt">
      <fo:block><fo:external-graphic src="images/thumb.jpg" content-width="82mm" scaling="uniform"/></fo:block>
      <fo:block><fo:external-graphic src="images/photo.jpg" content-width="82mm" scaling="uniform"/></fo:block>
    </fo:flow>
  </fo:page-sequence>
</fo:root>
FO
if run_gr render "$d/ppi.fo" -o "$d/ppi.pdf" 2> "$d/err"; then ok "renders"
else not_ok "renders" "$(head -n 3 "$d/err")"; fi
if grep -q "ppi.fo:8: 提醒.*thumb.jpg.*300×200.*82×55 mm.*93 ppi" "$d/err"; then
    ok "a 300x200 photo at 72 dpi placed 82 mm wide: 提醒 at its line (93 ppi)"
else
    not_ok "a 300x200 photo at 72 dpi placed 82 mm wide: 提醒 at its line (93 ppi)" "$(head -n 3 "$d/err")"
fi
if grep -q "photo.jpg" "$d/err"; then
    not_ok "a 1200x800 photo placed 82 mm wide (372 ppi): no 提醒" "$(grep photo.jpg "$d/err" | head -n 1)"
else
    ok "a 1200x800 photo placed 82 mm wide (372 ppi): no 提醒"
fi
finish

#!/bin/sh
# t-layout-space-nested.sh — space resolution through a block's end: the
# last child's space-after is not inside a block with no border or padding
# below; it merges with the block's own space-after and the next block's
# space-before (the larger wins), as between siblings. A table (space-after
# 4pt) inside a plain block, then a heading with space-before 6pt: the
# heading's line starts 6pt below the table, as without the wrapper — the
# templates wrap tables in keep-together blocks, which must not move what
# follows (the sample's 四、性別分析 went to the next page when they did).
. "$(dirname "$0")/lib.sh"
require_gr
D=$WORK/space-nested
mkdir -p "$D"

space_fo() {   # WRAP (1: the table inside a block)
    cat <<FO
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xml:lang="zh-TW">
<fo:layout-master-set><fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm" margin="20mm"><fo:region-body/></fo:simple-page-master></fo:layout-master-set>
<fo:page-sequence master-reference="A4"><fo:flow flow-name="xsl-region-body" font-family="TW-Kai" font-size="12pt" line-height="20pt">
<fo:block>開頭</fo:block>
$( [ "$1" = 1 ] && echo '<fo:block keep-together.within-page="always">' )
<fo:table space-after="4pt"><fo:table-column column-width="proportional-column-width(1)"/><fo:table-body>
<fo:table-row><fo:table-cell><fo:block>表格列</fo:block></fo:table-cell></fo:table-row></fo:table-body></fo:table>
$( [ "$1" = 1 ] && echo '</fo:block>' )
<fo:block space-before="6pt">標題</fo:block>
</fo:flow></fo:page-sequence></fo:root>
FO
}
y_of() { awk -F '	' -v t="$2" '$1 == "line" && $7 == t { print $4; exit }' "$1"; }
for w in 0 1; do
    space_fo $w > "$D/w$w.fo"
    run_gr render "$D/w$w.fo" -o "$D/w$w.pdf" --dump-boxes "$D/w$w.dump" 2> "$D/w$w.err" ||
        not_ok "space through a block end (wrap=$w): renders" "$(head -n 2 "$D/w$w.err")"
done
r0=$(y_of "$D/w0.dump" 表格列); h0=$(y_of "$D/w0.dump" 標題)
r1=$(y_of "$D/w1.dump" 表格列); h1=$(y_of "$D/w1.dump" 標題)
if [ -n "$h0" ] && awk -v a="$r0" -v b="$h0" 'BEGIN { exit !(b - a > 25.9 && b - a < 26.1) }'; then
    ok "siblings: the heading is 20pt + 6pt below the table's line ($r0 -> $h0)"
else
    not_ok "siblings: the heading is 20pt + 6pt below the table's line" "$r0 -> $h0"
fi
if [ -n "$h1" ] && [ "$r1 $h1" = "$r0 $h0" ]; then
    ok "the table inside a plain block: the heading at the same place ($h1)"
else
    not_ok "the table inside a plain block: the heading at the same place" "wrapped $r1 -> $h1, bare $r0 -> $h0"
fi
finish

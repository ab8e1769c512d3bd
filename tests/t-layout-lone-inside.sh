#!/bin/sh
# t-layout-lone-inside.sh — no line inside a cell's text holds one
# character because the number after it does not fit beside it (review S7:
# 「案例（北市警刑字 / 第 / 113301234567號）」 in a 訓練目標 column). Two
# tables of tests/fo/layout/lone-inside.fo, each a narrow column (share 1
# of 240pt) holding that text beside a column of share 2:
# - beside 「2小時」 (width to spare): the column takes from the spare width
#   what 「第」 and the number need together (gr_para_pair_width), so no
#   line holds 「第」 alone and nothing has to be pulled down;
# - beside a long text (no spare width): the column keeps its share and a
#   character is pulled down from the line before: 「字第」.
# A third table (review S10): a title 「主任秘書兼發言人（代理局長）」 in a
# column of share 1 of 240pt (48pt) beside columns wider than their content
# gets the bracketed short word's width from them: 「（代理局長）」 on one
# line, never 「（代理 / 局長）」.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools awk
D=$WORK/lone-inside
mkdir -p "$D"
FO=$TESTS_DIR/fo/layout/lone-inside.fo
if ! run_gr render "$FO" -o "$D/l.pdf" --dump-boxes "$D/l.dump" 2> "$D/l.err"; then
    not_ok "lone-inside.fo renders" "$(head -n 3 "$D/l.err")"
    finish
fi
# the lines and the width of the first column's cell of table N (1, 2)
cell_lines() {
    awk -F '	' -v n="$1" '
        $1 == "line" { buf = buf $7 "\n"; next }
        $1 == "cell" && $8 == 0 { if (++k == n) { printf "%s", buf; print "width " $5; exit } }
        $1 == "cell" { buf = "" }' "$D/l.dump"
}
cell_lines 1 > "$D/t1"
cell_lines 2 > "$D/t2"
w1=$(sed -n 's/^width //p' "$D/t1"); w2=$(sed -n 's/^width //p' "$D/t2")
if [ -n "$w1" ] && ! grep -qx '第' "$D/t1" && ! grep -qx '.第' "$D/t1" &&
   awk -v w="$w1" 'BEGIN { exit !(w > 89) }'; then
    ok "spare width: the column is ${w1}pt (第 and the number fit a line); no 「第」 alone, none pulled down"
else
    not_ok "spare width: the column holds 「第」 with its number; no 「第」 alone" "width $w1"; show "$D/t1"
fi
if [ -n "$w2" ] && ! grep -qx '第' "$D/t2" && grep -qx '字第' "$D/t2" &&
   awk -v w="$w2" 'BEGIN { exit !(w > 79 && w < 81) }'; then
    ok "no spare width: the column keeps its share (${w2}pt); 「字第」 goes down together"
else
    not_ok "no spare width: 「字第」 goes down together, no 「第」 alone" "width $w2"; show "$D/t2"
fi
awk -F '	' '$1 == "line" { buf = buf $7 "\n"; next }
    $1 == "cell" && $8 == 1 { if (++k == 3) { printf "%s", buf; exit } }
    $1 == "cell" { buf = "" }' "$D/l.dump" > "$D/t3"
if grep -qx '（代理局長）' "$D/t3"; then
    ok "a bracketed short word in a title: 「（代理局長）」 on one line"
else
    not_ok "a bracketed short word in a title: 「（代理局長）」 on one line"; show "$D/t3"
fi
# no line of one character anywhere in either cell (the audit counts only
# last lines)
if ! grep -qx '.' "$D/t1" && ! grep -qx '.' "$D/t2"; then
    ok "no line of one character in either cell"
else
    not_ok "no line of one character in either cell"; show "$D/t1"; show "$D/t2"
fi
finish

#!/bin/sh
# t-layout-short-table.sh — a short form table moves whole (issue 10: a
# two-row table split 1 | 1, its second row alone under the repeated
# header). tests/audit/short-table.xml puts a clerk's two-row 〈表格〉 where
# its caption, header and first row would end a page; held-edu.xml's 九
# table (two 重點項目) falls the same way. Each is printed on one page, its
# header once, with the heading or caption above it: a table under its
# header opens a page foot with at least its `orphans` rows (2), and its
# last row does not stand alone (`widows`), so a short table moves whole
# when the page it leaves stays 60% full. The rule itself, in
# tests/fo/layout/table-orphans.fo (review T22: a 21-member 委員名單 began
# with one row under its caption): 甲, one row of five
# fitting on a page 77% full, starts on the next page; 乙, one row fitting
# on a page 41% full, splits (no page left mostly blank); 丙 is 甲 with
# orphans="1", and splits; 丁, two of three rows fitting on a page 61%
# full, may neither leave its last row alone (widows) nor its first
# (orphans): it starts on the next page; 戊 is 丁 with widows="1" (rows
# each complete in itself, as a chart's rows under their legend), and
# splits 2 | 1.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools awk
D=$WORK/short-table
rm -rf "$D" && mkdir -p "$D"
cp "$TESTS_DIR/audit/short-table.xml" "$D/" && cp -r "$ROOT/data/taipei/112/images" "$D/"
cp "$TESTS_DIR/audit/held-edu.xml" "$D/" && cp -r "$TESTS_DIR/audit/held-edu" "$D/"

# whole LABEL DUMP HEADER CAPTION ROW...: the rows' first lines, the header
# line and the caption (or heading) line all on one page, the header once
whole() {
    label=$1 dump=$2 header=$3 caption=$4
    shift 4
    pages=$(for t in "$header" "$caption" "$@"; do
                awk -F '\t' -v t="$t" '$1 == "line" && $7 == t { print $2 }' "$dump"
            done | sort -u | tr "\n" " " | sed "s/ $//")
    nh=$(awk -F '\t' -v t="$header" '$1 == "line" && $7 == t' "$dump" | wc -l)
    case $pages in
        *" "*" "*|"") not_ok "$label: on one page, its header once" "pages: $pages; header lines: $nh" ;;
        *) if [ "$nh" -eq 1 ]; then ok "$label: on one page (p$pages), its header once"
           else not_ok "$label: on one page, its header once" "pages: $pages; header lines: $nh"; fi ;;
    esac
}

if run_gr build "$D/short-table.xml" -o "$D/s.pdf" --dump-boxes "$D/s.dump" 2> "$D/s.err"; then
    whole "short-table.xml: the two-row 〈表格〉" "$D/s.dump" 設備 "▼ 112年親子廁所設備巡檢" 尿布台 兒童馬桶座
else
    not_ok "short-table.xml builds" "$(head -n 3 "$D/s.err")"
fi
if run_gr build "$D/held-edu.xml" -o "$D/e.pdf" --dump-boxes "$D/e.dump" 2> "$D/e.err"; then
    whole "held-edu.xml: the 九 table of two 重點項目" "$D/e.dump" 重點項目或方案 \
        "九、未來推展性別主流化之重點項目及精進作為" 數位性別暴力 "Taipei Girls in"
else
    not_ok "held-edu.xml builds" "$(head -n 3 "$D/e.err")"
fi

if run_gr render "$TESTS_DIR/fo/layout/table-orphans.fo" -o "$D/o.pdf" --dump-boxes "$D/o.dump" 2> "$D/o.err"; then
    # the page of a table's header (first) and of its first row
    at() { awk -F '\t' -v t="$1" '$1 == "line" && $7 == t { print $2; exit }' "$D/o.dump"; }
    for spec in "甲 same 77% full, one row fits: starts on the next page" \
                "乙 split 41% full: splits 1 | 2" "丙 split orphans=1: splits 1 | 4" \
                "丁 same two of three rows fit: starts on the next page"; do
        set -- $spec
        k=$1 want=$2
        shift 2
        a=$(at "${k}：前文。") h=$(at "${k}欄名") r=$(at "${k}第1列")
        if [ -n "$a" ] && [ -n "$h" ] && [ "$h" = "$r" ] && { { [ "$want" = same ] && [ "$h" -gt "$a" ]; } || { [ "$want" = split ] && [ "$h" = "$a" ]; }; }; then
            ok "table-orphans.fo $k ($*)"
        else
            not_ok "table-orphans.fo $k ($*)" "text p$a, header p$h, row 1 p$r"
        fi
    done
    a=$(at "戊：前文。") r2=$(at "戊第2列") r3=$(at "戊第3列")
    if [ -n "$a" ] && [ "$a" = "$r2" ] && [ "$r3" = $((a + 1)) ]; then
        ok "table-orphans.fo 戊 (widows=1: splits 2 | 1)"
    else
        not_ok "table-orphans.fo 戊 (widows=1: splits 2 | 1)" "text p$a, row 2 p$r2, row 3 p$r3"
    fi
else
    not_ok "table-orphans.fo renders" "$(head -n 3 "$D/o.err")"
fi
finish

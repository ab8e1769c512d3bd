#!/bin/sh
# t-layout-short-table.sh — a short form table moves whole (issue 10: a
# two-row table split 1 | 1, its second row alone under the repeated
# header). tests/audit/short-table.xml puts a clerk's two-row 〈表格〉 where
# its caption, header and first row would end a page; held-edu.xml's 九
# table (two 重點項目) falls the same way. Each is printed on one page, its
# header once, with the heading or caption above it
# (templates/results/112/lib.xsl $short-table-rows).
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
finish

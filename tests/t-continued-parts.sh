#!/bin/sh
# t-continued-parts.sh — a group that breaks over pages tells the reader of
# every later part what it continues (issue 10: photos and charts):
#   - the engine: a repeated table-header/-footer cell with gr:continued
#     shows its label on the parts after the first (tests/audit/
#     continued-parts.fo: 「項目」 and 「▲ 各里講座人次」 on page 1,
#     「項目（續）」 and 「▲ 各里講座人次（續）」 on pages 2 and 3)
#   - a photo group of several rows split between pages
#     (large-a-bureau.xml, 類別五's four photos): its caption under both
#     parts, 「（續）」 on the second
#   - a pie chart of three rows split between pages (held-edu.xml, eight
#     pies): the legend (男性 女性) and the caption on both pages, 「（續）」
#     on the second
#   - a pie chart of two rows (held-bureau.xml, six pies) that would open
#     a page foot with one row under its legend moves whole to the next
#     page (the table's orphans; the page it leaves stays 60% full): one
#     caption, no 「（續）」
#   - a bar chart of two rows on one page (held-bureau.xml): one legend,
#     one caption, no 「（續）」
#   - a 統計表 printed in bands (held-district.xml, seven 里): its caption
#     the header of the table holding the bands, labelled 「（續）」
. "$(dirname "$0")/lib.sh"
require_gr
require_tools pdftotext
d=$WORK/continued-parts
rm -rf "$d"
mkdir -p "$d/img"
cd "$ROOT" || exit 2

# -- the engine --------------------------------------------------------------
if run_gr render tests/audit/continued-parts.fo -o "$d/fo.pdf" > /dev/null 2> "$d/fo.err"; then
    bad=""
    for p in 1 2 3; do
        t=$(pdftotext -f $p -l $p "$d/fo.pdf" - 2> /dev/null)
        if [ $p -eq 1 ]; then
            printf '%s\n' "$t" | grep -qx '項目' || bad="$bad p1:header"
            printf '%s\n' "$t" | grep -qx '▲ 各里講座人次' || bad="$bad p1:footer"
            printf '%s\n' "$t" | grep -q '續' && bad="$bad p1:（續）"
        else
            printf '%s\n' "$t" | grep -qx '項目（續）' || bad="$bad p$p:header"
            printf '%s\n' "$t" | grep -qx '▲ 各里講座人次（續）' || bad="$bad p$p:footer"
        fi
    done
    if [ -z "$bad" ]; then
        ok "gr:continued on header and footer cells: the label on pages 2 and 3, not on page 1"
    else
        not_ok "gr:continued on header and footer cells: the label on pages 2 and 3, not on page 1" "$bad"
    fi
else
    not_ok "continued-parts.fo renders" "$(head -n 3 "$d/fo.err")"
fi

# -- the reports ---------------------------------------------------------------
cp -r data/taipei/112/images "$d/img/"
for x in tests/audit/*/; do cp -r "$x" "$d/img/"; done
cp tests/audit/large-a-bureau.xml tests/audit/held-bureau.xml tests/audit/held-edu.xml "$d/img/"
for b in large-a-bureau held-bureau held-edu; do
    run_gr build "$d/img/$b.xml" -o "$d/$b.pdf" --dump-boxes "$d/$b.dump" > /dev/null 2> "$d/$b.err" ||
        not_ok "$b.xml builds" "$(grep 錯誤 "$d/$b.err" | head -n 3)"
done

# the ▲ lines of a dump: page TAB text (white space removed)
captions() {
    awk -F'\t' '$1 == "line" && $7 ~ /^▲/ { t = $7; for (i = 8; i <= NF; i++) t = t "\t" $i;
                gsub(/[ \t]/, "", t); print $2 "\t" t }' "$1"
}
# continued CAPTION DUMP: the page of CAPTION and of CAPTION（續） (one line)
continued() {
    c=$(printf '%s' "$1" | tr -d ' ')
    a=$(captions "$2" | awk -F'\t' -v c="▲$c" '$2 == c { print $1; exit }')
    b=$(captions "$2" | awk -F'\t' -v c="▲$c（續）" '$2 == c { print $1; exit }')
    echo "${a:-none} ${b:-none}"
}

if [ -f "$d/large-a-bureau.dump" ]; then
    set -- $(continued '性別平等宣導月捷運燈箱及講座' "$d/large-a-bureau.dump")
    if [ "$1" != none ] && [ "$2" = $(($1 + 1)) ]; then
        ok "large-a-bureau: photo group caption on page $1, 「（續）」 on page $2"
    else
        not_ok "large-a-bureau: photo group caption on its first page, 「（續）」 on the next" "pages: $1 $2"
        captions "$d/large-a-bureau.dump" | sed 's/^/#   | /' | tail -n 6
    fi
fi

if [ -f "$d/held-edu.dump" ]; then
    set -- $(continued '113學年度各學制學生性別統計圓餅圖' "$d/held-edu.dump")
    if [ "$1" != none ] && [ "$2" = $(($1 + 1)) ]; then
        ok "held-edu: pie chart caption on page $1, 「（續）」 on page $2"
        missing=""
        for p in "$1" "$2"; do
            for s in 男性 女性; do
                awk -F'\t' -v p="$p" -v s="$s" '$1 == "svgtext" && $2 == p && $7 == s { f = 1 } END { exit !f }' \
                    "$d/held-edu.dump" || missing="$missing p$p:$s"
            done
        done
        if [ -z "$missing" ]; then
            ok "held-edu: the pie chart's legend on both pages it runs over"
        else
            not_ok "held-edu: the pie chart's legend on both pages it runs over" "missing:$missing"
        fi
    else
        not_ok "held-edu: pie chart caption on its first page, 「（續）」 on the next" "pages: $1 $2"
        captions "$d/held-edu.dump" | sed 's/^/#   | /' | tail -n 8
    fi
fi

if [ -f "$d/held-bureau.dump" ]; then
    set -- $(continued '112年好孕專案篩檢對象性別及篩檢結果圓餅圖' "$d/held-bureau.dump")
    if [ "$1" != none ] && [ "$2" = none ]; then
        ok "held-bureau: the two-row pie chart whole on page $1, no 「（續）」"
    else
        not_ok "held-bureau: the two-row pie chart whole on one page, no 「（續）」" "pages: $1 $2"
        captions "$d/held-bureau.dump" | sed 's/^/#   | /' | tail -n 8
    fi
    # the bar chart of two rows sits on one page: one caption, no 「（續）」
    n=$(captions "$d/held-bureau.dump" | grep -c '長條圖')
    k=$(captions "$d/held-bureau.dump" | grep -c '長條圖（續）')
    if [ "$n" -ge 1 ] && [ "$k" -eq 0 ]; then
        ok "held-bureau: a chart on one page has no 「（續）」"
    else
        not_ok "held-bureau: a chart on one page has no 「（續）」" "$n captions, $k continued"
    fi
fi
# a 統計表 printed in bands: its ▼ caption is the header of the table that
# holds the bands, repeated with 「（續）」 over the bands a later page holds
# (the engine's part is continued-parts.fo's above); one band: a caption
# block as before
cp tests/audit/held-district.xml "$d/img/"
if run_gr build "$d/img/held-district.xml" -o "$d/hd.pdf" --fo "$d/hd.fo" > /dev/null 2> "$d/hd.err"; then
    n=$(grep -c 'gr:continued="▼ 112年數位共學各里參與人次性別統計表（續）"' "$d/hd.fo")
    one=$(grep -c 'gr:continued="▼ 112年各區民活動中心' "$d/hd.fo")
    if [ "$n" -eq 1 ] && [ "$one" -eq 0 ]; then
        ok "held-district: the banded 統計表's caption carries its 「（續）」 label; a one-band table none"
    else
        not_ok "held-district: the banded 統計表's caption carries its 「（續）」 label" "banded $n, others $one"
    fi
else
    not_ok "held-district.xml builds" "$(grep 錯誤 "$d/hd.err" | head -n 3)"
fi
finish

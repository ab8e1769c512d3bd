#!/bin/sh
# t-layout-keep-after-table.sh — a note kept with what it follows
# (keep-with-previous="always", as the forms' footnotes under 自辦訓練 are)
# when that block ends at the foot of a page that it began: the block breaks
# so that its tail goes over with the note; nothing refuses the document.
# A table of 20pt rows (36 fit on an A4 page with 20mm margins, 728.5pt of
# body) or a paragraph of 20pt lines, then the note; with a heading kept
# with the table too (a chain of three that starts at the page top).
. "$(dirname "$0")/lib.sh"
require_gr
require_tools awk
D=$WORK/keepafter
mkdir -p "$D"

# keep_fo KIND N HEADING > FILE: KIND table (N rows) or para (N lines),
# with a keep-with-next heading before it when HEADING is 1
keep_fo() {
    awk -v kind="$1" -v n="$2" -v head="$3" 'BEGIN {
        print "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\" xml:lang=\"zh-TW\">"
        print "<fo:layout-master-set><fo:simple-page-master master-name=\"A4\" page-width=\"210mm\""
        print " page-height=\"297mm\" margin=\"20mm\"><fo:region-body/></fo:simple-page-master>"
        print "</fo:layout-master-set><fo:page-sequence master-reference=\"A4\">"
        print "<fo:flow flow-name=\"xsl-region-body\" font-family=\"TW-Kai\" font-size=\"12pt\" line-height=\"20pt\">"
        if (head) print "<fo:block keep-with-next=\"always\">（五）標題</fo:block>"
        if (kind == "table") {
            print "<fo:table><fo:table-column column-width=\"proportional-column-width(1)\"/><fo:table-body>"
            for (i = 1; i <= n; i++)
                printf "<fo:table-row><fo:table-cell><fo:block>第%02d列</fo:block></fo:table-cell></fo:table-row>\n", i
            print "</fo:table-body></fo:table>"
        } else {
            # 40 full-width characters a line: the measure holds exactly 40
            split("０ １ ２ ３ ４ ５ ６ ７ ８ ９", d, " ")
            printf "<fo:block>"
            for (i = 1; i <= n; i++)
                printf "第%s%s行之文字恰好四十字一行以便計算每一行的位置並確認分頁結果是否完全正確無誤啊", d[int(i / 10) + 1], d[i % 10 + 1]
            print "</fo:block>"
        }
        print "<fo:block keep-with-previous=\"always\">附註：這一段必須與前面的最後一列同頁。</fo:block>"
        print "</fo:flow></fo:page-sequence></fo:root>"
    }'
}

# page_of DUMP TEXT: the page of the first line starting with TEXT
page_of() { awk -F '	' -v t="$2" '$1 == "line" && index($7, t) == 1 { print $2; exit }' "$1"; }

for case in "table 36 0 第36列 第33列" "table 35 1 第35列 第32列" "table 72 0 第72列 第69列" \
            "para 36 0 第３６行 第３３行"; do
    set -- $case
    name=$1-$2-$3
    keep_fo "$1" "$2" "$3" > "$D/$name.fo"
    if ! run_gr render "$D/$name.fo" -o "$D/$name.pdf" --dump-boxes "$D/$name.dump" 2> "$D/$name.err"; then
        not_ok "keep after a full page ($name): renders" "$(head -n 3 "$D/$name.err")"
        continue
    fi
    ok "keep after a full page ($name): renders"
    pn=$(page_of "$D/$name.dump" "附註"); pl=$(page_of "$D/$name.dump" "$4")
    pb=$(page_of "$D/$name.dump" "$5")
    if [ -n "$pn" ] && [ "$pn" = "$pl" ]; then
        ok "keep after a full page ($name): the note is on the page of $4 (p$pn)"
    else
        not_ok "keep after a full page ($name): the note is on the page of $4" "note p$pn, $4 p$pl"
    fi
    # the break moved only the tail: a line/row three before the end stays
    if [ -n "$pb" ] && [ "$pb" -lt "$pn" ] 2>/dev/null; then
        ok "keep after a full page ($name): $5 stays on the page before (p$pb)"
    else
        not_ok "keep after a full page ($name): $5 stays on the page before" "$5 p$pb, note p$pn"
    fi
    if grep -q "錯誤" "$D/$name.err"; then
        not_ok "keep after a full page ($name): no error" "$(head -n 2 "$D/$name.err")"
    else
        ok "keep after a full page ($name): no error"
    fi
done

# a table without a header lets its last row go alone (nothing is repeated
# over it): only 第36列 goes over with the note, 第35列 stays on page 1
p35=$(page_of "$D/table-36-0.dump" "第35列")
if [ "$p35" = 1 ]; then ok "headerless table: only the last row goes over with the note"
else not_ok "headerless table: only the last row goes over with the note" "第35列 on p$p35"; fi

# Under a repeated header the last group goes alone when it is several rows
# joined by a spanned cell (a category of the strategy grid, a clerk's
# 合併列): only a lone last row takes the row before along (review T2, T13:
# a 286 pt category moved with the last one left its page 42% full). 29
# single rows, a 3-row group 組1 and a 4-row group 組2 under a header: 組1
# fits on page 1, 組2 does not.
awk 'BEGIN {
    print "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\" xml:lang=\"zh-TW\">"
    print "<fo:layout-master-set><fo:simple-page-master master-name=\"A4\" page-width=\"210mm\""
    print " page-height=\"297mm\" margin=\"20mm\"><fo:region-body/></fo:simple-page-master>"
    print "</fo:layout-master-set><fo:page-sequence master-reference=\"A4\">"
    print "<fo:flow flow-name=\"xsl-region-body\" font-family=\"TW-Kai\" font-size=\"12pt\" line-height=\"20pt\">"
    print "<fo:table><fo:table-column column-width=\"30mm\"/><fo:table-column column-width=\"proportional-column-width(1)\"/>"
    print "<fo:table-header><fo:table-row><fo:table-cell><fo:block>類別</fo:block></fo:table-cell>"
    print "<fo:table-cell><fo:block>項目</fo:block></fo:table-cell></fo:table-row></fo:table-header><fo:table-body>"
    for (i = 1; i <= 29; i++)
        printf "<fo:table-row><fo:table-cell><fo:block>單%02d</fo:block></fo:table-cell><fo:table-cell><fo:block>第%02d列</fo:block></fo:table-cell></fo:table-row>\n", i, i
    for (g = 1; g <= 2; g++) {
        n = g == 1 ? 3 : 4
        for (i = 1; i <= n; i++) {
            printf "<fo:table-row>"
            if (i == 1) printf "<fo:table-cell number-rows-spanned=\"%d\"><fo:block>組%d</fo:block></fo:table-cell>", n, g
            printf "<fo:table-cell><fo:block>組%d之%d</fo:block></fo:table-cell></fo:table-row>\n", g, i
        }
    }
    print "</fo:table-body></fo:table></fo:flow></fo:page-sequence></fo:root>"
}' > "$D/lastgroup.fo"
run_gr render "$D/lastgroup.fo" -o "$D/lastgroup.pdf" --dump-boxes "$D/lastgroup.dump" 2> "$D/lastgroup.err"
g1=$(page_of "$D/lastgroup.dump" "組1之3"); g2=$(page_of "$D/lastgroup.dump" "組2之1")
if [ "$g1" = 1 ] && [ "$g2" = 2 ]; then
    ok "headed table: a last group of spanned rows goes alone, the group before stays (組1 p1, 組2 p2)"
else
    not_ok "headed table: a last group of spanned rows goes alone, the group before stays" "組1 p$g1, 組2 p$g2"
fi

# A spanned label (the strategy grid's category) shorter than a page is not
# split where it starts, to go on mid-sentence on the next page (review
# T17, issue 10 class 6): 32 rows under a header leave three lines; the
# group's label has six lines and its 40 rows one each (taller than a page,
# so it cannot move whole): the group starts on page 2.
awk 'BEGIN {
    print "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\" xml:lang=\"zh-TW\">"
    print "<fo:layout-master-set><fo:simple-page-master master-name=\"A4\" page-width=\"210mm\""
    print " page-height=\"297mm\" margin=\"20mm\"><fo:region-body/></fo:simple-page-master>"
    print "</fo:layout-master-set><fo:page-sequence master-reference=\"A4\">"
    print "<fo:flow flow-name=\"xsl-region-body\" font-family=\"TW-Kai\" font-size=\"12pt\" line-height=\"20pt\">"
    print "<fo:table><fo:table-column column-width=\"30mm\"/><fo:table-column column-width=\"proportional-column-width(1)\"/>"
    print "<fo:table-header><fo:table-row><fo:table-cell><fo:block>類別</fo:block></fo:table-cell>"
    print "<fo:table-cell><fo:block>項目</fo:block></fo:table-cell></fo:table-row></fo:table-header><fo:table-body>"
    for (i = 1; i <= 32; i++)
        printf "<fo:table-row><fo:table-cell><fo:block>單%02d</fo:block></fo:table-cell><fo:table-cell><fo:block>第%02d列</fo:block></fo:table-cell></fo:table-row>\n", i, i
    for (i = 1; i <= 40; i++) {
        printf "<fo:table-row>"
        if (i == 1) {
            printf "<fo:table-cell number-rows-spanned=\"40\">"
            for (k = 1; k <= 6; k++) printf "<fo:block>標籤第%d行</fo:block>", k
            printf "</fo:table-cell>"
        }
        printf "<fo:table-cell><fo:block>組之%d</fo:block></fo:table-cell></fo:table-row>\n", i
    }
    print "</fo:table-body></fo:table></fo:flow></fo:page-sequence></fo:root>"
}' > "$D/spanlabel.fo"
run_gr render "$D/spanlabel.fo" -o "$D/spanlabel.pdf" --dump-boxes "$D/spanlabel.dump" 2> "$D/spanlabel.err"
l1=$(page_of "$D/spanlabel.dump" "標籤第1行"); l6=$(page_of "$D/spanlabel.dump" "標籤第6行")
r1=$(page_of "$D/spanlabel.dump" "組之1"); r32=$(page_of "$D/spanlabel.dump" "第32列")
if [ -n "$l1" ] && [ "$l1" = "$l6" ] && [ "$l1" = "$r1" ] && [ "$r32" = 1 ]; then
    ok "a spanned label shorter than a page is not split where it starts: its group starts on p$l1 (第32列 on p1)"
else
    not_ok "a spanned label shorter than a page is not split where it starts" "label lines 1/6 on p$l1/p$l6, its first row p$r1, 第32列 p$r32"
fi

# A chain of keeps longer than a page (keep-with-next="always" on each of
# 80 one-line blocks) cannot be kept: the pages break where they must, with
# a 提醒 naming the chain's first block, and the document is made (it used
# to be refused, as if the FO were invalid).
awk 'BEGIN {
    print "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\" xml:lang=\"zh-TW\">"
    print "<fo:layout-master-set><fo:simple-page-master master-name=\"A4\" page-width=\"210mm\""
    print " page-height=\"297mm\" margin=\"20mm\"><fo:region-body/></fo:simple-page-master>"
    print "</fo:layout-master-set><fo:page-sequence master-reference=\"A4\">"
    print "<fo:flow flow-name=\"xsl-region-body\" font-family=\"TW-Kai\" font-size=\"12pt\" line-height=\"20pt\">"
    for (i = 1; i <= 80; i++)
        printf "<fo:block keep-with-next=\"always\">連鎖第%02d段：每一段都要求與下一段同頁。</fo:block>\n", i
    print "</fo:flow></fo:page-sequence></fo:root>"
}' > "$D/chain.fo"
if run_gr render "$D/chain.fo" -o "$D/chain.pdf" --dump-boxes "$D/chain.dump" 2> "$D/chain.err"; then
    ok "keep chain longer than a page: renders"
else
    not_ok "keep chain longer than a page: renders" "$(head -n 3 "$D/chain.err")"
fi
n=$(awk -F '	' '$1 == "line" && index($7, "連鎖第") == 1' "$D/chain.dump" 2>/dev/null | wc -l)
if [ "$n" -eq 80 ]; then ok "keep chain longer than a page: all 80 blocks printed"
else not_ok "keep chain longer than a page: all 80 blocks printed" "$n lines"; fi
if grep -q "chain.fo:6: 提醒" "$D/chain.err" && grep -q "keep-with-next" "$D/chain.err"; then
    ok "keep chain longer than a page: a 提醒 names the chain's first block (line 6)"
else
    not_ok "keep chain longer than a page: a 提醒 names the chain's first block (line 6)" "$(head -n 2 "$D/chain.err")"
fi
finish

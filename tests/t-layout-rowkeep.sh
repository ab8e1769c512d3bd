#!/bin/sh
# t-layout-rowkeep.sh — keeps between table rows: a table of 20pt rows whose
# 36th row is the last that fits on page 1 (A4, 20mm margins: 728.5pt of
# body). With keep-with-next="always" on row 36, or keep-with-previous on
# row 37, both rows start page 2; without keeps row 37 alone does.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools awk
D=$WORK/rowkeep
mkdir -p "$D"

# rowkeep_fo ROW ATTRIBUTE > FILE: 60 rows, ATTRIBUTE on row ROW (0: none)
rowkeep_fo() {
    awk -v kr="$1" -v ka="$2" 'BEGIN {
        print "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\" xml:lang=\"zh-TW\">"
        print "<fo:layout-master-set><fo:simple-page-master master-name=\"A4\" page-width=\"210mm\""
        print " page-height=\"297mm\" margin=\"20mm\"><fo:region-body/></fo:simple-page-master>"
        print "</fo:layout-master-set><fo:page-sequence master-reference=\"A4\">"
        print "<fo:flow flow-name=\"xsl-region-body\" font-family=\"TW-Kai\" font-size=\"12pt\" line-height=\"20pt\">"
        print "<fo:table><fo:table-column column-width=\"proportional-column-width(1)\"/><fo:table-body>"
        for (i = 1; i <= 60; i++)
            printf "<fo:table-row%s><fo:table-cell><fo:block>第%02d列</fo:block></fo:table-cell></fo:table-row>\n",
                   (i == kr ? " " ka : ""), i
        print "</fo:table-body></fo:table></fo:flow></fo:page-sequence></fo:root>"
    }'
}

# page_of DUMP TEXT: the page of the line showing TEXT
page_of() { awk -F '	' -v t="$2" '$1 == "line" && $7 == t { print $2; exit }' "$1"; }

for case in "none 0 x" "next 36 keep-with-next=\"always\"" "previous 37 keep-with-previous=\"always\""; do
    name=${case%% *}; rest=${case#* }; row=${rest%% *}; attr=${rest#* }
    rowkeep_fo "$row" "$attr" > "$D/$name.fo"
    if ! run_gr render "$D/$name.fo" -o "$D/$name.pdf" --dump-boxes "$D/$name.dump" 2> "$D/$name.err"; then
        not_ok "row keeps ($name): renders" "$(head -n 3 "$D/$name.err")"
        continue
    fi
    p36=$(page_of "$D/$name.dump" "第36列"); p37=$(page_of "$D/$name.dump" "第37列")
    p35=$(page_of "$D/$name.dump" "第35列")
    if [ "$name" = none ]; then want="1 1 2"; else want="1 2 2"; fi
    if [ "$p35 $p36 $p37" = "$want" ]; then
        ok "row keeps ($name): rows 35, 36, 37 on pages $want"
    else
        not_ok "row keeps ($name): rows 35, 36, 37 on pages $want" "got pages $p35 $p36 $p37"
    fi
done
finish

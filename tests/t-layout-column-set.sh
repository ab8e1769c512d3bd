#!/bin/sh
# t-layout-column-set.sh — tables of one gr:column-set are sized as one
# (review T16: the bands of a 統計表 whose label and group columns did not
# line up). tests/fo/layout/column-set.fo has three tables of the set
# "bands" — twelve columns of seven-digit counts, twelve of one- and
# two-digit counts, six of those — and, last, the second again without a
# set. The three take the same width for every column they share (the
# label column, squeezed by the wide counts of the first, alike in all);
# the six-column one is that much narrower; the table of no set is sized
# alone (its label column wider). Then held-district.xml's seven 里 in
# bands of four and three: the bands' label and group columns line up.
# Then tests/audit/latin-groups.xml (review T19): nine 原生國籍 groups
# whose counts fit one band but whose names (「菲律賓（Philippines）」) do
# not: the names decide the bands — two, every Latin word whole, no 提醒.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools awk
D=$WORK/column-set
mkdir -p "$D"
FO=$TESTS_DIR/fo/layout/column-set.fo
if ! run_gr render "$FO" -o "$D/c.pdf" --dump-boxes "$D/c.dump" 2> "$D/c.err"; then
    not_ok "column-set.fo renders" "$(head -n 3 "$D/c.err")"
    : > "$D/c.dump"
fi
# "table col x w" of the first-row cells, tables numbered as they start
awk -F '\t' '$1 == "cell" && $7 == 0 { if ($8 == 0) t++; print t, $8, $3, $5 }' "$D/c.dump" > "$D/cols"
same=$(awk '$1 <= 3 { k = $2; if (k in x) { if (x[k] != $3 || w[k] != $4) bad++ } else { x[k] = $3; w[k] = $4 } }
    END { print bad + 0 }' "$D/cols")
n=$(awk '$1 <= 3' "$D/cols" | wc -l)
if [ "$n" -eq 33 ] && [ "$same" -eq 0 ]; then
    ok "the three tables of the set: every shared column at one place and width"
else
    not_ok "the three tables of the set: every shared column at one place and width" "$n cells, $same differ" "$(tr '\n' ';' < "$D/cols")"
fi
r=$(awk '$1 == 3 { e = $3 + $4 } END { print e }' "$D/cols")
R=$(awk '$1 == 1 { e = $3 + $4 } END { print e }' "$D/cols")
if [ -n "$r" ] && [ -n "$R" ] && awk -v r="$r" -v R="$R" 'BEGIN { exit !(r < R - 100) }'; then
    ok "the set's table of six columns is narrower (ends at $r, the others at $R)"
else
    not_ok "the set's table of six columns is narrower" "ends at $r, the widest at $R"
fi
l2=$(awk '$1 == 2 && $2 == 0 { print $4 }' "$D/cols")
l4=$(awk '$1 == 4 && $2 == 0 { print $4 }' "$D/cols")
if [ -n "$l2" ] && [ -n "$l4" ] && awk -v a="$l2" -v b="$l4" 'BEGIN { exit !(b > a + 5) }'; then
    ok "a table of no set is sized alone (label column $l4 against the set's $l2)"
else
    not_ok "a table of no set is sized alone" "label column $l4 against the set's $l2"
fi

# held-district.xml: the 統計表 of seven 里 (bands 青山里… and 華江里…)
X=$TESTS_DIR/audit/held-district.xml
if ! run_gr build "$X" -o "$D/d.pdf" --dump-boxes "$D/d.dump" 2> "$D/d.err"; then
    not_ok "held-district.xml builds" "$(head -n 3 "$D/d.err")"
    finish
fi
# the page of the bands; the x and width of every header cell of row 0
# (the label corner, then the groups) of each band
p=$(awk -F '\t' '$1 == "line" && $7 == "華江里" { print $2; exit }' "$D/d.dump")
awk -F '\t' -v p="$p" '$1 == "cell" && $2 == p && $7 == 0 && $9 == 2 && $8 == 0 { t++ }
    $1 == "cell" && $2 == p && $7 == 0 && t > 0 && $4 > 300 && $5 < 400 && ($8 == 0 || $10 > 1) { print t, $8, $3, $5 }' "$D/d.dump" > "$D/bands"
bad=$(awk '{ k = $2; if (k in x) { if (x[k] != $3 || w[k] != $4) bad++ } else { x[k] = $3; w[k] = $4 } } END { print bad + 0 }' "$D/bands")
nb=$(awk '{ print $1 }' "$D/bands" | sort -u | wc -l)
if [ "$nb" -eq 2 ] && [ "$bad" -eq 0 ]; then
    ok "held-district.xml p$p: the two bands' label corner and group columns line up"
else
    not_ok "held-district.xml p$p: the two bands' label corner and group columns line up" "$nb bands, $bad differ" "$(tr '\n' ';' < "$D/bands")"
fi

L=$D/lg
rm -rf "$L" && mkdir -p "$L" && cp "$TESTS_DIR/audit/latin-groups.xml" "$L/" && cp -r "$ROOT/data/taipei/112/images" "$L/"
if run_gr build "$L/latin-groups.xml" -o "$L/l.pdf" --dump-boxes "$L/l.dump" 2> "$L/l.err"; then
    whole=""
    for w in "（Indonesia）" "（Philippines）" "（Thailand）" "（Myanmar）"; do
        awk -F '\t' -v w="$w" '$1 == "line" && index($7, w) { f = 1 } END { exit !f }' "$L/l.dump" || whole="$whole $w"
    done
    bands=$(awk -F '\t' '$1 == "line" && $7 == "新住民學員"' "$L/l.dump" | wc -l)
    if [ -z "$whole" ] && [ "$bands" -eq 2 ] && ! grep -q "只好在字元之間斷行" "$L/l.err"; then
        ok "latin-groups.xml: the 原生國籍 table in two bands, every Latin name whole, no 提醒"
    else
        not_ok "latin-groups.xml: the 原生國籍 table in two bands, every Latin name whole, no 提醒" \
            "broken:$whole; bands $bands; $(grep -c '只好在字元之間斷行' "$L/l.err") 提醒" \
            "$(awk -F '\t' '$1 == "line" && $7 ~ /[A-Za-z]/ { printf "%s | ", $7 }' "$L/l.dump")"
    fi
else
    not_ok "latin-groups.xml builds" "$(head -n 3 "$L/l.err")"
fi
finish

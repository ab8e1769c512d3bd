#!/bin/sh
# t-layout-audit.sh — the layout audit over every sample and fixture: each
# data file (data/, the results fixtures, tests/audit/*.xml) is
# built and each FO file (tests/fo/*.fo, tests/fo/layout/*.fo,
# tests/audit/*.fo) rendered with --dump-boxes; tests/tools/audit.pl counts
# the typesetter's faults (names taken from the data file) and prints them;
# every count must be zero unless tests/audit/expect.txt lists it, with its
# reason, for a fixture made to exercise a last resort. Data fixtures are
# built in both editions (FILE:internal prints full names).
. "$(dirname "$0")/lib.sh"
require_gr
require_tools perl xmllint pdftotext
D=$WORK/audit
mkdir -p "$D"
EXPECT=$TESTS_DIR/audit/expect.txt
NO_GAPS='s/[\s\x{A0}\x{2000}-\x{200D}\x{2028}-\x{202F}\x{205F}\x{2060}\x{3000}\x{FEFF}\x{AD}]//g'
NAMES="empty_fragment row_start_split cell_orphan heading_last prohibited short_last lone_char number_broken name_broken cjk_gap outside underfull span_unlabelled span_split merged_empty chart_overlap chart_outside chart_detached chart_unlegended photo_uncaptioned photo_size photo_crowded word_broken"

# expected FILE NAME: the listed count (0 when not listed)
expected() {
    awk -v f="$1" -v k="$2" '$1 == f { for (i = 2; i <= NF; i++) if (index($i, k "=") == 1) { print substr($i, length(k) + 2); exit } }' "$EXPECT" |
        grep . || echo 0
}

# audit LABEL DUMP NAMES: count, print, compare with expect.txt's counts
# for LABEL
audit() {
    perl "$TOOLS/audit.pl" -v -n "$3" "$2" > "$2.audit"
    counts=$(head -n 1 "$2.audit")
    printf '# audit %s: %s\n' "$1" "$counts"
    bad=""
    for k in $NAMES; do
        got=$(printf '%s\n' "$counts" | tr ' ' '\n' | sed -n "s/^$k=//p")
        want=$(expected "$1" "$k")
        [ "$got" = "$want" ] || bad="$bad $k=$got (expected $want)"
    done
    if [ -z "$bad" ]; then
        ok "audit $1: counts as expected"
    else
        not_ok "audit $1: counts as expected" "$bad"
        tail -n +2 "$2.audit" | head -n 12 | sed 's/^#   /  /'
    fi
}

cd "$ROOT" || exit 2
# the fixtures' photos are the sample's (images/…, as t-results.sh copies them)
# or their own, in a folder beside them (tests/audit/held-district/…)
mkdir -p "$D/img" && rm -rf "$D/img/images" && cp -r data/taipei/112/images "$D/img/"
for d in tests/audit/*/; do
    [ -d "$d" ] || continue
    rm -rf "$D/img/$(basename "$d")" && cp -r "$d" "$D/img/"
done
for f in data/*/*/results.xml tests/fixtures/results/base-112.xml tests/audit/*.xml \
         tests/fo/*.fo tests/fo/layout/*.fo tests/audit/*.fo; do
    [ -f "$f" ] || continue
    b=$(echo "$f" | tr / _)
    case $f in
        tests/fixtures/results/*.xml|tests/audit/*.xml)
            grep -o '<姓名[^>]*>[^<]*</姓名>' "$f" | sed 's/<[^>]*>//g' | sort -u > "$D/$b.names"
            cp "$f" "$D/img/$b"
            # the internal edition too: full names are never broken either
            if run_gr build "$D/img/$b" --internal -o "$D/$b.int.pdf" --dump-boxes "$D/$b.int.dump" \
                   > /dev/null 2> "$D/$b.int.err"; then
                audit "$f:internal" "$D/$b.int.dump" "$D/$b.names"
            else
                not_ok "audit $f:internal: renders" "$(head -n 3 "$D/$b.int.err")"
            fi
            run_gr build "$D/img/$b" -o "$D/$b.pdf" --dump-boxes "$D/$b.dump" > /dev/null 2> "$D/$b.err" ;;
        tests/fo/layout/graphics.fo) continue ;;    # its images are made by t-layout.sh, audited there
        tests/audit/photo-*.fo)                      # beside the sample's images
            : > "$D/$b.names"
            cp "$f" "$D/img/$b"
            run_gr render "$D/img/$b" -o "$D/$b.pdf" --dump-boxes "$D/$b.dump" > /dev/null 2> "$D/$b.err" ;;
        *.xml)
            grep -o '<姓名[^>]*>[^<]*</姓名>' "$f" | sed 's/<[^>]*>//g' | sort -u > "$D/$b.names"
            run_gr build "$f" -o "$D/$b.pdf" --dump-boxes "$D/$b.dump" > /dev/null 2> "$D/$b.err" ;;
        *)
            : > "$D/$b.names"
            run_gr render "$f" -o "$D/$b.pdf" --dump-boxes "$D/$b.dump" > /dev/null 2> "$D/$b.err" ;;
    esac
    if [ $? -ne 0 ]; then
        not_ok "audit $f: renders" "$(head -n 3 "$D/$b.err")"
        continue
    fi
    audit "$f" "$D/$b.dump" "$D/$b.names"
    # the public edition of a data file prints no declared full name
    # (white space removed: a name broken over two lines counts too), whatever
    # path of the templates printed it
    case $f in
        *.xml)
            xmllint --xpath '//*[local-name()="姓名"][not(@遮蔽="否")]/text()' "$f" 2> /dev/null |
                sed 's/^ *//; s/ *$//' | awk 'length($0) > 1' | sort -u > "$D/$b.full"
            # every white space and invisible character removed (U+3000,
            # no-break, zero-width space…: what a paste leaves in a name)
            pdftotext "$D/$b.pdf" - 2> /dev/null | perl -CSD -pe "$NO_GAPS" > "$D/$b.txt"
            leaks=$(while IFS= read -r n; do
                        grep -q -F -- "$(printf '%s' "$n" | perl -CSD -pe "$NO_GAPS")" "$D/$b.txt" && printf ' %s' "$n"
                    done < "$D/$b.full")
            if [ -s "$D/$b.txt" ] && [ -z "$leaks" ]; then
                ok "public $f: none of its $(grep -c . "$D/$b.full") declared names in full"
            else
                not_ok "public $f: none of its declared names in full" "found:$leaks"
            fi ;;
    esac
done

# names-fields.xml: the fields printed as plain text (course titles, an
# analysis title, a 對象 cell, a member's title, a caption) print the masked
# names, each whole (name_broken above counts 0)
nf=$D/tests_audit_names-fields.xml.dump
if [ -f "$nf" ]; then
    joined=$(awk -F'\t' '$1 == "line" { printf "%s", $7 }' "$nf" | tr -d ' ')
    missing=""
    for w in 藝術家廖○珠的創作與生活 策展實務的性別觀點：江○月策展經驗分享 以女性藝術家潘○綺捐贈作品為例 \
             女性藝術家展覽廖○珠回顧展參與者 資深編審暨江○月策展團隊成員 研究員吳○翰說明入藏; do
        case $joined in *"$w"*) ;; *) missing="$missing $w" ;; esac
    done
    if [ -z "$missing" ]; then
        ok "names-fields.xml: the fields printed as plain text carry the masked names"
    else
        not_ok "names-fields.xml: the fields printed as plain text carry the masked names" "missing:$missing"
    fi
fi

# the clerk's own 表格 of twelve months in wide-stats.xml does not fit
# even at 80%: its cells' side padding is cut and no count breaks (it broke
# twelve, each with a 提醒, before); the district table's counts, which fit
# when set smaller, get none, nor does the six-line metro 統計表, printed
# in two bands of three lines
w=tests/audit/wide-stats.xml
wl=$(grep -n '<列><格>文湖線</格>' "$w" | head -n 1 | cut -d: -f1)
dl=$(grep -n '松山區' "$w" | head -n 1 | cut -d: -f1)
ml=$(grep -n '<組><名稱>文湖線' "$w" | head -n 1 | cut -d: -f1)
werr=$D/$(echo "$w" | tr / _).err
if [ -n "$wl" ] && ! grep -q ":$wl: 提醒.*斷行" "$werr" && ! grep -q ":$dl: 提醒.*斷行" "$werr" &&
   ! grep -q ":$ml: 提醒.*斷行" "$werr"; then
    ok "wide-stats.xml: the twelve-month 表格 (line $wl) fits with its padding cut; the district counts (line $dl) set smaller, the metro 統計表 (line $ml) in bands, not broken"
else
    not_ok "wide-stats.xml: the twelve-month 表格 (line $wl) fits with its padding cut; the district counts (line $dl) set smaller, the metro 統計表 (line $ml) in bands, not broken" \
        "$(grep '斷行' "$werr" | head -n 3)"
fi
# a count too wide even at 80% gets the cells' side padding cut before it
# is broken (the first table of tight-columns.fo: no 提醒, nothing broken);
# only when even the padding's floor is not enough is it broken, with a
# 提醒 at its line (tight-columns.fo's second table)
t=tests/audit/tight-columns.fo
terr=$D/$(echo "$t" | tr / _).err
tl1=$(grep -n '1,284,031' "$t" | head -n 1 | cut -d: -f1)
tl2=$(grep -n '3,104,552' "$t" | head -n 1 | cut -d: -f1)
if ! grep -q ":$tl1: 提醒.*斷行" "$terr" && grep -q ":$tl2: 提醒.*「3,104,552」.*縮小到 80% 仍" "$terr"; then
    ok "tight columns: padding cut before a count breaks ($t:$tl1); broken only past the floor, with a 提醒 ($t:$tl2)"
else
    not_ok "tight columns: padding cut before a count breaks ($t:$tl1); broken only past the floor, with a 提醒 ($t:$tl2)" \
        "$(grep -h '斷行' "$terr" | head -n 3)"
fi
# a table whose cells break past every remedy prints at most three such
# notes and one more counting the rest (S3: 121 lines for one 42-column
# table), at the table's data
n_said=$(grep -c ":$tl2: 提醒.*縮小到 80% 仍" "$terr")
if [ "$n_said" -le 3 ] && grep -q ": 提醒.*此表另有 12 格同樣縮小仍太寬" "$terr"; then
    ok "tight columns: three cell notes and one for the other 12 cells of $t:$tl2"
else
    not_ok "tight columns: three cell notes and one for the other 12 cells of $t:$tl2" \
        "$n_said cell notes; $(grep -c '此表另有' "$terr") summaries"
fi
# a 統計表 of more groups than its columns can hold is printed in bands,
# each with the label columns: wide-stats' metro table (six lines) in two
# tables of three, held-district's seven 里 (with 其他) in four and three
for spec in "wide-stats.xml 淡水信義線 中和新蘆線" "held-district.xml 青山里 華江里"; do
    set -- $spec
    dump=$D/tests_audit_$1.dump
    # the header cells naming the first group of each band: two tables,
    # each with its own 對象 label cell
    n=$(awk -F'\t' -v a="$2" -v b="$3" '$1 == "line" && ($7 == a || $7 == b) { print $2 ":" $7 }' "$dump" | sort -u | wc -l)
    k=$(awk -F'\t' '$1 == "line" && ($7 == "電子票證刷卡人次" || $7 ~ /^參與/) { c++ } END { print c + 0 }' "$dump")
    if [ "$n" -eq 2 ] && [ "$k" -ge 2 ]; then
        ok "$1: the wide 統計表 in bands ($2 …, $3 …), each with its label column"
    else
        not_ok "$1: the wide 統計表 in bands ($2 …, $3 …), each with its label column" "header cells $n, label cells $k"
    fi
done

# shares: a non-zero count is never 「0%」 (pie labels of wide-stats.xml:
# 3 of 42,409 is 「其他 <1%」), and a small slice is labelled outside
wd=$D/$(echo "$w" | tr / _).dump
if grep -q "$(printf '^svgtext\t.*\t其他 <1%%$')" "$wd" &&
   ! grep -q "$(printf '^svgtext\t.*\t\\(其他 \\)\\{0,1\\}0%%$')" "$wd"; then
    ok "wide-stats.xml: a tiny share prints 「其他 <1%」, never 「0%」"
else
    not_ok "wide-stats.xml: a tiny share prints 「其他 <1%」, never 「0%」" \
        "$(grep -c "$(printf '^svgtext')" "$wd") chart texts"
fi

# the 統計表's 百分比 row follows the same convention: 其他 45 of 4,769,178
# (松山區) and the three other districts' 其他 print 「<1%」, and no cell
# of the report prints 「0%」 (a true zero of 其他 prints 「-」)
n_lt=$(awk -F'\t' '$1 == "line" && $7 == "<1%"' "$wd" | wc -l)
n_0=$(awk -F'\t' '$1 == "line" && $7 == "0%"' "$wd" | wc -l)
if [ "$n_lt" -eq 4 ] && [ "$n_0" -eq 0 ]; then
    ok "wide-stats.xml: the district table's four small 其他 shares print 「<1%」, no cell 「0%」"
else
    not_ok "wide-stats.xml: the district table's four small 其他 shares print 「<1%」, no cell 「0%」" "$n_lt 「<1%」, $n_0 「0%」"
fi

# the chart labels are checked against every bar and slice the reader sees:
# wide-stats.xml draws 6 × 2 bars and 17 slices (six pies, the 其他 of 板南線
# is 0); tests/audit/chart-labels.fo (expect.txt) proves the check fires
if grep -q '^# chart labels checked against 12 bars and 17 slices$' "$wd.audit"; then
    ok "wide-stats.xml: chart labels checked against its 12 bars and 17 slices"
else
    not_ok "wide-stats.xml: chart labels checked against its 12 bars and 17 slices" "$(grep '^# chart' "$wd.audit")"
fi

# a photo's 寬 beyond the form's 100 mm (many-groups.xml: 寬="16cm", as
# copied from Word) is printed at most 100 mm wide (photo_size above counts
# 0) with a 提醒 S3 at its line
m=tests/audit/many-groups.xml
ml=$(grep -n '寬="16cm"' "$m" | cut -d: -f1)
if grep -q ":$ml: 提醒.*「16cm」.*100mm.*S3" "$D/$(echo "$m" | tr / _).err"; then
    ok "many-groups.xml: 寬=\"16cm\" printed within 100 mm, with a 提醒 S3 at line $ml"
else
    not_ok "many-groups.xml: 寬=\"16cm\" printed within 100 mm, with a 提醒 S3 at line $ml" \
        "$(grep 'S3' "$D/$(echo "$m" | tr / _).err" | head -n 2)"
fi

# a no-break space is a space, not the CNS font's full-em 「NB SP」 box
nbw=$(awk -F'\t' '$1 == "line" { print $5; exit }' "$D/tests_audit_nbsp.fo.dump")
if [ -n "$nbw" ] && awk -v w="$nbw" 'BEGIN { exit !(w < 90) }'; then
    ok "nbsp.fo: 性別 平等 with a no-break space is ${nbw}pt wide (under 4.5 em)"
else
    not_ok "nbsp.fo: 性別 平等 with a no-break space is ${nbw}pt wide (under 4.5 em)"
fi

# a photo enlarged to fewer than 150 pixels an inch: a 提醒 at its line
if grep -q ":14: 提醒.*hackathon-1.png.*108 ppi" "$D/tests_audit_photo-enlarged.fo.err"; then
    ok "photo-enlarged.fo: the enlarged screenshot gets a 提醒 at line 14 (108 ppi)"
else
    not_ok "photo-enlarged.fo: the enlarged screenshot gets a 提醒 at line 14 (108 ppi)" \
        "$(head -n 3 "$D/tests_audit_photo-enlarged.fo.err")"
fi

# cjk_gap is measured from where the glyphs were drawn (the gpos records),
# not from the engine's own gap figure (the lpos record's last field), and
# lone_char finds a lone character inside a paragraph: a dump written by
# hand (12pt glyphs), whatever the engine does today. 甲乙丙丁 18pt apart
# (0.5 em beyond 1 em: counted, though lpos says 0); 戊己庚辛 17.9pt apart
# (0.49 em: not); 子丑寅卯 1 em apart (not, though lpos says 0.9); 「好，
# 好」 with the comma set half wide (its own advance: not); 「第」 alone as
# line 2 of 3 (lone_char)
h=$D/by-hand.dump
T=$(printf '\t')
cat > "$h" <<EOD
page${T}1${T}595.28${T}841.89
body${T}1${T}56.69${T}56.69${T}481.89${T}728.5
lpos${T}1${T}10${T}1${T}2${T}0${T}0
line${T}1${T}56.69${T}56.69${T}66${T}18${T}甲乙丙丁
gpos${T}1${T}56.69,12,12,1 74.69,12,12,1 92.69,12,12,1 110.69,12,12,1
lpos${T}1${T}10${T}2${T}2${T}0${T}0
line${T}1${T}56.69${T}74.69${T}65.7${T}18${T}戊己庚辛
gpos${T}1${T}56.69,12,12,1 74.59,12,12,1 92.49,12,12,1 110.39,12,12,1
lpos${T}1${T}11${T}1${T}2${T}0${T}0.9
line${T}1${T}56.69${T}92.69${T}48${T}18${T}子丑寅卯
gpos${T}1${T}56.69,12,12,1 68.69,12,12,1 80.69,12,12,1 92.69,12,12,1
lpos${T}1${T}11${T}2${T}2${T}0${T}0
line${T}1${T}56.69${T}110.69${T}30${T}18${T}好，好
gpos${T}1${T}56.69,12,12,1 68.69,6,12,1 74.69,12,12,1
lpos${T}1${T}12${T}1${T}3${T}0${T}0
line${T}1${T}56.69${T}128.69${T}48${T}18${T}案例北市
gpos${T}1${T}56.69,12,12,1 68.69,12,12,1 80.69,12,12,1 92.69,12,12,1
lpos${T}1${T}12${T}2${T}3${T}0${T}0
line${T}1${T}56.69${T}146.69${T}12${T}18${T}第
gpos${T}1${T}56.69,12,12,1
lpos${T}1${T}12${T}3${T}3${T}0${T}0
line${T}1${T}56.69${T}164.69${T}84${T}18${T}113301234567號
gpos${T}1${T}56.69,6,12,1 62.69,6,12,1 68.69,6,12,1 74.69,6,12,1 80.69,6,12,1 86.69,6,12,1 92.69,6,12,1 98.69,6,12,1 104.69,6,12,1 110.69,6,12,1 116.69,6,12,1 122.69,6,12,1 128.69,12,12,1
EOD
hc=$(perl "$TOOLS/audit.pl" -v -n /dev/null "$h")
if printf '%s\n' "$hc" | head -n 1 | grep -q ' lone_char=1 .* cjk_gap=1 ' &&
   printf '%s\n' "$hc" | grep -q "$(printf '^#   cjk_gap\tpage 1\t0.50 em: 甲乙丙丁$')"; then
    ok "audit by hand: cjk_gap from glyph positions (甲乙丙丁 at 0.5 em, not the engine's figure), lone_char 「第」"
else
    not_ok "audit by hand: cjk_gap from glyph positions (甲乙丙丁 at 0.5 em, not the engine's figure), lone_char 「第」" "$hc"
fi

# span_split: a row-spanned label whose own text runs over a page (review
# T17: 「…或相較 | 於現行法令…之二」), by hand as above: serial 7's label
# goes on on page 2 (counted), serial 8 has only its 「(三)（續）」 there (not)
h2=$D/by-hand-span.dump
cat > "$h2" <<EOD
page${T}1${T}595.28${T}841.89
body${T}1${T}56.69${T}56.69${T}481.89${T}728.5
lpos${T}1${T}50${T}1${T}2${T}0${T}0
line${T}1${T}60${T}760${T}48${T}18${T}(二) 針對
gpos${T}1${T}60,6,12,1 66,6,12,1 72,6,12,1 78,3,12,1 81,12,12,1 93,12,12,1
cell${T}1${T}56.69${T}757${T}100${T}28${T}4${T}0${T}2${T}1${T}50${T}7
lpos${T}1${T}60${T}1${T}1${T}0${T}0
line${T}1${T}60${T}700${T}48${T}18${T}(三) 積極
gpos${T}1${T}60,6,12,1 66,6,12,1 72,6,12,1 78,3,12,1 81,12,12,1 93,12,12,1
cell${T}1${T}56.69${T}697${T}100${T}58${T}2${T}0${T}2${T}1${T}60${T}8
page${T}2${T}595.28${T}841.89
body${T}2${T}56.69${T}56.69${T}481.89${T}728.5
lpos${T}2${T}50${T}2${T}2${T}0${T}0
line${T}2${T}60${T}60${T}60${T}18${T}於現行法令
gpos${T}2${T}60,12,12,1 72,12,12,1 84,12,12,1 96,12,12,1 108,12,12,1
cell${T}2${T}56.69${T}56.69${T}100${T}40${T}4${T}0${T}2${T}1${T}50${T}7
line${T}2${T}60${T}110${T}60${T}18${T}(三)（續）
gpos${T}2${T}60,6,12,1 66,6,12,1 72,6,12,1 78,12,12,1 90,12,12,1 102,12,12,1
cell${T}2${T}56.69${T}107${T}100${T}40${T}2${T}0${T}2${T}1${T}60${T}8
EOD
hs=$(perl "$TOOLS/audit.pl" -v -n /dev/null "$h2")
if printf '%s\n' "$hs" | head -n 1 | grep -q ' span_split=1 ' && printf '%s\n' "$hs" | grep -q '^#   span_split.*於現行法令'; then
    ok "audit by hand: span_split counts a spanned label running over a page, not its 「（續）」"
else
    not_ok "audit by hand: span_split counts a spanned label running over a page, not its 「（續）」" "$hs"
fi

# a chart's category label on two lines breaks as text does (review T14),
# by hand: 「獨居長者（6 / 5歲以上）」 (number_broken), 「身心障礙者（ / 含精神
# 障礙）」 (prohibited), 「LGBTIQ+ Youth Su / pport」 (word_broken); 「原住民族
# / （都市原住民）」 is fine
h3=$D/by-hand-chart.dump
cat > "$h3" <<EOD
page${T}1${T}595.28${T}841.89
body${T}1${T}56.69${T}56.69${T}481.89${T}728.5
chart${T}1${T}56.69${T}100${T}480${T}200
svgtext${T}1${T}70${T}270${T}60${T}10${T}獨居長者（6
svgtext${T}1${T}75${T}281${T}50${T}10${T}5歲以上）
svgtext${T}1${T}170${T}270${T}60${T}10${T}身心障礙者（
svgtext${T}1${T}170${T}281${T}60${T}10${T}含精神障礙）
svgtext${T}1${T}270${T}270${T}70${T}10${T}LGBTIQ+ Youth Su
svgtext${T}1${T}275${T}281${T}60${T}10${T}pport Programme
svgtext${T}1${T}380${T}270${T}40${T}10${T}原住民族
svgtext${T}1${T}370${T}281${T}60${T}10${T}（都市原住民）
EOD
hc3=$(perl "$TOOLS/audit.pl" -v -n /dev/null "$h3" | head -n 1)
case $hc3 in
    *" prohibited=1 "*" number_broken=1 "*" word_broken=1"*)
        ok "audit by hand: a chart label on two lines is checked as text (a number, a bracket, a Latin word)" ;;
    *)  not_ok "audit by hand: a chart label on two lines is checked as text (a number, a bracket, a Latin word)" "$hc3" ;;
esac

# the pie of a group of no one (chart-names.xml: 12月新設據點, 0 and 0) is
# an outline with 「（無人數）」, not blank space (review T31), in both editions
for cd in "$D/tests_audit_chart-names.xml.dump" "$D/tests_audit_chart-names.xml.int.dump"; do
    if grep -q "^svgtext$T.*$T（無人數）\$" "$cd" && grep -q "^svgtext$T.*${T}12月新設據點\$" "$cd"; then
        ok "$(basename "$cd"): the empty group's pie says 「（無人數）」"
    else
        not_ok "$(basename "$cd"): the empty group's pie says 「（無人數）」" "$(grep -c '^svgtext' "$cd") chart texts"
    fi
done

# a photo group under a table stands 9pt below it (photo_crowded above
# counts 0: photo-after-table.xml's 統計表 and 表格, held-police's
# 委員名單), but under a table's * note, text, 6pt as under any text
pd=$D/tests_audit_photo-after-table.xml.dump
gap=$(awk -F'\t' '$1 == "line" && $7 ~ /^\*處理情形/ { b = $4 + $6; p = $2 }
                  $1 == "image" && $2 == p && $9 ~ /digital-equity-1/ { printf "%.2f", $4 - b; exit }' "$pd" 2> /dev/null)
if [ -n "$gap" ] && awk -v g="$gap" 'BEGIN { exit !(g > 5.5 && g < 6.5) }'; then
    ok "photo-after-table.xml: the photos under the 表格's * note stand 6pt below it, as under text"
else
    not_ok "photo-after-table.xml: the photos under the 表格's * note stand 6pt below it, as under text" "gap ${gap:-none}"
fi

# a short 方框 is a figure: it moves whole with its ▲ caption (review T4:
# held-edu's box of three ■ items split 2 | 1 over a page), both editions
for e in "" .int; do
    ed=$D/tests_audit_held-edu.xml$e.dump
    pages=$(awk -F'\t' '$1 == "line" && ($7 ~ /^性別平等教育委員會任一性別/ || $7 ~ /^校園空間性別友善檢核/ ||
                                         $7 ~ /^▲ 113年度學校性別平等教育績優評選加分項目/) { print $2 }' "$ed" 2> /dev/null | sort -u | tr '\n' ' ')
    n=$(printf '%s' "$pages" | wc -w)
    if [ "$n" -eq 1 ]; then
        ok "held-edu.xml$e: the short 方框 and its caption on one page ($pages)"
    else
        not_ok "held-edu.xml$e: the short 方框 and its caption on one page" "pages: $pages"
    fi
done

# 方案名稱 and a short 與性別平等關聯性 head what follows: held-police's
# 「方案名稱：女性員警擔任外勤主管比率指標建置」 and its one-line 關聯性 stand
# on the page of their pie chart (review T9: at the foot of p15, the chart
# on p16), both editions
for e in "" .int; do
    pd=$D/tests_audit_held-police.xml$e.dump
    pp=$(awk -F'\t' '$1 == "line" && $7 ~ /^方案名稱：女性員警擔任外勤/ { p = $2; f = 1 }
                     f && $1 == "chart" { print p, $2; exit }' "$pd" 2> /dev/null)
    set -- $pp
    if [ -n "$pp" ] && [ "$1" = "$2" ]; then
        ok "held-police.xml$e: 方案名稱 and its short 關聯性 on the page of their chart ($1)"
    else
        not_ok "held-police.xml$e: 方案名稱 and its short 關聯性 on the page of their chart" "pages: ${pp:-none}"
    fi
done

# an underfull page names what moved on: photo-underfull.fo's photos
# (review S5: 「(a table)」 for a photo group, nothing for a photo block)
if grep -q '^#   underfull.*next page starts: (photos)$' "$D/tests_audit_photo-underfull.fo.dump.audit"; then
    ok "photo-underfull.fo: the underfull page is said to be followed by photos"
else
    not_ok "photo-underfull.fo: the underfull page is said to be followed by photos" \
        "$(grep underfull "$D/tests_audit_photo-underfull.fo.dump.audit")"
fi

# the strategy grid's category cell asks for its label on a continuation
# page (gr:continued): 「(二)（續）」 is a line of page 2 inside that cell
if awk -F'\t' '$1 == "line" && $2 == 2 && $7 == "(二)（續）" { f = 1 } END { exit !f }' \
       "$D/tests_audit_continued.fo.dump"; then
    ok "continued.fo: page 2 repeats the category label as 「(二)（續）」"
else
    not_ok "continued.fo: page 2 repeats the category label as 「(二)（續）」"
fi
finish

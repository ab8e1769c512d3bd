#!/bin/sh
# t-mistakes.sh — the catalogue of typical mistakes (tests/fixtures/mistakes/
# NAME.sed, each one edit of tests/fixtures/results/base-112.xml, as a clerk
# would make it): `gereport check` names the right line first, says what is
# wrong in the form's words, names the element to fix, has an English half,
# and an XML syntax error is reported once (its first cause, no knock-on).
. "$(dirname "$0")/lib.sh"
require_gr
d=$WORK/mistakes
rm -rf "$d"
mkdir -p "$d"
BASE=$TESTS_DIR/fixtures/results/base-112.xml
cp -r "$ROOT/data/taipei/112/images" "$d/"

# NAME LINE CLASS WHAT (in the first message) ELEMENT (named in its advice)
while IFS='|' read -r name line class what elem; do
    case $name in ''|\#*) continue ;; esac
    f=$d/$name.xml
    sed -f "$TESTS_DIR/fixtures/mistakes/$name.sed" "$BASE" > "$f"
    (cd "$d" && run_gr check "$name.xml") > "$d/$name.out" 2> "$d/$name.err"
    rc=$?
    first=$(grep -m1 -E ': (錯誤 error|未達規定 requirement not met|提醒 note): ' "$d/$name.err")
    nerr=$(grep -c -E ': 錯誤 error: ' "$d/$name.err")
    desc="$name ($(sed -n '1s/^# //p' "$TESTS_DIR/fixtures/mistakes/$name.sed")): line $line, $class, \"$what\", names $elem"
    problem=""
    case $first in "$name.xml:$line: $class "*) ;; *) problem="first message not at line $line as $class" ;; esac
    case $first in *"$what"*) ;; *) problem="$problem; lacks \"$what\"" ;; esac
    case $first in *"$elem"*) ;; *) problem="$problem; does not name $elem" ;; esac
    case $first in *") ("*|*"）("*|*" ("*) ;; *) problem="$problem; no English half" ;; esac
    if [ "$class" = 錯誤 ] && [ "$rc" -ne 1 ]; then problem="$problem; exit $rc, not 1"; fi
    if [ "$class" = 提醒 ] && [ "$rc" -ne 0 ]; then problem="$problem; exit $rc, not 0"; fi
    case $what in *XML*|*彎引號*|*"&amp;"*|*"&lt;"*|*結束標記*|*截斷*)
        [ "$nerr" -eq 1 ] || problem="$problem; $nerr errors (knock-on errors not suppressed)" ;;
    esac
    if [ -z "$problem" ]; then ok "$desc"
    else not_ok "$desc" "$problem"; show "$d/$name.err" 4; fi
done <<'TABLE'
curly|208|錯誤|彎引號|類別="一"
amp|208|錯誤|必須寫成「&amp;」|&amp;
lt|209|錯誤|必須寫成「&lt;」|&lt;
endtag|12|錯誤|沒有結束標記|</簡稱>
total|40|錯誤|是 gereport 計算的數字（總人數），不用填寫：請刪除這一行|<總人數>
rate|46|錯誤|是 gereport 計算的數字（出席比率），不用填寫：請刪除這一行|<出席率>
fw|55|錯誤|用了全形數字：請改用半形數字「16」|<出席人數>
fwyear|14|錯誤|用了全形數字：請改用半形數字「112」|<年度>
unit|79|錯誤|只寫數字「72」：單位「人」由表單印出|<實體課程參訓人數>
hours|113|錯誤|只寫數字「3」：單位「小時」由表單印出|<時數>
widthspace|227|錯誤|屬性值不符合格式： 寬="70 mm"（說明：印出的寬度：數字與單位 mm 或 cm 相連|<圖檔>
comma|79|錯誤|不加千分位逗號：請寫「1072」|<實體課程參訓人數>
baddate|101|錯誤|「2023-11-31」不是真實的日期（11 月只有 30 天）|<辦理日期>
rocdate|16|錯誤|請寫西元年月日：「2024-02-22」|<日期>
mtgdate|54|錯誤|「2023/5/2」請寫西元年月日：「2023-05-02」|<日期>
year99|14|錯誤|「99」超出範圍：應在 100 到 199 之間|<年度>
noname|222|錯誤|缺少 <方案名稱>|<關聯性> 之前
sex|40|錯誤|之中沒有 <男性> 這個欄位|改成 <男>
emptyrel|223|提醒|尚未填寫（請填寫）：空白時表單上會印出空白的欄位|<關聯性>
emptyimpact|186|提醒|尚未填寫（請填寫）：空白時表單上會印出空白的欄位|<性別平等影響>
emptygoal|105|提醒|尚未填寫（請填寫）：空白時表單上會印出空白的欄位|<訓練目標>
misname|101|錯誤|之中沒有 <訓練日期> 這個欄位|改成 <辦理日期>
wan|179|錯誤|請寫成完整的數字「5820000」|<預算數>
pct|46|錯誤|是百分比：比率由 gereport 計算，這裡請寫人數或次數|<出席人數>
negative|76|錯誤|應為 0 或正整數（不可為負數或小數）|<男>
backslash|227|錯誤|用了 Windows 的「\」：請改用「/」|images/digital-equity-1.png
notapplicable|168|錯誤|填了「非採購案」，這時不填 <CSR評選指標>|刪除 <CSR評選指標>
order|11|錯誤|的位置不對：<機關> 之中的欄位要依序寫：<全銜>、<簡稱>|<簡稱>
cutoff|180|錯誤|像是被截斷|檔案完整
cuttag|183|錯誤|像是被截斷|檔案完整
TABLE

# The group as the forms write it is accepted: 「B」, 「DI組」 (seed 004's
# spelling of D1組), full-width 「Ｃ群」.
for g in B DI組 Ｃ群; do
    sed "s|<組別>C群</組別>|<組別>$g</組別>|" "$BASE" > "$d/group.xml"
    (cd "$d" && run_gr check group.xml) > /dev/null 2> "$d/group.err"
    if ! grep -q '組別' "$d/group.err"; then ok "<組別>$g</組別> is accepted as the form writes it"
    else not_ok "<組別>$g</組別> is accepted as the form writes it"; show "$d/group.err" 3; fi
done
# Likely misspellings of a group are refused with the group they were
# likely meant to be (gr_listed_guess, beside the normaliser): the heavenly
# stems 甲乙丙丁戊 for A–E, the other classifier (組/群), 一 for 1. Never
# applied silently: the clerk confirms.
line=$(grep -n '<組別>' "$BASE" | head -n 1 | cut -d: -f1)
while IFS='|' read -r g want; do
    sed "s|<組別>C群</組別>|<組別>$g</組別>|" "$BASE" > "$d/guess.xml"
    (cd "$d" && run_gr check guess.xml) > /dev/null 2> "$d/guess.err"
    rc=$?
    first=$(grep -m1 -E ': (錯誤 error|未達規定 requirement not met|提醒 note): ' "$d/guess.err")
    case $first in
    "guess.xml:$line: 錯誤 error: "*"<組別> 的「$g」請照表單寫成「$want」"*"write \"$g\" as the form does: \"$want\""*)
        if [ "$rc" -eq 1 ]; then ok "<組別>$g</組別>: refused at line $line, suggests $want (both languages)"
        else not_ok "<組別>$g</組別>: refused at line $line, suggests $want" "exit $rc"; fi ;;
    *) not_ok "<組別>$g</組別>: refused at line $line, suggests $want"; show "$d/guess.err" 3 ;;
    esac
done <<'GROUPS'
乙群|B群
甲群|A群
丙群|C群
丁群|D群
B組|B群
D1群|D1組
丁1組|D1組
D一組|D1組
戊I組|E1組
GROUPS
# No guess for what is no group: the list of allowed values instead.
sed "s|<組別>C群</組別>|<組別>己群</組別>|" "$BASE" > "$d/guess.xml"
(cd "$d" && run_gr check guess.xml) > /dev/null 2> "$d/guess.err"
if grep -q "「己群」不是可選的值（可選：A群、B群、C群、D群、D1組、E1組）" "$d/guess.err" &&
   ! grep -q '請照表單寫成' "$d/guess.err"; then
    ok "<組別>己群</組別>: no guess, the allowed groups listed"
else
    not_ok "<組別>己群</組別>: no guess, the allowed groups listed"; show "$d/guess.err" 3
fi
# new --group takes the same normaliser: 乙群 is refused with the suggestion.
(cd "$d" && run_gr new --year 113 --agency 文化局 --group 乙群 -o new-guess.xml) > /dev/null 2> "$d/new-guess.err"
rc=$?
if [ "$rc" -eq 2 ] && [ ! -e "$d/new-guess.xml" ] && grep -q '應是「B群」嗎' "$d/new-guess.err"; then
    ok "new --group 乙群: exit 2, no file, suggests B群"
else
    not_ok "new --group 乙群: exit 2, no file, suggests B群" "exit $rc"; show "$d/new-guess.err" 3
fi

# English only: the same advice in English.
(cd "$d" && run_gr check --lang en total.xml) > /dev/null 2> "$d/total-en.err"
if grep -q '^total.xml:40: error: .*<總人數> is a figure gereport computes (總人數); do not type it: delete this line' "$d/total-en.err"; then
    ok "--lang en: the computed-figure message in English"
else
    not_ok "--lang en: the computed-figure message in English"; show "$d/total-en.err" 3
fi
# a number or date with white space around it, as an editor's indentation
# or a paste leaves it (review T11): its datatype collapses white space, so
# it is the number; no error, and the same figures as without
sed -e 's|<男>6</男>|<男> 6</男>|' \
    -e 's|<出席人數>17</出席人數>|<出席人數>\
          17\
        </出席人數>|' "$BASE" > "$d/padded.xml"
(cd "$d" && run_gr check padded.xml) > /dev/null 2> "$d/padded.err"
rc=$?
(cd "$d" && run_gr build padded.xml --fo padded.fo -o padded.pdf && cp "$BASE" base.xml &&
    run_gr build base.xml --fo base.fo -o base.pdf) > /dev/null 2>&1
if [ "$rc" -eq 0 ] && ! grep -q '錯誤 error' "$d/padded.err" && [ "$(grep -c "^ *17$" "$d/padded.xml")" -ge 1 ] &&
   [ -s "$d/padded.fo" ] &&
   [ "$(sed 's/ gr:line="[0-9]*"//g' "$d/padded.fo")" = "$(sed 's/ gr:line="[0-9]*"//g' "$d/base.fo")" ]; then
    ok "a number with white space around it (<男> 6</男>, 17 on its own line) is the number: no error, the same FO (data lines aside)"
else
    not_ok "a number with white space around it is the number" "check exit $rc"; show "$d/padded.err" 3
fi
# a length written with a space (寬="70 mm"): the English says how to write
# it too, from the schema's English note (review T12)
(cd "$d" && run_gr check --lang en widthspace.xml) > /dev/null 2> "$d/width-en.err"
if grep -q -F 'does not match the format: 寬="70 mm" (the printed width: a number and mm or cm, together' "$d/width-en.err"; then
    ok "--lang en: a length with a space: says how to write it"
else
    not_ok "--lang en: a length with a space: says how to write it"; show "$d/width-en.err" 3
fi
# a number with its unit: the English names the number alone as what to
# write (review T10: it had the two the other way round)
(cd "$d" && run_gr check --lang en hours.xml) > /dev/null 2> "$d/hours-en.err"
if grep -q -F 'write the number "3" alone; the form prints the unit "小時"' "$d/hours-en.err"; then
    ok "--lang en: a number with its unit: write the number alone"
else
    not_ok "--lang en: a number with its unit: write the number alone"; show "$d/hours-en.err" 3
fi
finish

#!/bin/sh
# t-results-rules.sh — the rules of docs/DOMAIN.md §4 that the data
# supports (templates/rules/109-112.xml and 113-116.xml, and the typed-figure
# checks R26, S1, S2 of templates/results/checks.xml), each with a passing
# and a failing case.
# Passing: the sample (tests/fixtures/results/base-112.xml, a frozen copy of
# data/taipei/112, year 112) and the same data moved to
# 113 show no finding of the rule (besides R24 on 成果佐證(四) at line 370,
# the failing case of R24), plus explicit passing variants where a rule has
# an escape (R3 with a reason, R21 with a reason, item (一)5 in 113).
# Failing: a variant made here with one sed script, which must give the
# rule's finding with its class (錯誤 / 未達規定 / 提醒, docs/rules.md) at the
# expected line.
. "$(dirname "$0")/lib.sh"
require_gr
d=$WORK/results-rules
rm -rf "$d"
mkdir -p "$d"
SAMPLE=$TESTS_DIR/fixtures/results/base-112.xml   # frozen copy of the sample (line numbers)
cp -r "$ROOT/data/taipei/112/images" "$d/"
cp "$SAMPLE" "$d/base112.xml"
sed -e 's#<年度>112#<年度>113#' -e 's#2024-02-22#2025-02-20#' -e 's#2023-#2024-#g' "$SAMPLE" > "$d/base113.xml"

for y in 112 113; do
    run_gr check --lang zh "$d/base$y.xml" > /dev/null 2> "$d/base$y.err"
    if [ "$?" -eq 0 ] && [ "$(grep -c . "$d/base$y.err")" -eq 1 ] && grep -q ':370: 提醒：.*（R24；' "$d/base$y.err"; then
        ok "base $y: check passes with only the R24 note at line 370"
    else
        not_ok "base $y: check passes with only the R24 note at line 370"; show "$d/base$y.err" 6
    fi
done

n=0
# case ID BASE KIND LINE SED DESCRIPTION: the variant of base BASE made by SED
# has a finding of rule ID, class KIND, at LINE.
case_fail() {
    n=$((n + 1))
    _f=$d/case$n.xml
    sed -e "$5" "$d/base$2.xml" > "$_f"
    run_gr check --lang zh "$_f" > /dev/null 2> "$_f.err"
    if grep -F "case$n.xml:$4: $3：" "$_f.err" | grep -Eq "（$1[；  ]"; then
        ok "$1 fails ($2): $6 -> $3 at line $4"
    else
        not_ok "$1 fails ($2): $6 -> $3 at line $4" "variant: sed -e '$5'"
        show "$_f.err" 6
    fi
}
# case_pass ID BASE SED DESCRIPTION: no finding of rule ID in the variant
# (SED may be empty: the base itself).
case_pass() {
    n=$((n + 1))
    _f=$d/case$n.xml
    sed -e "${3:-p;d}" "$d/base$2.xml" > "$_f"
    run_gr check --lang zh "$_f" > /dev/null 2> "$_f.err"
    if [ -s "$_f" ] && ! grep -Eq "（$1[；  ]" "$_f.err"; then
        ok "$1 passes ($2): $4"
    else
        not_ok "$1 passes ($2): $4"; show "$_f.err" 6
    fi
}

# ---- 109-112 (the sample) ------------------------------------------------
case_pass G1 112 '' 'C群 with its own task force'
case_pass G1 112 's#<組別>C群#<組別>D1組#; 39,70d; 38a <主責機關>臺北市政府民政局</主責機關>' \
    'D1組 leaving section 二 to its lead agency'
case_fail G1 112 錯誤 39 '39,70d; 38a <主責機關>臺北市政府民政局</主責機關>' 'C群 leaving section 二 to a lead agency'
case_pass R1 112 '' 'three meetings'
case_fail R1 112 未達規定 43 '61,69d' 'two meetings'
case_pass R2 112 '' 'every meeting: 2 or 3 experts, 16 or 17 of 17 present'
case_fail R2 112 未達規定 56 '58d' 'meeting 112-2 with one expert'
case_fail R2 112 未達規定 55 '55s#>16<#>8<#' '8 of 17 members present'
case_pass R3 112 '' '6 men of 17 members'
case_fail R3 112 未達規定 39 '40s#<男>6</男>#<男>3</男>#' '3 men of 14 members, no reason'
case_pass R3 112 '40s#<男>6</男>#<男>3</男>#; 41a <未達三分之一原因>委員多依職務擔任，名單已送性平辦備查。</未達三分之一原因>' \
    '3 men of 14 members, reason given'
case_pass R4 112 '' 'three external members'
case_fail R4 112 未達規定 41 '41s#<女>2</女>#<女>1</女>#; 50d; 67d' 'two external members'
case_pass R6 112 '' 'approved 113/2/22'
case_fail R6 112 提醒 15 '16s#2024-02-22#2023-12-20#' 'approved before the report year ended'
case_fail R6 112 未達規定 15 '16s#2024-02-22#2024-05-02#' 'approved after March of the next year'
case_pass R9 112 '' 'everyone trained'
case_fail R9 112 未達規定 75 '77s#<女>53</女>#<女>50</女>#' '50 of 53 women trained'
case_pass R10 112 '' '23/18 and 18/18 hours, both liaison officers listed'
case_fail R10 112 未達規定 92 '95s#>18<#>17<#; 96s#>18<#>6<#' '17 hours in all, 6 advanced'
case_fail R10 112 未達規定 86 '90s#>18<#>5<#' '5 advanced hours'
case_fail R10 112 提醒 27 '94s#楊志宏#楊志明#' 'a liaison officer missing from the hours table'
case_pass R17 112 '' 'one new indicator'
case_fail R17 112 提醒 120 '123,127d' 'no new indicator or item'
case_pass R19 112 '' 'analyses reported in 112'
case_fail R19 112 提醒 136 '136s#2023-08-28#2024-01-10#' 'an analysis reported in 113'
case_pass R20c 112 '' '3 of 5 opinions adopted'
case_fail R20c 112 錯誤 164 '164s#>3<#>6<#' '6 of 5 opinions adopted'
case_pass R20f 112 '' 'not a large procurement'
case_fail R20f 112 提醒 168 '167s#非巨額採購#巨額採購#' 'large procurement without the CSR criterion'
case_pass D1 112 '' 'dates within 112'
case_fail D1 112 提醒 101 '101s#2023-09-01#2022-09-01#' 'a course dated 111'
case_pass R21 112 '' 'the same budget both years'
case_fail R21 112 未達規定 174 '200s#22500#30000#' 'next year 7,500 more, no reason'
case_pass R21 112 '200s#22500#30000#; 203a <增減原因>專家學者出席費調整。</增減原因>' 'next year 7,500 more, reason given'
case_pass R22 112 '' 'C群: 5 categories, 7 items'
case_fail R22 112 未達規定 207 '/<措施 類別="[二三四五]"/d' 'C群 with one category'
case_fail R22 112 未達規定 207 's#<組別>C群#<組別>A群#; 217d; 375,383d' 'A群 with 4 categories, 6 items'
case_pass R22a 112 '' 'items of the 112 form'
case_fail R22a 112 錯誤 216 '216s#項目="1"#項目="5"#' 'item (四)5, not in the 112 form'
case_fail R22a 112 錯誤 208 '208s#項目="1"#項目="5"#' 'item (一)5, only in the 113-116 form'
case_pass R22b 112 '' 'every measure named'
case_fail R22b 112 錯誤 217 '217s#>2023臺北程式設計節-城市儀表板大黑客松<#><#' 'an empty measure'
case_pass R23 112 '' 'evidence for categories 一-五'
case_fail R23 112 未達規定 217 '375,383d' 'category 五 without evidence'
case_pass R24 112 '370,373d' 'without 成果佐證(四), every category has material and figures'
case_fail R24 112 提醒 370 '' '成果佐證(四) has no photo (as in seed 004)'
case_fail R24 112 提醒 370 '372s#（男性：26人，女性：11人）##' '成果佐證(四) without any figure'
case_pass R25 112 '' '8 men and 8 women'
case_fail R25 112 未達規定 299 '302,308s#<性別>女</性別>#<性別>男</性別>#' '13 men and 3 women'

# ---- R26: typed figures against their parts (domain pass) ----------------
case_pass R26 112 '' 'every typed figure consistent'
case_fail R26 112 錯誤 41 '41s#<男>1</男>#<男>7</男>#' '7 external men of 6 men'
case_fail R26 112 錯誤 55 '55s#>16<#>18<#' '18 present of 17 members'
case_fail R26 112 錯誤 47 '41s#<男>1</男>#<男>0</男>#' '3 experts present of 2 external members'
case_fail R26 112 錯誤 77 '77s#<男>59</男>#<男>60</男>#' '60 men trained of 59'
case_fail R26 112 錯誤 79 '79s#>72<#>120<#' '120 in-person of 112 trained'
case_fail R26 112 錯誤 90 '90s#>18<#>25<#' '25 advanced hours of 23'
case_fail R26 112 提醒 329 '329s#（22.12%）#（23.12%）#' '592人（23.12%） beside 2,084人（77.88%）'
case_fail R26 112 提醒 49 '49s#彭敘明#嚴祥鸞#' 'an expert listed twice in one meeting'
# ---- S1, S2: tables cited by charts (templates/results/checks.xml) --------
case_pass S1 112 '' 'one table, its own 代號'
case_fail S1 112 錯誤 239 '239s#<長條圖 依據="年齡區間">#<統計表 代號="年齡區間"><說明>甲</說明><對象>乙</對象><單位>人</單位><組><名稱>甲</名稱><男>1</男><女>1</女></組></統計表>&#' \
    'a second table with the 代號 年齡區間'
case_pass S2 112 '' 'the chart cites an existing table'
case_fail S2 112 錯誤 239 '239s#依據="年齡區間"#依據="年齡"#' 'a chart citing 代號 年齡, which no table has'

# ---- 113-116 -------------------------------------------------------------
case_pass G1 113 's#<組別>C群#<組別>E1組#; 39,70d; 38a <主責機關>臺北市政府財政局</主責機關>' \
    'E1組 leaving section 二 to its lead agency'
case_fail G1 113 錯誤 39 '39,70d; 38a <主責機關>臺北市政府民政局</主責機關>' 'C群 leaving section 二 to a lead agency'
case_pass R2 113 '' 'every meeting: 2 or 3 experts'
case_fail R2 113 未達規定 47 '48,50d' 'a meeting without experts'
case_pass R2a 113 '' 'no meeting with a single expert'
case_fail R2a 113 提醒 56 '58d' 'a meeting with one expert (valid only with a written opinion)'
case_pass R8 113 '' 'two liaison officers'
case_fail R8 113 提醒 21 '31a <聯絡人><姓名>王小明</姓名><科室>秘書室</科室><職稱>科員</職稱></聯絡人>' 'three liaison officers'
case_pass R13 113 '' 'in-person rate 64.29%'
case_fail R13 113 提醒 79 '79s#>72<#>30<#' 'in-person rate 26.79%'
case_pass R14 113 '' 'one self-run course'
case_fail R14 113 未達規定 99 '100,115d' 'no self-run course'
case_pass R15 113 '' 'the course has a satisfaction survey'
case_fail R15 113 提醒 100 '111d' 'a course with neither survey'
case_pass R19 113 '' 'C群 with 3 analyses'
case_fail R19 113 未達規定 132 '133,147d' 'C群 without analysis'
case_pass R20 113 '' 'C群 with one impact assessment'
case_fail R20 113 未達規定 151 '155,169d' 'C群 without impact assessment'
case_pass R22a 113 '208s#項目="1"#項目="5"#' 'item (一)5 exists in the 113-116 form'
case_fail R22a 113 錯誤 213 '213s#項目="2"#項目="5"#' 'item (三)5, in no form'
finish

#!/bin/sh
# t-results-new.sh — `gereport new`: the skeleton is well-formed XML with
# every section and a comment per field; `check` on it as generated lists
# every empty field as 「請填寫」 with its line (and nothing else); a few sed
# substitutions fill every field, after which `check` passes (exit 0) and
# `build` writes the PDF on the year's form; an existing file is never
# overwritten; a group outside the schema's list or a year no form serves is
# refused (exit 2) without writing anything.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools xmllint pdfinfo
d=$WORK/results-new
rm -rf "$d"
mkdir -p "$d"
cd "$d" || exit 2

run_gr new --year 113 --agency 臺北市政府測試局 --group C群 -o skel.xml > new.out 2> new.err
rc=$?
if [ "$rc" -eq 0 ] && [ -s skel.xml ] && xmllint --noout skel.xml 2> xmllint.err; then
    ok "new writes a well-formed skeleton (exit 0)"
else
    not_ok "new writes a well-formed skeleton (exit 0)" "exit $rc"; show new.err 5; show xmllint.err 5
    finish
fi
missing=""
for section in 機關 年度 核定 組別 性平聯絡人 亮點 專案小組 成員 運作情形 會議 性別意識培力 一般公務人員 \
               主管人員 參訓時數 自辦訓練 性別統計 新增指標 性別分析 性別影響評估 重大施政計畫 性別預算 \
               本年度 下年度 策略及具體措施 成果佐證 其他成果 精進作為; do
    grep -q "<$section[ >/]" skel.xml || missing="$missing $section"
done
comments=$(grep -c '<!--' skel.xml)
if [ -z "$missing" ] && [ "$comments" -ge 40 ] && grep -q '<全銜>臺北市政府測試局</全銜>' skel.xml &&
   grep -q '<簡稱>測試局</簡稱>' skel.xml && grep -q '<年度>113</年度>' skel.xml && grep -q '<組別>C群</組別>' skel.xml; then
    ok "skeleton: every section, $comments comments, agency, short name, year and group filled in"
else
    not_ok "skeleton: every section and a comment per field" "missing:$missing; $comments comments"
fi

run_gr check --lang zh skel.xml > skel.out 2> skel.err
rc=$?
empty=$(grep -c . skel.err)
others=$(grep -v '尚未填寫（請填寫）' skel.err | grep -c .)
if [ "$rc" -eq 1 ] && [ "$empty" -ge 60 ] && [ "$others" -eq 0 ] &&
   grep -q '^skel.xml:[0-9]*: 錯誤：資料不符合格式：<聯絡人>/<科室> 尚未填寫（請填寫）' skel.err; then
    ok "check of the empty skeleton: $empty 「請填寫」 messages with lines, nothing else, exit 1"
else
    not_ok "check of the empty skeleton: only 「請填寫」 messages" "exit $rc, $empty lines, $others others"
    grep -v '尚未填寫' skel.err | head -n 5 | sed 's/^/#   | /'
fi

# fill every field with a few substitutions
sed -E -e 's#<日期></日期>#<日期>2025-02-20</日期>#' \
    -e 's#<男></男>#<男>6</男>#g; s#<女></女>#<女>6</女>#g' \
    -e 's#<主席></主席>#<主席>首長</主席>#; s#<出席人數></出席人數>#<出席人數>10</出席人數>#' \
    -e 's#<實體課程參訓人數></實體課程參訓人數>#<實體課程參訓人數>10</實體課程參訓人數>#' \
    -e 's#<年度培力總時數></年度培力總時數>#<年度培力總時數>20</年度培力總時數>#' \
    -e 's#<進階課程時數></進階課程時數>#<進階課程時數>8</進階課程時數>#' \
    -e 's#<(辦理日期|提報日期|初次提報日期|修正後提報日期)></\1>#<\1>2024-06-01</\1>#' \
    -e 's#<訓練對象></訓練對象>#<訓練對象>一般公務人員</訓練對象>#' \
    -e 's#<課程類別></課程類別>#<課程類別>基礎課程</課程類別>#' \
    -e 's#<訓練方式></訓練方式>#<訓練方式>設計課後評估或滿意度調查問卷</訓練方式>#' \
    -e 's#<時數></時數>#<時數>3</時數>#; s#<(主計處列管|機關列管)></\1>#<\1>1</\1>#g' \
    -e 's#<列管層級></列管層級>#<列管層級>機關</列管層級>#' \
    -e 's#<意見項數></意見項數>#<意見項數>2</意見項數>#; s#<參採項數></參採項數>#<參採項數>1</參採項數>#' \
    -e 's#<採購></採購>#<採購>非巨額採購</採購>#; s#<CSR評選指標></CSR評選指標>#<CSR評選指標>未納入</CSR評選指標>#' \
    -e 's#<預算數></預算數>#<預算數>100000</預算數>#; s#<精進作為></精進作為>#<精進作為/>#' skel.xml |
awk 'BEGIN { split("一 二 三", cat, " ") }
     { while (index($0, "<姓名></姓名>")) sub(/<姓名><\/姓名>/, "<姓名>王委員" (++n) "</姓名>")
       while (index($0, "類別=\"\" 項目=\"\"")) sub(/類別="" 項目=""/, "類別=\"" cat[++c] "\" 項目=\"1\"")
       while (index($0, "編號=\"\"")) sub(/編號=""/, "編號=\"" cat[++e] "\"")
       print }' |
sed -E -e 's#<([^ />]+)></\1>#<\1>測試內容</\1>#g' -e 's#(<措施 [^>]*>)</措施>#\1推動措施</措施>#' > filled.xml

run_gr check --lang zh filled.xml > filled.out 2> filled.err
rc=$?
if [ "$rc" -eq 0 ] && ! grep -q '錯誤' filled.err; then
    ok "check of the filled skeleton passes (exit 0; $(grep -c '提醒\|未達規定' filled.err) findings)"
else
    not_ok "check of the filled skeleton passes" "exit $rc"; show filled.err 8
fi
run_gr build filled.xml -o filled.pdf > build.out 2> build.err
rc=$?
title=$(pdfinfo filled.pdf 2>/dev/null | sed -n 's/^Title: *//p')
if [ "$rc" -eq 0 ] && [ "$title" = "臺北市政府測試局113年推動性別平等工作成果報告" ]; then
    ok "build of the filled skeleton writes the 113 report"
else
    not_ok "build of the filled skeleton writes the 113 report" "exit $rc, title '$title'"; show build.err 8
fi

cp skel.xml skel.copy
run_gr new --year 113 --agency 臺北市政府測試局 --group C群 -o skel.xml > again.out 2> again.err
rc=$?
if [ "$rc" -eq 2 ] && cmp -s skel.xml skel.copy && grep -q 'skel.xml' again.err; then
    ok "new never overwrites an existing file (exit 2, file unchanged)"
else
    not_ok "new never overwrites an existing file" "exit $rc"; show again.err 3
fi
# new writes through the atomic writer (util/file.c): a dangling link is a
# name that exists (nothing is made where it points), the umask decides the
# mode, and no temporary file is left beside the skeleton
ln -s elsewhere.xml link.xml
run_gr new --year 113 --agency 臺北市政府測試局 --group C群 -o link.xml > link.out 2> link.err
rc=$?
if [ "$rc" -eq 2 ] && [ ! -e elsewhere.xml ] && grep -q '不覆寫' link.err; then
    ok "new refuses a dangling link as its output (exit 2, nothing made through it)"
else
    not_ok "new refuses a dangling link as its output" "exit $rc"; show link.err 3
fi
before=$(ls -a | wc -l)
(umask 077; "$GR" new --year 113 --agency 臺北市政府測試局 --group C群 -o private.xml > private.out 2>&1)
rc=$?
mode=$(stat -c %a private.xml 2>/dev/null)
after=$(ls -a | wc -l)
if [ "$rc" -eq 0 ] && [ "$mode" = 600 ] && [ "$after" -eq $((before + 2)) ]; then
    ok "new's skeleton gets the umask (0600 under 077), no temporary file left"
else
    not_ok "new's skeleton gets the umask, no temporary file left" "exit $rc, mode $mode, entries $before -> $after"
fi
run_gr new --year 113 --agency 臺北市政府測試局 --group Z群 -o z.xml > z.out 2> z.err
rc=$?
if [ "$rc" -eq 2 ] && [ ! -e z.xml ] && grep -q 'Z群' z.err && grep -q 'E1組' z.err; then
    ok "new --group Z群: exit 2 listing the allowed groups, no file"
else
    not_ok "new --group Z群: exit 2 listing the allowed groups, no file" "exit $rc"; show z.err 3
fi
run_gr new --year 130 --agency 臺北市政府測試局 --group C群 -o y.xml > y.out 2> y.err
rc=$?
if [ "$rc" -eq 2 ] && [ ! -e y.xml ] && grep -q '130' y.err; then
    ok "new --year 130 (no form): exit 2, no file"
else
    not_ok "new --year 130 (no form): exit 2, no file" "exit $rc"; show y.err 3
fi
run_gr new --year 112 --agency 臺北市政府資訊局 --group C群 > d.out 2> d.err
if [ -s results-112.xml ] && grep -q '<簡稱>資訊局</簡稱>' results-112.xml; then
    ok "new without -o writes results-112.xml"
else
    not_ok "new without -o writes results-112.xml"; show d.err 3
fi
for g in "C:C群" "d1:D1組" "E1:E1組"; do
    rm -f g.xml
    run_gr new --year 113 --agency 臺北市政府測試局 --group "${g%%:*}" -o g.xml > g.out 2> g.err
    if grep -q "<組別>${g#*:}</組別>" g.xml 2>/dev/null; then
        ok "new --group ${g%%:*} means ${g#*:}"
    else
        not_ok "new --group ${g%%:*} means ${g#*:}"; show g.err 3
    fi
done
finish

#!/bin/sh
# t-previous.sh — last year's files (issue 12, item 6): `--previous DIR|FILE`
# (check, build, combine) and the office file's <前一年度> let the rules that
# compare years run (R13 physical-course rate in 113-116, R17 new statistics
# every two years); without them those rules are reported once as 未檢查
# (not checked), never passed in silence.
#   1. one file: the sample moved to 113 (tests/fixtures/results/base-112.xml
#      and a 113 copy made here), with passing and failing variants of R13
#      and R17 made by sed;
#   2. a folder: the three-agency city of tests/fixtures/city/three (112)
#      with a 111 folder made here from it (大安區公所 with no new statistic
#      in either year, 翡翠局 without a 111 file).
. "$(dirname "$0")/lib.sh"
require_gr
require_tools pdftotext
d=$WORK/previous
rm -rf "$d"
mkdir -p "$d"
B=$TESTS_DIR/fixtures/results/base-112.xml
cp -r "$ROOT/data/taipei/112/images" "$d/"
cp "$B" "$d/y112.xml"
sed -e 's#<年度>112#<年度>113#' -e 's#2024-02-22#2025-02-20#' -e 's#2023-#2024-#g' "$B" > "$d/y113.xml"
stat_line=$(grep -n '<性別統計>' "$B" | cut -d: -f1)
phys_line=$(grep -n '<實體課程參訓人數>' "$B" | cut -d: -f1)
# no new statistic: the <新增指標> block (the sample's only one) removed
nostat='/<新增指標>/,/<\/新增指標>/d'

# chk NAME ARGS...: check, stdout and stderr kept
chk() { _n=$1; shift; run_gr check --lang zh "$@" > "$d/$_n.out" 2> "$d/$_n.err"; }

# ---- 1. one file ------------------------------------------------------------------
chk none "$d/y113.xml"
n=$(grep -c '未檢查' "$d/none.out")
if [ "$n" -eq 1 ] && grep -q '^R13、R17 未檢查：這些規則比較前一年度（112 年）的資料' "$d/none.out" &&
   ! grep -q '未檢查' "$d/none.err"; then
    ok "no --previous: R13、R17 said once as 未檢查 (with the year before, 112)"
else not_ok "no --previous: R13、R17 said once as 未檢查"; show "$d/none.out"; fi

chk with "$d/y113.xml" --previous "$d/y112.xml"
if ! grep -q '未檢查' "$d/with.out" && ! grep -q 'R13\|R17' "$d/with.err"; then
    ok "--previous FILE: nothing unchecked, R13 and R17 pass (new statistic this year; rate 64% ≥ 30%)"
else not_ok "--previous FILE: R13 and R17 pass"; show "$d/with.out"; show "$d/with.err"; fi

# R17: no new statistic in 113 nor in 112 -> 未達規定 at <性別統計>
sed -e "$nostat" "$d/y113.xml" > "$d/r17-113.xml"
sed -e "$nostat" "$d/y112.xml" > "$d/r17-112.xml"
chk r17fail "$d/r17-113.xml" --previous "$d/r17-112.xml"
if grep -q "r17-113.xml:$stat_line: 未達規定：本年度及前一年度（112年）都沒有新增性別統計指標或項目.*（R17；" "$d/r17fail.err"; then
    ok "R17 fails: no new statistic in 113 nor 112 -> 未達規定 at line $stat_line"
else not_ok "R17 fails: no new statistic in either year -> 未達規定 at line $stat_line"; show "$d/r17fail.err"; fi
chk r17pass "$d/r17-113.xml" --previous "$d/y112.xml"
if ! grep -q 'R17' "$d/r17pass.err"; then ok "R17 passes: none in 113 but one in 112 (two-year window)"
else not_ok "R17 passes: one in 112"; show "$d/r17pass.err"; fi
chk r17none "$d/r17-113.xml"
if grep -q "r17-113.xml:$stat_line: 提醒：本年度沒有新增性別統計指標或項目" "$d/r17none.err" && grep -q 'R13、R17 未檢查' "$d/r17none.out"; then
    ok "R17 without --previous: the one-year 提醒, and 未檢查 for the two-year rule"
else not_ok "R17 without --previous: the one-year 提醒 and 未檢查"; show "$d/r17none.err"; fi
if ! grep -q '提醒：本年度沒有新增性別統計' "$d/r17fail.err"; then ok "R17 with --previous: the one-year note gives way to the two-year rule"
else not_ok "R17 with --previous: the one-year note gives way"; fi

# R13 (113-116): 20 of 112 = 17.9% < 30%; 2024 (112) had 30 of 112 = 26.8% -> did not rise
sed -e "${phys_line}s#>72<#>20<#" "$d/y113.xml" > "$d/r13-113.xml"
sed -e "${phys_line}s#>72<#>30<#" "$d/y112.xml" > "$d/r13-112-high.xml"
sed -e "${phys_line}s#>72<#>10<#" "$d/y112.xml" > "$d/r13-112-low.xml"
chk r13fail "$d/r13-113.xml" --previous "$d/r13-112-high.xml"
if grep -q "r13-113.xml:$phys_line: 未達規定：實體課程參訓率 17.86% 未達 30%，且未較前一年度（112年 26.79%）提升（R13；" "$d/r13fail.err"; then
    ok "R13 fails: 17.86% < 30% and below 112's 26.79% -> 未達規定 at line $phys_line"
else not_ok "R13 fails: below 30% and not rising -> 未達規定"; show "$d/r13fail.err"; fi
chk r13pass "$d/r13-113.xml" --previous "$d/r13-112-low.xml"
if ! grep -q '未達規定：實體課程參訓率' "$d/r13pass.err"; then ok "R13 passes: 17.86% < 30% but up from 112's 8.93%"
else not_ok "R13 passes: rising from 8.93%"; show "$d/r13pass.err"; fi
chk r13none "$d/r13-113.xml"
if grep -q '提醒：實體課程參訓率 17.86% 未達 30%，應逐年提升' "$d/r13none.err" && ! grep -q '未達規定：實體課程參訓率' "$d/r13none.err"; then
    ok "R13 without --previous: a 提醒 only (the comparison is 未檢查)"
else not_ok "R13 without --previous: a 提醒 only"; show "$d/r13none.err"; fi

# a previous file of the wrong year matches nothing: said once
chk wrongyear "$d/y113.xml" --previous "$d/y113.xml"
if grep -q '未檢查：前一年度（112 年）的資料中沒有這些機關的檔案：資訊局' "$d/wrongyear.out"; then
    ok "--previous of the same year: no match, said once naming the agency"
else not_ok "--previous of the same year: no match, said once"; show "$d/wrongyear.out"; fi

# build --previous: the rule runs in build too
run_gr build "$d/r13-113.xml" -o "$d/r13.pdf" --previous "$d/r13-112-high.xml" > "$d/build.out" 2> "$d/build.err"
rc=$?
if [ "$rc" -eq 0 ] && [ -s "$d/r13.pdf" ] && grep -q '（R13；' "$d/build.err" && grep -q '未達規定' "$d/build.err"; then
    ok "build --previous: R13 未達規定 reported, the PDF written (exit 0)"
else not_ok "build --previous: R13 reported, PDF written" "exit $rc"; show "$d/build.err"; fi
run_gr check "$d/y113.xml" --previous "$d/no-such-folder" > "$d/missing.out" 2> "$d/missing.err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'no-such-folder' "$d/missing.err"; then ok "--previous naming nothing: exit 2, named"
else not_ok "--previous naming nothing: exit 2" "exit $rc"; show "$d/missing.err"; fi

# ---- 2. a folder ---------------------------------------------------------------------
three=$ROOT/tests/fixtures/city/three
p=$d/y111
mkdir -p "$p/social"
to111() { sed -e 's#<年度>112</年度>#<年度>111</年度>#' -e 's#2024-#2023-#g; s#2023-#2022-#g' "$1"; }
to111 "$three/social/results.xml" > "$p/social/results.xml"
to111 "$three/daan-district.xml" > "$p/daan-district.xml"     # no new statistic (like 112)
chk dir "$three" --previous "$p"
if grep -q '^R17 未檢查：前一年度（111 年）的資料中沒有這些機關的檔案：翡翠局' "$d/dir.out" &&
   [ "$(grep -c '未檢查' "$d/dir.out")" -eq 1 ]; then
    ok "check DIR --previous DIR: the agency without a 111 file named once (R17 未檢查)"
else not_ok "check DIR --previous DIR: the agency without a 111 file named once"; show "$d/dir.out"; fi
if grep -q 'daan-district.xml:[0-9]*: 未達規定：本年度及前一年度（111年）都沒有新增' "$d/dir.err" &&
   ! grep -q 'social/results.xml:[0-9]*: 未達規定：本年度及前一年度' "$d/dir.err"; then
    ok "check DIR --previous DIR: R17 fails for 大安區公所 (none in 112 nor 111), passes for 社會局"
else not_ok "check DIR --previous DIR: R17 per agency"; show "$d/dir.err"; fi
chk dirnone "$three"
if [ "$(grep -c '^R17 未檢查：這些規則比較前一年度（111 年）' "$d/dirnone.out")" -eq 1 ]; then
    ok "check DIR without --previous: R17 未檢查 said once for the whole folder"
else not_ok "check DIR without --previous: said once"; show "$d/dirnone.out"; fi

# build says it too, once, as check does: one file (on stderr, after the
# findings) and a folder (after its summary); not with -q
run_gr build --lang zh "$d/y113.xml" -o "$d/y113.pdf" > "$d/build1.out" 2> "$d/build1.err"
if [ "$(cat "$d/build1.out" "$d/build1.err" | grep -c '^R13、R17 未檢查：這些規則比較前一年度（112 年）')" -eq 1 ] && [ -s "$d/y113.pdf" ]; then
    ok "build FILE without --previous: R13、R17 未檢查 said once"
else not_ok "build FILE without --previous: 未檢查 said once"; show "$d/build1.err"; fi
run_gr build -q --lang zh "$d/y113.xml" -o "$d/y113q.pdf" > "$d/build1q.out" 2> "$d/build1q.err"
if ! grep -q '未檢查' "$d/build1q.out" "$d/build1q.err"; then ok "build -q: no 未檢查 line"
else not_ok "build -q: no 未檢查 line"; fi
run_gr build --lang zh "$d/y113.xml" --previous "$d/y112.xml" -o "$d/y113p.pdf" > "$d/build2.out" 2> "$d/build2.err"
if ! grep -q '未檢查' "$d/build2.out" "$d/build2.err"; then ok "build FILE --previous FILE: nothing unchecked"
else not_ok "build FILE --previous FILE: nothing unchecked"; show "$d/build2.err"; fi
run_gr build --lang zh "$three" -o "$d/built" > "$d/buildd.out" 2> "$d/buildd.err"
if [ "$(cat "$d/buildd.out" "$d/buildd.err" | grep -c '^R17 未檢查：這些規則比較前一年度（111 年）')" -eq 1 ]; then
    ok "build DIR without --previous: R17 未檢查 said once for the whole folder"
else not_ok "build DIR without --previous: said once"; show "$d/buildd.out"; fi

# the office file names the folder: <前一年度>
o=$d/office-named
mkdir -p "$o"
cp -r "$three/social" "$three/feitsui" "$three/daan-district.xml" "$o/"
sed 's#</名冊>#</名冊>\n  <前一年度>../y111</前一年度>#' "$three/office.xml" > "$o/office.xml"
run_gr combine "$o" -o "$d/city.pdf" --enriched "$d/city.xml" > "$d/city.out" 2> "$d/city.err"
rc=$?
pdftotext "$d/city.pdf" - 2>/dev/null | squeeze > "$d/city.txt"
if [ "$rc" -eq 0 ] && grep -q 'R17未檢查：前一年度（111年）的資料中沒有這些機關的檔案：翡翠局' "$d/city.txt" &&
   grep -q '本年度及前一年度（111年）都沒有新增性別統計指標或項目' "$d/city.txt" && grep -q 'R17 未檢查' "$d/city.err"; then
    ok "combine with <前一年度> in the office file: R17 run (大安區公所 in annex (三)), the unmatched agency in the annex and on stderr"
else not_ok "combine with <前一年度>: R17 run, unmatched agency said" "exit $rc"; show "$d/city.err"; fi
run_gr combine "$three" -o "$d/city0.pdf" > /dev/null 2> "$d/city0.err"
pdftotext "$d/city0.pdf" - 2>/dev/null | squeeze > "$d/city0.txt"
if grep -q 'R17未檢查：這些規則比較前一年度（111年）的資料' "$d/city0.txt"; then
    ok "combine without a previous year: the annex says R17 未檢查"
else not_ok "combine without a previous year: the annex says R17 未檢查"; fi
finish

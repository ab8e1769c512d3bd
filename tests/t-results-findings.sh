#!/bin/sh
# t-results-findings.sh — the three classes of findings (docs/rules.md) as
# a user meets them in `check` and `build`:
#   - an agency one and a half hours short of the 18 training hours (R10,
#     未達規定; the sample with 17 hours, and a sparse D1組 district office,
#     tests/fixtures/results/d1-district-112.xml, with 16.5) gets its PDF,
#     exit 0, the shortfall reported by check and build; --strict makes
#     both exit 1, build still writing the PDF;
#   - the D1組 office names its lead agency for section 二 (004:L20): no
#     committee finding (R1-R4), the PDF says who supplies the section;
#   - a C群 agency cannot do that (G1, 錯誤: no PDF); invalid data (R20c,
#     錯誤) writes no PDF either;
#   - -q keeps the findings; on a terminal (script(1)) a build ends with one
#     line saying what it wrote, not with -q, and never when stderr is not a
#     terminal.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools pdftotext cc
d=$WORK/results-findings
rm -rf "$d"
mkdir -p "$d/images"
FIX=$TESTS_DIR/fixtures/results
cp -r "$ROOT/data/taipei/112/images" "$d/"
mk=$d/mkjpeg
cc -std=c11 -O2 -o "$mk" "$TOOLS/mkjpeg.c" -ljpeg 2> "$d/mkjpeg.log" ||
    { not_ok "tests/tools/mkjpeg.c compiles"; show "$d/mkjpeg.log"; finish; }
for i in 1 2 3 4; do "$mk" rgb "$i" 1600 1200 "$d/images/phone-$i.jpg" || not_ok "mkjpeg phone-$i"; done

# ---- R10: one person an hour short ---------------------------------------
sed -e '95s#>18<#>17<#' -e '96s#>18<#>6<#' "$FIX/base-112.xml" > "$d/short.xml"   # 17 h, 6 advanced
run_gr check --lang zh "$d/short.xml" > "$d/short.out" 2> "$d/short.err"
rc=$?
if [ "$rc" -eq 0 ] && grep -q 'short.xml:92: 未達規定：.*（R10；' "$d/short.err" && ! grep -q '錯誤' "$d/short.err" &&
   grep -q '1 個未達規定' "$d/short.out"; then
    ok "check: 17 hours is 未達規定 (R10) at line 92, exit 0, counted in the summary"
else
    not_ok "check: 17 hours is 未達規定 (R10) at line 92, exit 0, counted in the summary" "exit $rc"
    show "$d/short.err" 6; show "$d/short.out" 2
fi
run_gr check --strict --lang zh "$d/short.xml" > /dev/null 2> "$d/short-strict.err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q '未達規定：.*（R10；' "$d/short-strict.err"; then
    ok "check --strict: the R10 shortfall makes exit 1"
else
    not_ok "check --strict: the R10 shortfall makes exit 1" "exit $rc"; show "$d/short-strict.err" 6
fi
run_gr build "$d/short.xml" -o "$d/short.pdf" > /dev/null 2> "$d/short-build.err"
rc=$?
if [ "$rc" -eq 0 ] && [ -s "$d/short.pdf" ] && grep -q '未達規定 requirement not met: .*R10' "$d/short-build.err"; then
    ok "build: the R10 shortfall is reported and the PDF written, exit 0"
else
    not_ok "build: the R10 shortfall is reported and the PDF written, exit 0" "exit $rc"; show "$d/short-build.err" 6
fi
if pdftotext "$d/short.pdf" - 2> /dev/null | tr -d ' \n' | grep -q '17'; then
    ok "build: the PDF prints the 17 hours as typed"
else
    not_ok "build: the PDF prints the 17 hours as typed"
fi
if ! grep -q '已寫出\|wrote ' "$d/short-build.err"; then
    ok "build: no closing line when stderr is not a terminal"
else
    not_ok "build: no closing line when stderr is not a terminal"; show "$d/short-build.err" 6
fi
rm -f "$d/short-s.pdf"
run_gr build --strict "$d/short.xml" -o "$d/short-s.pdf" > /dev/null 2> "$d/short-build-s.err"
rc=$?
if [ "$rc" -eq 1 ] && [ -s "$d/short-s.pdf" ] && cmp -s "$d/short.pdf" "$d/short-s.pdf" &&
   grep -q 'strict' "$d/short-build-s.err"; then
    ok "build --strict: exit 1, the same PDF still written"
else
    not_ok "build --strict: exit 1, the same PDF still written" "exit $rc"; show "$d/short-build-s.err" 6
fi
run_gr build -q "$d/short.xml" -o "$d/short-q.pdf" > /dev/null 2> "$d/short-q.err"
rc=$?
if [ "$rc" -eq 0 ] && grep -q '未達規定.*R10' "$d/short-q.err" && [ "$(grep -c . "$d/short-q.err")" -eq 2 ]; then
    ok "build -q: still the findings (R10 未達規定, R24 提醒), nothing else"
else
    not_ok "build -q: still the findings (R10 未達規定, R24 提醒), nothing else" "exit $rc"; show "$d/short-q.err" 6
fi

# ---- on a terminal ---------------------------------------------------------
if command -v script > /dev/null 2>&1; then
    script -qec "$GR build $d/short.xml -o $d/short-tty.pdf" /dev/null > "$d/tty.out" 2>&1
    if grep -q '已寫出 .*short-tty.pdf：[0-9][0-9]* 頁，[0-9.]* MB' "$d/tty.out" && [ -s "$d/short-tty.pdf" ]; then
        ok "build on a terminal ends with one line: what it wrote, pages, size"
    else
        not_ok "build on a terminal ends with one line: what it wrote, pages, size"; show "$d/tty.out" 8
    fi
    script -qec "$GR build -q $d/short.xml -o $d/short-tty.pdf" /dev/null > "$d/tty-q.out" 2>&1
    if ! grep -q '已寫出' "$d/tty-q.out" && grep -q '未達規定' "$d/tty-q.out"; then
        ok "build -q on a terminal: findings, no closing line"
    else
        not_ok "build -q on a terminal: findings, no closing line"; show "$d/tty-q.out" 8
    fi
else
    not_ok "script(1) present to test terminal output" "Debian package bsdutils"
fi

# ---- a D1組 district office that leaves section 二 to its lead agency -----
cp "$FIX/d1-district-112.xml" "$d/d1.xml"
run_gr check --lang zh "$d/d1.xml" > /dev/null 2> "$d/d1.err"
rc=$?
if [ "$rc" -eq 0 ] && ! grep -Eq '（(R1|R2|R2a|R3|R4|G1)[；）]|錯誤' "$d/d1.err" &&
   grep -q 'd1.xml:53: 未達規定：.*16.5 小時.*（R10；' "$d/d1.err"; then
    ok "D1組 naming its lead agency: no committee finding, the 16.5 hours are 未達規定 (R10), exit 0"
else
    not_ok "D1組 naming its lead agency: no committee finding, the 16.5 hours are 未達規定 (R10), exit 0" "exit $rc"
    show "$d/d1.err" 8
fi
run_gr build "$d/d1.xml" -o "$d/d1.pdf" > /dev/null 2> "$d/d1-build.err"
rc=$?
if [ "$rc" -eq 0 ] && [ -s "$d/d1.pdf" ]; then
    ok "D1組 build: exit 0, PDF written"
else
    not_ok "D1組 build: exit 0, PDF written" "exit $rc"; show "$d/d1-build.err" 8
fi
pdftotext "$d/d1.pdf" - 2> /dev/null | tr -d ' \n' > "$d/d1.txt"
if grep -q '本機關屬D1組，性別平等專案小組資料由主責機關臺北市政府民政局提供。' "$d/d1.txt" &&
   ! grep -q '全體委員' "$d/d1.txt"; then
    ok "D1組 PDF: section 二 names the lead agency, no member table"
else
    not_ok "D1組 PDF: section 二 names the lead agency, no member table"
fi

# ---- errors: no PDF --------------------------------------------------------
# a C群 agency leaving section 二 to a lead agency (lines 38-71: 專案小組)
sed -e '39,70d' -e '38a <主責機關>臺北市政府民政局</主責機關>' "$FIX/base-112.xml" > "$d/c-lead.xml"
run_gr build "$d/c-lead.xml" -o "$d/c-lead.pdf" > /dev/null 2> "$d/c-lead.err"
rc=$?
if [ "$rc" -eq 1 ] && [ ! -e "$d/c-lead.pdf" ] && grep -q 'c-lead.xml:39: 錯誤 error: .*G1' "$d/c-lead.err"; then
    ok "C群 naming a lead agency: 錯誤 (G1) at line 39, exit 1, no PDF"
else
    not_ok "C群 naming a lead agency: 錯誤 (G1) at line 39, exit 1, no PDF" "exit $rc"; show "$d/c-lead.err" 6
fi
sed -e '164s#>3<#>6<#' "$FIX/base-112.xml" > "$d/adopted.xml"
run_gr build "$d/adopted.xml" -o "$d/adopted.pdf" > /dev/null 2> "$d/adopted.err"
rc=$?
if [ "$rc" -eq 1 ] && [ ! -e "$d/adopted.pdf" ] && grep -q '錯誤 error: .*R20c' "$d/adopted.err"; then
    ok "6 of 5 opinions adopted: 錯誤 (R20c), exit 1, no PDF"
else
    not_ok "6 of 5 opinions adopted: 錯誤 (R20c), exit 1, no PDF" "exit $rc"; show "$d/adopted.err" 6
fi
finish

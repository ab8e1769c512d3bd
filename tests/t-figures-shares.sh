#!/bin/sh
# t-figures-shares.sh — whole-number shares (format pct0: a statistics
# table's 百分比 row; docs/layout.md): a count that is not zero never
# prints 「0%」 but 「<1%」, one short of the whole never 「100%」 but
# 「>99%」, a true zero of 其他 prints 「-」, and plain shares round half up.
# The sample's first group made 7 men, 2,000 women, 1 其他 (0.35%, 99.60%,
# 0.05%); the enriched data and the PDF's text both show the convention.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools pdftotext
d=$WORK/figures-shares
rm -rf "$d"
mkdir -p "$d"
cp -r "$ROOT/data/taipei/112/images" "$d/"
B=$TESTS_DIR/fixtures/results/base-112.xml
line=$(grep -n '<名稱>51-60歲</名稱>' "$B" | cut -d: -f1)
sed "${line}s|<男>7</男><女>45</女><其他>0</其他>|<男>7</男><女>2000</女><其他>1</其他>|" "$B" > "$d/s.xml"
grep -q '<女>2000</女><其他>1</其他>' "$d/s.xml" || { not_ok "the test data could be made (line $line)"; finish; }
run_gr build -q "$d/s.xml" -o "$d/s.pdf" --enriched "$d/s.enriched.xml" > "$d/s.out" 2>&1
rc=$?
[ "$rc" -eq 0 ] && ok "builds (exit 0)" || { not_ok "builds" "exit $rc"; show "$d/s.out" 3; finish; }
fig() { grep -o "<計算 名稱=\"$1\" 值=\"$2\">[^<]*</計算>" "$d/s.enriched.xml" | head -n 1 | sed 's/.*">//; s/<.*//'; }
for want in '男百分比|7/2008|&lt;1%' '女百分比|2000/2008|&gt;99%' '其他百分比|1/2008|&lt;1%' \
            '男百分比|246/1211|20%' '女百分比|965/1211|80%' '其他百分比|0/1211|-'; do
    IFS='|' read -r name val text <<W
$want
W
    got=$(fig "$name" "$val")
    [ "$got" = "$text" ] && ok "$name $val prints $text" || not_ok "$name $val prints $text" "got '$got'"
done
pdftotext -layout "$d/s.pdf" - | grep '百分比' | grep -q '<1%  *>99%  *<1%  *20%  *80%  *-' \
    && ok "the PDF's 百分比 row reads <1% >99% <1% 20% 80% -" \
    || { not_ok "the PDF's 百分比 row" "$(pdftotext -layout "$d/s.pdf" - | grep '百分比' | head -n 2)"; }
finish

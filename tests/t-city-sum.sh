#!/bin/sh
# t-city-sum.sh — a generated city (tests/tools/gen-city.sh: agencies made by
# a seeded generator, not shaped to any expected figure): every figure of
# the combined report equals the sum, or the ratio of sums, of the agencies'
# own computed figures (compute.c's <計算> in each agency's enriched file,
# the same ones `build --enriched` writes), and one agency's figures inside
# the city document are exactly those of its own `build --enriched`.
# Seed: GR_CITY_SEED (default 20261207), printed.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools xmllint
d=$WORK/city-sum
rm -rf "$d"
mkdir -p "$d"
seed=${GR_CITY_SEED:-20261207}
echo "# seed $seed"
"$TOOLS/gen-city.sh" "$seed" 9 "$d/city"
run_gr combine "$d/city" -o "$d/city.pdf" --enriched "$d/city.xml" > "$d/out" 2> "$d/err"
rc=$?
if [ "$rc" -eq 0 ]; then ok "generated city: combine exits 0"; else not_ok "generated city: combine exits 0" "exit $rc"; show "$d/err"; fi

x() { xmllint --xpath "$1" "$d/city.xml" 2>/dev/null; }
A='/*/彙整/機關/成果報告'
fig() { x "string(/*/計算[@名稱='$1']/@值)"; }
# same LABEL GOT WANT
same() { if [ -n "$2" ] && [ "$2" = "$3" ]; then ok "$1 ($2)"; else not_ok "$1" "city: $2" "sum of the agencies: $3"; fi; }

n=$(x "count(/*/彙整/機關)")
same "every generated agency combined" "$n" 9
same "meetings held = Σ the agencies' numbered meetings (會議編號)" "$(fig 實際開會次數)" \
    "$(x "count($A/專案小組/運作情形/會議/計算[@名稱='會議編號'])")"
for g in 一般公務人員:一般公務人員 主管人員:主管; do
    el=${g%%:*}; nm=${g#*:}
    done_=$(x "sum($A/性別意識培力/$el/計算[@名稱='整體完成人數']/@值)")
    all=$(x "sum($A/性別意識培力/$el/計算[@名稱='總人數']/@值)")
    same "$nm completed = Σ 整體完成人數" "$(fig "${nm}完成人數")" "$done_"
    same "$nm rate = Σ 整體完成人數 / Σ 總人數" "$(fig "${nm}完成比率")" "$done_/$all"
    same "$nm completed men + women = completed" \
        "$(( $(fig "${nm}男性完成人數") + $(fig "${nm}女性完成人數") ))" "$done_"
done
same "analyses = Σ 專題篇數" "$(fig 性別分析篇數)" "$(x "sum($A/性別分析/計算[@名稱='專題篇數']/@值)")"
same "impact assessments = Σ 案件數" "$(fig 性別影響評估總數)" "$(x "sum($A/性別影響評估/計算[@名稱='案件數']/@值)")"
same "impact assessments = 自治條例 + 公共工程 + 重大施政" "$(fig 性別影響評估總數)" \
    "$(( $(fig 自治條例案數) + $(fig 公共工程中程計畫案數) + $(fig 重大施政計畫案數) ))"
held=$(fig 實際開會次數)
for r in 首長或副首長主持 專家學者全數出席 全體委員出席; do
    same "$r ratio = count / meetings held" "$(fig "${r}比率")" "$(fig "${r}次數")/$held"
done
same "required meetings = 3 × agencies (no office file)" "$(fig 應開會次數)" "$((3 * n))"

# one agency: the figures inside the city document = its own build --enriched
f=$d/city/a4/results.xml
run_gr build "$f" --enriched "$d/a4.xml" -o "$d/a4.pdf" > /dev/null 2>&1
grep -o '<計算 [^>]*>[^<]*</計算>' "$d/a4.xml" > "$d/a4.own"
xmllint --xpath "/*/彙整/機關[@檔案='a4/results.xml']/成果報告" "$d/city.xml" 2>/dev/null |
    grep -o '<計算 [^>]*>[^<]*</計算>' > "$d/a4.city"
if [ -s "$d/a4.own" ] && cmp -s "$d/a4.own" "$d/a4.city"; then
    ok "an agency's figures in the city document = its own build --enriched ($(wc -l < "$d/a4.own") figures)"
else not_ok "an agency's figures in the city document = its own build --enriched"; diff "$d/a4.own" "$d/a4.city" | head -5 > "$d/a4.diff"; show "$d/a4.diff"; fi
finish

#!/bin/sh
# t-city-111.sh — the sample city year data/taipei/111 against seed 003 (the
# gender office's combined report for 111, tests/fixtures/seeds): every figure
# and list of 003 §一–六 that is consistent is read FROM THE SEED TEXT and must
# appear in `combine data/taipei/111`'s PDF; each of 003's own
# inconsistencies (DOMAIN.md §6.3, docs/office-file.md §5) is listed as a
# "# 003 … / gereport … / why" line with an assertion on what gereport
# computes instead. The data was written to match 003, so the computing
# itself is tested elsewhere too (t-combine.sh's hand-summed folder,
# t-city-sum.sh's generated city); this test pins the sample to the seed.
. "$(dirname "$0")/lib.sh"
require_gr
require_seeds
require_tools pdftotext pdfinfo qpdf
d=$WORK/city-111
rm -rf "$d"
mkdir -p "$d"
S=$SEED_DIR/003-combined-taipei-111.txt
run_gr combine "$ROOT/data/taipei/111" -o "$d/city.pdf" --fo "$d/city.fo" --enriched "$d/city.xml" \
    > "$d/out" 2> "$d/err"
rc=$?
if [ "$rc" -eq 0 ] && [ -s "$d/city.pdf" ]; then ok "combine data/taipei/111 exits 0 (all 46 roster units combined)"
else not_ok "combine data/taipei/111 exits 0" "exit $rc"; show "$d/err"; fi
# the PDF's text, squeezed, page footers removed (an item broken across a page
# is whole again)
pdftotext "$d/city.pdf" - 2>/dev/null | squeeze | sed 's/第[0-9]*頁，共[0-9]*頁//g' > "$d/t"
t=$d/t
# the seed's text, squeezed (its list markers "- " gone)
sed 's/^ *- *//' "$S" | squeeze > "$d/s"
s=$d/s
# the roster's one name per unit for 003's variants (docs/office-file.md §5)
canon() { sed 's/產發局/產業局/g; s/翡翠局/翡管局/g; s/青少年發展暨家庭教育中心/青發家教中心/g; s/^家庭教育中心/青發家教中心/'; }

# has LABEL TEXT: the PDF contains TEXT (squeezed)
has() {
    _w=$(printf '%s' "$2" | squeeze)
    if grep -qF -- "$_w" "$t"; then ok "$1"; else not_ok "$1" "missing in the PDF: $2"; fi
}
# seed_has TEXT: the seed contains TEXT (the test's own premise)
seed_has() {
    _w=$(printf '%s' "$1" | squeeze)
    grep -qF -- "$_w" "$s" || not_ok "premise: 003 says $1"
}
# both LABEL TEXT: 003 says TEXT and so does the PDF
both() { seed_has "$2"; has "$1 (as 003: $2)" "$2"; }
# fig NAME: the exact value of a city figure (--enriched)
# (the root's figures come last: agencies' own figures may share a name)
fig() { grep -o "名稱=\"$1\" 值=\"[^\"]*\"" "$d/city.xml" | tail -1 | sed 's/.*值="//; s/"$//'; }
# why LINE...: a line of the inconsistency list
why() { printf '#   %s\n' "$@"; }

# ---- 一 機制運作 -------------------------------------------------------------
both "一(一) required 93, held 95" "應開會次數共計為 93 次，實際開會次數為 95 次。"
both "一(一) 4 meetings above the 3 required" "全年開會次數為 4 次，高於本府性別主流化總計畫規定之 3 次"
both "一(二) heads 76 of 95 = 80%" "會議主席為首長或副首長計 76 次，佔 95 次會議之 80%。"
both "一(二) 主任秘書 6 by agency, in 003's (roster) order" "主任秘書 6 次（文化局 2 次；交通局 1 次；工務局 1 次；資訊局 2 次）"
for c in "代理主任秘書 1 次（資訊局）" "專門委員 3 次（觀傳局）" "簡任研究員 1 次（文化局）" "副總工程司 2 次（都發局）" "處長 1 次（捷運公司）" \
         "性平辦依本府性別主流化總計畫召開 E1 組會議 3 次（財政局、地政局、政風處、兵役局、法務局）"; do
    both "一(二) chair category" "$c"
done
both "一(三) all experts present 68 = 71.6%" "專家學者委員全數出席之會議數為 68 次，佔 95 次總開會次數之 71.6%。"
seed_has "全體委員出席次數達 39 次，佔 95 次總開會次數之 41.1%"
has "一(四) all members present 39 = 41.1% (as 003)" "全體委員出席之會議達 39 次，佔 95 次總開會次數之 41.1%。"

# ---- 二 性別意識培力 ---------------------------------------------------------
both "二(一) general staff 26,328 completed (003's total kept)" "一般公務人員完成人數為 26,328 人（男性 17,643 人"
both "二(一) supervisors 3,097 = 2,033 + 1,064" "主管完成人數為 3,097 人（男性 2,033 人，女性 1,064 人）"
both "二(一) general staff 98.81%" "一般公務人員 98.81%"
both "二(二) 新聞聯絡人 44 = 18 + 26" "新聞聯絡人：44 人（男性 18 人、女性 26 人）"
both "二(二) 小編 75 = 69 + 6 = 26 + 49" "社群媒體小編：75 人（含機關小編 69 名及委外小編 6 名，男性 26 人、女性 49 人）"
both "二(三) 140 self-run courses" "140 班自辦課程"
both "二(三) 13 live-video courses" "視訊直播方式辦理課程共 13 場"
n=0
grep -A8 '相關多元辦課方式例舉如下' "$S" | sed -n 's/^- //p' > "$d/courses"
while IFS= read -r c; do
    n=$((n + 1)); has "二(三) course example $n in 003's order" "$c"
done < "$d/courses"
[ "$n" -eq 5 ] || not_ok "premise: 003 lists 5 course examples" "found $n"
a=$(grep -o '●公訓處—[^●]*●警察局—[^●]*●工務局—[^●]*●教育局—[^●]*●捷運局—' "$t" | wc -l)
if [ "$a" -eq 1 ]; then ok "二(三) the five examples in 003's order"; else not_ok "二(三) the five examples in 003's order"; fi

# ---- 三 ------------------------------------------------------------------------
both "三 33 new items, 36 new indicators" "共計新增性別統計項目 33 個、性別統計指標 36 個。"

# ---- 四 the analyses table -------------------------------------------------------
# 003's table as (unit|topic) pairs: a row with an empty unit right after a
# repeated header is the rest of a cell split across the page (joined to the
# cell above); any other empty-unit row holds more topics of the unit above.
awk -F'\t' '
    /^單位\t性別分析專題 1/ { hdr++; after = 1; next }
    hdr && NF >= 2 {
        if ($1 != "") { unit = $1; n = 0 }
        for (i = 2; i <= NF; i++) {
            if ($i == "") continue
            if ($1 == "" && after) { topic[last[i]] = topic[last[i]] $i; continue }
            n++; k++; u[k] = unit; topic[k] = $i; last[i] = k
        }
        after = 0
    }
    hdr && /^五、/ { exit }
    END { for (j = 1; j <= k; j++) print u[j] "|" topic[j] }' "$S" | canon | tr -d ' ' > "$d/seed-topics"
# the PDF's table from the FO: (unit|topic) pairs in printed order, the unit
# carried down continuation rows
awk '/性別分析專題 3/ { on = 1; next } on && /<\/fo:table>/ { exit } on' "$d/city.fo" |
    awk '/<fo:table-row/ { c = 0 } /<fo:table-cell/ { c++ }
         /<fo:block/ { s = $0; sub(/.*<fo:block[^>]*>/, "", s); sub(/<\/fo:block>.*/, "", s); if (s ~ /<fo:block\/>/) s = ""
                       if (c == 1 && s != "") unit = s; else if (c > 1 && s != "") print unit "|" s }' | tr -d ' ' > "$d/pdf-topics"
ns=$(wc -l < "$d/seed-topics"); np=$(wc -l < "$d/pdf-topics")
[ "$ns" -eq 56 ] || not_ok "premise: 003's table has 56 topic cells" "found $ns"
# 003's single 「12 區公所」 row is twelve district offices' rows here
grep -v '^12區公所|' "$d/seed-topics" > "$d/seed-no12"
grep -v '區公所|' "$d/pdf-topics" > "$d/pdf-no12"
if cmp -s "$d/seed-no12" "$d/pdf-no12"; then ok "四 table: every topic of 003's table, unit by unit, in 003's order ($((ns - 1)) cells besides 12 區公所)"
else not_ok "四 table: every topic of 003's table, unit by unit, in 003's order"; diff "$d/seed-no12" "$d/pdf-no12" | head -8 > "$d/topics.diff"; show "$d/topics.diff"; fi
k=$(grep -c '區公所|單身聯誼活動報名者性別分析$' "$d/pdf-topics")
if [ "$k" -eq 12 ]; then ok "四 table: 12 district offices, one row each with 單身聯誼活動報名者性別分析"
else not_ok "四 table: 12 district offices, one row each" "found $k"; fi
if grep -q '<fo:table-header' "$d/city.fo"; then ok "四 table: its header repeats on every page (table-header)"; else not_ok "四 table: table-header"; fi

# ---- 五 the three lists, each item as 003 prints it (names as the roster) ----------
for sec in "（一）自治條例制定或修正案 13 案" "（二）公共工程中程計畫共 14 案" "(三) 重大施政或與性別議題相關之計畫共 51 案"; do
    seed_has "$sec"
done
has "五 total 78 = 13 + 14 + 51" "各類性別影響評估數量共計 78 篇"
has "五(一) 13" "（一）自治條例制定或修正案 13 案"
has "五(二) 14" "（二）公共工程中程計畫共 14 案"
has "五(三) 51 (003 prints (三) half-width)" "（三）重大施政或與性別議題相關之計畫共 51 案"
# every numbered item of 003's lists, in order, must be in the PDF's text in
# the same order
sed -n '/^五、性別影響評估/,/^六、/p' "$S" | sed -n 's/^ *-* *\([0-9][0-9]*、.*\)$/\1/p' |
    sed 's/、翡翠局：/、翡管局：/; s/、青少年發展暨家庭教育中心：/、青發家教中心：/' > "$d/seed-items"
ni=0; pos=0; bad=0
while IFS= read -r item; do
    ni=$((ni + 1))
    w=$(printf '%s' "$item" | squeeze)
    # position of this item in the PDF text after the previous one
    rest=$(tail -c +"$((pos + 1))" "$t")
    case $rest in
        *"$w"*) pre=${rest%%"$w"*}; pos=$((pos + ${#pre} + ${#w})) ;;
        *) bad=$((bad + 1)); printf '#   not found in order: %s\n' "$item" ;;
    esac
done < "$d/seed-items"
[ "$ni" -eq 41 ] || not_ok "premise: 003's three lists have 10 + 9 + 22 = 41 numbered items" "found $ni"
if [ "$bad" -eq 0 ]; then ok "五 lists: all $ni numbered items of 003, word for word, in 003's order and numbering"
else not_ok "五 lists: all $ni numbered items of 003 in order" "$bad missing"; fi

# ---- 六 examples --------------------------------------------------------------------
# every example 「機關—措施」 / 「機關－措施」 of 003 §六, in order (names as the roster)
sed -n '/^六、推展/,/^七、/p' "$S" | sed 's/^ *-* *//' |
    grep '^[^（(0-9]*[—－]' | sed 's/－/—/; s/。。$/。/; s/！。$/！/' | canon > "$d/seed-ex"
ne=0; pos=0; bad=0
while IFS= read -r ex; do
    ne=$((ne + 1))
    w=$(printf '%s' "$ex" | squeeze | sed 's/鄭依婷/鄭○婷/')
    rest=$(tail -c +"$((pos + 1))" "$t")
    case $rest in
        *"$w"*) pre=${rest%%"$w"*}; pos=$((pos + ${#pre} + ${#w})) ;;
        *) bad=$((bad + 1)); printf '#   not found in order: %s\n' "$ex" ;;
    esac
done < "$d/seed-ex"
[ "$ne" -ge 40 ] || not_ok "premise: 003 §六 has the examples" "found $ne"
if [ "$bad" -eq 0 ]; then ok "六: all $ne examples of 003 in 003's order, under their 111 items"
else not_ok "六: all $ne examples of 003 in order" "$bad missing"; fi
has "六 (一)1 with the 111 wording (no 2030, no footnote)" "1、以性別觀點建構之因應少子化高齡化政策。●主計處—"
if grep -q '2030' "$t"; then not_ok "no 112-only text (2030 policy) in the 111 report"; else ok "no 112-only text (2030 policy) in the 111 report"; fi
has "六 (三)1 is 003's 1 (the 111 form has three items in 三)" "1、鼓勵、委託、合作或補助區公所"
has "六 a declared name in a measure is masked (鄭依婷)" "救護大隊鄭○婷幹事"

# ---- 七 and the closing, from the office file ------------------------------------------
both "七 (三) title" "（三）研擬下一階段總計畫"
both "closing paragraph" "打造更加性別友善的臺北首都。"

# ---- 003's inconsistencies: what gereport prints instead, and why -------------------------
echo "# 003's own inconsistencies (DOMAIN.md §6.3, docs/office-file.md §5):"
# 1. chair categories: 003's add up to 93 of its 95 meetings
# the sentence's counts without the parenthesised agencies; the second (95 次會議) is the total
s3=$(grep '^111 年度本府各機關（構）性別平等專案小組會議主席' "$S" | squeeze | sed 's/（[^）]*）//g' | grep -o '[0-9][0-9]*次' | tr -dc '0-9\n' | awk 'NR == 1 || NR > 2 { s += $1 } END { print s }')
sq=$(grep -o '會議主席為首長或副首長計[0-9]*次.*法務局）。' "$t" | sed 's/（[^）]*）//g' | grep -o '[0-9][0-9]*次' | tr -dc '0-9\n' | awk 'NR == 1 || NR > 2 { s += $1 } END { print s }')
why "1. chairs: 003's categories add up to $s3 of 95 meetings; gereport's to $sq" \
    "   (every meeting has one chair in the data; 003 left 2 unclassified — here 秘書處's two 參事-chaired meetings," \
    "   reconstructed; gereport lists the 其他 titles in roster order of first appearance, 003 in no order)"
if [ "$s3" = 93 ] && [ "$sq" = 95 ]; then ok "1. chair categories add up to the meetings held (95; 003: 93)"
else not_ok "1. chair categories add up to the meetings held" "003 $s3, gereport $sq"; fi
# 2. 17,643 + 8,662 != 26,328
m=$(fig 一般公務人員男性完成人數); f=$(fig 一般公務人員女性完成人數); tot=$(fig 一般公務人員完成人數)
why "2. general staff: 003 prints 26,328 (男 17,643, 女 8,662) but 17,643 + 8,662 = $((17643 + 8662));" \
    "   gereport prints $tot = $m + $f (the data keeps 003's total and men; women $f, reconstructed)"
if [ $((m + f)) -eq "$tot" ] && [ "$tot" -eq 26328 ] && [ $((17643 + 8662)) -ne 26328 ]; then ok "2. men + women = completed (003 differs by 23)"
else not_ok "2. men + women = completed" "$m + $f vs $tot"; fi
has "2. printed" "一般公務人員完成人數為 26,328 人（男性 17,643 人，女性 8,685 人）"
# 3. 99.69% is reachable by no denominator
hit=$(awk 'BEGIN { for (q = 3097; q <= 3200; q++) { r = int(3097 * 10000 / q + 0.5); if (r == 9969) print q } }')
v=$(fig 主管完成比率)
why "3. supervisors: 003 prints 99.69%, but 3,097 / N rounds to 99.69% for no N (${hit:-none});" \
    "   gereport prints the pooled ratio $v = 99.68%"
if [ -z "$hit" ] && [ "$v" = "3097/3107" ]; then ok "3. 主管 rate pooled: 3097/3107 = 99.68% (003's 99.69% unreachable)"
else not_ok "3. 主管 rate pooled" "value $v, 003 denominators $hit"; fi
has "3. printed" "主管 99.68%"
# 4 and 5. 66 analyses; 12 district offices as one cell
na=$(fig 性別分析篇數)
why "4. analyses: 003 prints 「共完成 66 篇」 beside a table of 56 cells (63 with 「市政統計週報 8 篇」 as 8, 67 with 12 區公所 as 12)" \
    "   gereport prints $na = the topics in its table ($np cells)" \
    "5. 003: 「12 區公所…共計 12 篇」 but one cell; gereport: each district office's own topic, 12 rows (the roster has the offices)"
seed_has "共完成 66 篇性別分析專題"
if [ "$na" = "$np" ] && [ "$na" -eq 67 ]; then ok "4./5. analyses counted = table cells (67; 003 prints 66)"
else not_ok "4./5. analyses counted = table cells" "figure $na, cells $np"; fi
has "4. printed" "共完成 67 篇性別分析專題"
# 6. 一(四) quotes the valid-meeting rule, then measures full attendance
why "6. 003 一(四) quotes the valid-meeting rule, then reports full attendance; gereport reports only what it measures"
if sed -n 's/.*（四）全體委員出席情形\(.*\)二、性別意識培力.*/\1/p' "$t" | grep -q '始為有效會議'; then not_ok "6. 一(四) without the unrelated rule"
else ok "6. 一(四) without the unrelated rule"; fi
# 7. garbled sentence 003:L29
why "7. 003:L29 「每年均須完成 3 小時主流化訓練，另機關（構）人員；」 is garbled; gereport prints the rule whole"
has "7. 二's opening sentence whole" "本府一般公務人員及主管人員每年均須完成 3 小時性別主流化訓練。"
# 8. one name per unit
why "8. 003 names units three ways (產發局/產業局, 翡管局/翡翠局, 家庭教育中心/青少年發展暨家庭教育中心/青發家教中心);" \
    "   gereport prints the roster's one short name (the files' own names are matched by <別名>)"
if grep -q '產發局\|翡翠局[：—]\|青少年發展暨家庭教育中心[：—]\|家庭教育中心[：—]' "$t" || grep -q '^產發局|\|^家庭教育中心|' "$d/pdf-topics"; then
    not_ok "8. no variant unit names"; else ok "8. no variant unit names (產業局, 翡管局, 青發家教中心 throughout)"; fi
grep -q '<簡稱>產發局</簡稱>' "$ROOT/data/taipei/111/economic.xml" || not_ok "premise: 產業局's file calls itself 產發局"
# 9. 「平均達 35%」 and 「皆達 98% 以上」
why "9. 003: 「實體課程參訓率平均達 35%」 (a mean of rates?) and 「皆達 98% 以上」 (an editorial threshold);" \
    "   gereport: the pooled rate Σ實體 / Σ人數 = $(fig 實體課程參訓率), and both completion rates printed as they are"
has "9. pooled 實體課程參訓率" "其中一般公務人員實體課程參訓率為 35%"
# 10. doubled punctuation
why "10. 003 prints 「並發聲！。」 and 「佔比。。」; gereport ends an example with 。 only when the agency's text has no end mark"
if grep -q '！。\|。。' "$t"; then not_ok "10. no doubled end punctuation"; else ok "10. no doubled end punctuation"; fi
# 11. order of 一(一)'s above-minimum agencies
why "11. 003 「環保局、民政局」; gereport lists agencies in roster order: 民政局、環保局"
has "11. above-minimum agencies in roster order" "其中民政局、環保局全年開會次數為 4 次"
# 12. 「提升 10%」 means percentage points: the agency's own words, printed as written
why "12. 產業局's 「提升 10%」 (19% → 29%: percentage points) is the agency's text, printed as written"

# ---- an agency's own 111 report: the 111 form (templates/results/111) ----------------
run_gr build "$ROOT/data/taipei/111/economic.xml" -o "$d/economic.pdf" --fo "$d/economic.fo" > /dev/null 2> "$d/economic.err"
rc=$?
fo2=$(cat "$d/economic.fo" 2>/dev/null | squeeze)
if [ "$rc" -eq 0 ] && [ -s "$d/economic.pdf" ]; then ok "an agency's 111 file builds (產業局, data format 2)"; else not_ok "an agency's 111 file builds" "exit $rc"; show "$d/economic.err"; fi
case $fo2 in
    *以性別觀點建構之因應少子化高齡化政策。*) ok "111 form: item (一)1 in its 111 wording" ;;
    *) not_ok "111 form: item (一)1 in its 111 wording" ;;
esac
case $fo2 in
    *2030*|*footnote*|*先行列入*) not_ok "111 form: no 112-only text (2030 policy) and no footnote" ;;
    *) ok "111 form: no 112-only text (2030 policy) and no footnote" ;;
esac
case $fo2 in
    *鼓勵、督導所屬機關、自營館所等單位訂頒推動性別主流化實施計畫*) not_ok "111 form: 三 without 112's new item 1" ;;
    *) ok "111 form: 三 without 112's new item 1 (three items, as 003 numbers them)" ;;
esac

# ---- the PDF itself --------------------------------------------------------------------
pages=$(pdf_pages "$d/city.pdf")
if [ "${pages:-0}" -ge 10 ]; then ok "city-111.pdf: $pages pages"; else not_ok "city-111.pdf pages" "$pages"; fi
if qpdf --check "$d/city.pdf" > "$d/qpdf" 2>&1; then ok "qpdf --check clean"; else not_ok "qpdf --check clean"; show "$d/qpdf"; fi
if grep -c '<fo:bookmark ' "$d/city.fo" | grep -q '^8$'; then ok "bookmarks: 一 to 七 and the annex (8)"
else not_ok "bookmarks: 一 to 七 and the annex" "$(grep -c '<fo:bookmark ' "$d/city.fo")"; fi
finish

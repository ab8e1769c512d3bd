#!/bin/sh
# t-results.sh — the yearly results report on the sample (data/taipei/112,
# the data of seed 004):
#   - `check` accepts it (exit 0; the one note (提醒) is R24 on 成果佐證(四),
#     which has no photo in seed 004 either);
#   - every computed figure of seed 004 is reproduced exactly: the <計算>
#     elements of `build --enriched` equal tests/fixtures/results/
#     112-enriched.xml (name and printed text, in order); the template
#     prints them and computes none itself (xsltproc on enriched and raw data);
#     integer rounding: 201/20000 = 1.005 % prints 1.01, not 1.00;
#   - `build` exits 0 with nothing but that note on stderr, the PDF is
#     PDF/A-1b (PDFBox preflight), byte-identical over two runs, titled with
#     the report's title;
#   - masking: no full personal name of the sample in the public edition's
#     text (pdftotext), every one of them in the internal edition;
#   - form years: 112 data takes the 112 form (25 items, the 112 wording),
#     113 data the 113–116 form (its new items and wording), 117 has no form
#     (error, no PDF), and a data folder without the 113 form refuses 113
#     data instead of falling back to the 112 form.
# The build time of the sample is printed as a comment (no timing assert).
. "$(dirname "$0")/lib.sh"
require_gr
require_tools pdftotext pdfinfo xmllint
d=$WORK/results
rm -rf "$d"
mkdir -p "$d"
SAMPLE=$ROOT/data/taipei/112/results.xml
FIX=$TESTS_DIR/fixtures/results
cp -r "$ROOT/data/taipei/112/images" "$d/"

# ---- check ---------------------------------------------------------------
run_gr check --lang zh "$SAMPLE" > "$d/check.out" 2> "$d/check.err"
rc=$?
if [ "$rc" -eq 0 ] && ! grep -q '錯誤' "$d/check.err" && [ "$(grep -c . "$d/check.err")" -eq 1 ] &&
   grep -q ':370: 提醒：.*（R24；' "$d/check.err"; then
    ok "check of the sample: exit 0, only the R24 note for 成果佐證(四) (line 370)"
else
    not_ok "check of the sample: exit 0, only the R24 note for 成果佐證(四) (line 370)" "exit $rc"
    show "$d/check.err" 8
fi

# ---- build ---------------------------------------------------------------
t0=$(date +%s.%N)
run_gr build "$SAMPLE" -o "$d/sample.pdf" --fo "$d/sample.fo" --enriched "$d/enriched.xml" \
    > "$d/build.out" 2> "$d/build.err"
rc=$?
t1=$(date +%s.%N)
echo "# build of the sample: $(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }') s (whole process)"
if [ "$rc" -eq 0 ] && [ -s "$d/sample.pdf" ] && ! grep -q '錯誤\|error:' "$d/build.err"; then
    ok "build of the sample exits 0 and writes the PDF (notes only)"
else
    not_ok "build of the sample exits 0 and writes the PDF (notes only)" "exit $rc"
    show "$d/build.err" 10
    finish
fi

title=$(pdfinfo "$d/sample.pdf" 2>/dev/null | sed -n 's/^Title: *//p')
if [ "$title" = "臺北市政府資訊局112年推動性別平等工作成果報告" ]; then
    ok "PDF title is the report's title"
else
    not_ok "PDF title is the report's title" "got '$title'"
fi

# ---- computed figures ----------------------------------------------------
# figures FILE: one line per <計算>: 名稱<TAB>text, in document order.
figures() {
    xmllint --xpath '//*[local-name()="計算"]' "$1" 2>/dev/null |
        sed 's/<計算/\n<計算/g' | grep '^<計算' |
        sed 's/^<計算 名稱="\([^"]*\)"[^>]*>\(.*\)<\/計算>.*/\1\t\2/'
}
EXTRA='^(專家學者出席人數|會議次數|專題篇數|參採率|案件數|辦理類別數|辦理項目數|措施筆數)	'
figures "$FIX/112-enriched.xml" > "$d/want.fig"
figures "$d/enriched.xml" | grep -Ev "$EXTRA" > "$d/got.fig"
n=$(grep -c . "$d/want.fig")
if [ "$n" -lt 30 ]; then
    not_ok "the fixture lists the figures of seed 004" "only $n <計算> in $FIX/112-enriched.xml"
fi
i=1
while [ "$i" -le "$n" ]; do
    want=$(sed -n "${i}p" "$d/want.fig")
    got=$(sed -n "${i}p" "$d/got.fig")
    label=$(printf '%s' "$want" | tr '\t' '=')
    if [ "$want" = "$got" ]; then
        ok "figure $i: $label"
    else
        not_ok "figure $i: $label" "got: $(printf '%s' "$got" | tr '\t' '=')"
    fi
    i=$((i + 1))
done
if [ "$(grep -c . "$d/got.fig")" -eq "$n" ]; then
    ok "no figure beyond the fixture's (besides the unprinted counts)"
else
    not_ok "no figure beyond the fixture's" "$(diff "$d/want.fig" "$d/got.fig" | head -5)"
fi
for v in '單一性別比例:6/17' '出席比率:16/17' '增減:0' '總計:5842500'; do
    name=${v%%:*} val=${v#*:}
    if grep -q "名稱=\"$name\" 值=\"$val\"" "$d/enriched.xml"; then
        ok "值 of $name is the exact value $val"
    else
        not_ok "值 of $name is the exact value $val" "$(grep "名稱=\"$name\"" "$d/enriched.xml" | head -2)"
    fi
done

if command -v xsltproc > /dev/null 2>&1; then
    # The figures come from the pipeline only (templates/results/figures.xml):
    # the template on the enriched data gives build's FO, and on the raw data
    # it prints none of them (no second computation in XSLT). Internal
    # edition on both sides: the program masks names before the template.
    run_gr build --internal "$SAMPLE" -o "$d/fo-internal.pdf" --fo "$d/internal.fo" \
        --enriched "$d/internal-enriched.xml" > /dev/null 2>&1
    xsltproc --stringparam edition internal "$ROOT/templates/results/112/results.xsl" \
        "$d/internal-enriched.xml" > "$d/enriched.fo" 2> "$d/enriched-fo.err"
    xsltproc --stringparam edition internal "$ROOT/templates/results/112/results.xsl" "$SAMPLE" \
        > "$d/raw.fo" 2> "$d/raw.err"
    # build's FO carries the data lines (gr:line, docs/fo-subset.md); xsltproc's has none
    sed 's/ gr:line="[0-9]*"//g' "$d/internal.fo" > "$d/internal-nolines.fo"
    if [ -s "$d/enriched.fo" ] && cmp -s "$d/enriched.fo" "$d/internal-nolines.fo"; then
        ok "the template prints the pipeline's figures: xsltproc on build --enriched = build's FO"
    else
        not_ok "the template prints the pipeline's figures" \
            "$(diff "$d/enriched.fo" "$d/internal-nolines.fo" | head -6)"
    fi
    # 35.29(%) 單一性別比例, 94.12% (16/17) 出席比率, 5,842,500 總計, 112-1 會議編號
    leaked=""
    for fig in '35.29(%)' '94.12% (16/17)' '5,842,500' '>112-1<'; do
        grep -qF -- "$fig" "$d/internal-nolines.fo" || leaked="$leaked [$fig missing in build's FO]"
        ! grep -qF -- "$fig" "$d/raw.fo" || leaked="$leaked [$fig computed by the template]"
    done
    if [ -s "$d/raw.fo" ] && [ -z "$leaked" ]; then
        ok "the template computes no figure itself (raw data: the figure cells stay empty)"
    else
        not_ok "the template computes no figure itself" "$leaked"
    fi
else
    ok "# skip: xsltproc not installed (FO comparison of template and pipeline)"
fi

# integer rounding: 201/20000 = 1.005 % → 1.01 (a binary double gives 1.00)
sed -e '76s#<男>59</男>#<男>20000</男>#' -e '77s#<男>59</男>#<男>201</男>#' \
    -e '79s#>72<#>200<#' "$SAMPLE" > "$d/round.xml"
run_gr build "$d/round.xml" -o "$d/round.pdf" --enriched "$d/round-enriched.xml" > /dev/null 2>&1
if grep -q '名稱="男性完成比率" 值="201/20000">1.01(%)<' "$d/round-enriched.xml" 2>/dev/null &&
   grep -q '名稱="整體完成比率" 值="254/20053">1.27(%)<' "$d/round-enriched.xml"; then
    ok "percentages rounded half up from the exact fraction (201/20000 -> 1.01, 254/20053 -> 1.27)"
else
    not_ok "percentages rounded half up from the exact fraction" \
        "$(grep '完成比率' "$d/round-enriched.xml" 2>/dev/null | head -3)"
fi

# ---- PDF/A-1b and determinism -------------------------------------------
preflight "$d/sample.pdf" "sample report" "$d/preflight"
mkdir -p "$d/other/place"
cp "$SAMPLE" "$d/other/place/results.xml"
cp -r "$ROOT/data/taipei/112/images" "$d/other/place/"
(cd "$d/other/place" && TZ=Pacific/Kiritimati run_gr build results.xml > /dev/null 2>&1)
run_gr build "$SAMPLE" -o "$d/sample2.pdf" > /dev/null 2>&1
if cmp -s "$d/sample.pdf" "$d/sample2.pdf" && cmp -s "$d/sample.pdf" "$d/other/place/results.pdf"; then
    ok "sample report: byte-identical over runs, folders and time zones (default output beside the data)"
else
    not_ok "sample report: byte-identical over runs, folders and time zones" \
        "$(cmp "$d/sample.pdf" "$d/sample2.pdf" 2>&1; cmp "$d/sample.pdf" "$d/other/place/results.pdf" 2>&1)"
fi

# ---- masking -------------------------------------------------------------
run_gr build --internal "$SAMPLE" -o "$d/internal.pdf" > /dev/null 2>&1
pdftotext "$d/sample.pdf" - 2> "$d/pub.err" | squeeze > "$d/public.txt"
pdftotext "$d/internal.pdf" - 2>> "$d/pub.err" | squeeze > "$d/internal.txt"
xmllint --xpath '//*[local-name()="姓名"]/text()' "$SAMPLE" | tr -s ' \n' '\n\n' | sort -u | grep . > "$d/names"
shown=""
missing=""
for name in $(cat "$d/names"); do
    grep -q "$name" "$d/public.txt" && shown="$shown $name"
    grep -q "$name" "$d/internal.txt" || missing="$missing $name"
done
count=$(grep -c . "$d/names")
if [ "$count" -ge 20 ] && [ -z "$shown" ] && [ -s "$d/public.txt" ]; then
    ok "public edition: none of the sample's $count full names in the PDF text"
else
    not_ok "public edition: no full name in the PDF text" "shown:$shown (of $count names)"
fi
if [ -z "$missing" ] && [ -s "$d/internal.txt" ]; then
    ok "internal edition: all $count names in full"
else
    not_ok "internal edition: all names in full" "missing:$missing"
fi
if grep -q '蕭○勻' "$d/public.txt" && grep -q '嚴○鸞、彭○明、陳○苓' "$d/public.txt"; then
    ok "public edition masks as the form does (蕭○勻, 嚴○鸞、彭○明、陳○苓)"
else
    not_ok "public edition masks as the form does (蕭○勻, 嚴○鸞、彭○明、陳○苓)"
fi

# ---- form years ------------------------------------------------------------
ITEM112='以性別觀點建構之因應少子化高齡化政策、2030邁向永續發展的臺北市性別平等政策'
ITEM113_NEW='重視性騷擾、性侵害、家庭暴力、數位性別暴力等議題，將防治觀念及因應措施融入業務。'
if grep -q "$ITEM112" "$d/sample.fo" && ! grep -q "$ITEM113_NEW" "$d/sample.fo" &&
   grep -q '國際反恐同日' "$d/sample.fo"; then
    ok "112 data: the 112 form (its (一)1 wording, no 113-116 item)"
else
    not_ok "112 data: the 112 form"
fi
# the sample moved to 113 (dates one year later)
sed -e 's#<年度>112#<年度>113#' -e 's#2024-02-22#2025-02-20#' -e 's#2023-#2024-#g' "$SAMPLE" > "$d/r113.xml"
run_gr build "$d/r113.xml" -o "$d/r113.pdf" --fo "$d/r113.fo" > /dev/null 2> "$d/r113.err"
rc=$?
missing=""
for t in "$ITEM113_NEW" '針對性別歧視或造成不利處境之行為，訂有改善措施、方案或計畫。' \
         '國際不再恐同日' '婚育後女性重返職場、男性參與家務分工及分擔照顧責任' \
         '研析同志、跨性別者與雙性人等性少數之困境及需求'; do
    grep -q "$t" "$d/r113.fo" || missing="$missing 「$t」"
done
if [ "$rc" -eq 0 ] && [ -s "$d/r113.pdf" ] && [ -z "$missing" ] && ! grep -q "$ITEM112" "$d/r113.fo" &&
   ! grep -q '國際反恐同日' "$d/r113.fo"; then
    ok "113 data: the 113-116 form (new items (一)5, (二)3 and the 113-116 wording)"
else
    not_ok "113 data: the 113-116 form" "exit $rc; missing:$missing"
    show "$d/r113.err" 5
fi
pdftotext "$d/r113.pdf" - 2>/dev/null | squeeze > "$d/r113.txt"
if grep -q '重視性騷擾、性侵害、家庭暴力、數位性別暴力等議題' "$d/r113.txt"; then
    ok "113 PDF prints the 113-116 item (一)5"
else
    not_ok "113 PDF prints the 113-116 item (一)5"
fi

sed 's#<年度>112#<年度>117#' "$SAMPLE" > "$d/r117.xml"
run_gr build "$d/r117.xml" -o "$d/r117.pdf" > /dev/null 2> "$d/r117.err"
rc=$?
if [ "$rc" -eq 1 ] && [ ! -e "$d/r117.pdf" ] && grep -q 'r117.xml:14: 錯誤.*沒有適用 117 年度的表單' "$d/r117.err"; then
    ok "117 data: no form serves 117 -> error at <年度>, no PDF"
else
    not_ok "117 data: no form serves 117 -> error at <年度>, no PDF" "exit $rc"
    show "$d/r117.err" 5
fi

# a data folder whose templates lack the 113 form
dd=$d/datadir
mkdir -p "$dd/templates/results"
cp -r "$ROOT/templates/schema" "$ROOT/templates/rules" "$ROOT/templates/kinds.xml" "$dd/templates/"
cp -r "$ROOT/templates/results/112" "$ROOT"/templates/results/*.xml "$dd/templates/results/"
ln -s "$ROOT/fonts" "$dd/fonts"
run_gr build --datadir "$dd" "$d/r113.xml" -o "$d/r113-no-form.pdf" > /dev/null 2> "$d/noform.err"
rc=$?
if [ "$rc" -eq 1 ] && [ ! -e "$d/r113-no-form.pdf" ] && grep -q '沒有適用 113 年度的表單' "$d/noform.err"; then
    ok "113 data never falls back to the 112 form (templates without 113: error, no PDF)"
else
    not_ok "113 data never falls back to the 112 form" "exit $rc"
    show "$d/noform.err" 5
fi
run_gr build --datadir "$dd" "$SAMPLE" -o "$d/with-112-only.pdf" > /dev/null 2>&1
if [ -s "$d/with-112-only.pdf" ] && cmp -s "$d/with-112-only.pdf" "$d/sample.pdf"; then
    ok "112 data with those templates: the same PDF"
else
    not_ok "112 data with those templates: the same PDF"
fi
finish

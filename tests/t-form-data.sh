#!/bin/sh
# t-form-data.sh — forms as data (docs/form-data.md):
#   - `new` lists the year's categories and items and the group's minimums
#     from the form data (112: 25 items, 113: 27, each with its own texts)
#   - a throwaway form year 117 made of a template folder (a results.xsl of
#     a few lines importing the 113 form), a form-data file and, as a new
#     plan period needs, a rule file, with no C change: data of 117 builds,
#     and the PDF's FO shows the new item text, group minimum, training
#     hours and the wording of computed figures (增減, 性別比例說明: the
#     figures file takes them from the year's form data); `new --year 117`
#     lists the new item.
. "$(dirname "$0")/lib.sh"
require_gr
d=$WORK/form-data
rm -rf "$d"
mkdir -p "$d"
cd "$d" || exit 1

# -- new lists the items of the year's form ---------------------------------
run_gr new --year 112 --agency 臺北市政府測試局 --group D1 -o n112.xml > /dev/null 2>&1
run_gr new --year 113 --agency 臺北市政府測試局 --group D1 -o n113.xml > /dev/null 2>&1
c112=$(grep -c '^ *項目="[0-9]"' n112.xml)
c113=$(grep -c '^ *項目="[0-9]"' n113.xml)
if [ "$c112" -eq 25 ] && [ "$c113" -eq 27 ] &&
   grep -q '項目="1" 以性別觀點建構之因應少子化高齡化政策' n112.xml &&
   grep -q '項目="5" 重視性騷擾、性侵害、家庭暴力、數位性別暴力等議題' n113.xml &&
   ! grep -q '重視性騷擾、性侵害' n112.xml &&
   grep -q 'D1組每年至少辦理 2 類、總計 3 項' n113.xml; then
    ok "new lists the year's items from its form data (112: 25, 113: 27) and D1組's minimums"
else
    not_ok "new lists the year's items from its form data (112: 25, 113: 27) and D1組's minimums" \
        "items listed: 112 $c112, 113 $c113"
fi
if run_gr check n113.xml 2>&1 | grep -q 'XML 格式不正確\|malformed'; then
    not_ok "the listing keeps the skeleton well-formed XML"
else
    ok "the listing keeps the skeleton well-formed XML"
fi

# -- a throwaway form year ----------------------------------------------------
mkdir -p dd
cp -r "$ROOT/templates" "$ROOT/fonts" dd/
mkdir dd/templates/results/117
cat > dd/templates/results/117/results.xsl <<'XSL'
<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../113/results.xsl"/>
  <xsl:variable name="form" select="document('form.xml')/form"/>
</xsl:stylesheet>
XSL
sed -e 's/name="113" first-year="113" last-year="116"/name="117" first-year="117" last-year="120"/' \
    -e 's/2030邁向永續發展的臺北市性別平等政策。/試辦年度之新項目：性別平等城市儀表板。/' \
    -e 's/<group names="C群" categories="3" items="3"\/>/<group names="C群" categories="2" items="2"\/>/' \
    -e 's/<training hours="18" advanced-hours="6"\/>/<training hours="17.5" advanced-hours="5"\/>/' \
    -e 's/none="無"/none="與本年度相同"/' -e 's/balanced="無任一性別低於1\/3之情形。"/balanced="兩性皆達三分之一。"/' \
    dd/templates/results/113/form.xml > dd/templates/results/117/form.xml
sed -e 's/period="113-116" first-year="113" last-year="116"/period="117-120" first-year="117" last-year="120"/' \
    dd/templates/rules/113-116.xml > dd/templates/rules/117-120.xml
cp -r "$ROOT/data/taipei/112" y117
sed -e 's#<年度>112#<年度>117#' -e 's#2024-02-22#2029-02-20#' -e 's#2023-#2028-#g' y117/results.xml > y117/r117.xml
run_gr build y117/r117.xml --datadir dd -o r117.pdf --fo r117.fo > /dev/null 2> r117.err
rc=$?
if [ "$rc" -eq 0 ] && [ -s r117.pdf ]; then
    ok "throwaway form year 117 (folder + form data + rule file, no C change): build exits 0"
else
    not_ok "throwaway form year 117 (folder + form data + rule file, no C change): build exits 0" "exit $rc"
    show r117.err 5
fi
for t in '試辦年度之新項目：性別平等城市儀表板。' 'C群：下開(一)至(六)類，每年至少辦理2類，總計至少2項以上。' \
         '*每人每年均須完成17.5小時課程訓練，其中5小時以上應屬進階課程。' \
         '下年度與本年度相較之增減：與本年度相同' '男性8人／女性8人，兩性皆達三分之一。'; do
    if grep -q -F "$t" r117.fo; then
        ok "117 form: its data is printed: $t"
    else
        not_ok "117 form: its data is printed: $t"
    fi
done
if [ -s r117.pdf ] && command -v pdftotext > /dev/null 2>&1; then
    pdftotext r117.pdf r117.txt 2> /dev/null
    if tr -d ' \n' < r117.txt | grep -q '試辦年度之新項目'; then
        ok "117 form: the new item text is in the PDF"
    else
        not_ok "117 form: the new item text is in the PDF"
    fi
fi
run_gr new --year 117 --agency 臺北市政府測試局 --group C --datadir dd -o n117.xml > /dev/null 2>&1
if grep -q '項目="1" 試辦年度之新項目' n117.xml && grep -q 'C群每年至少辦理 2 類、總計 2 項（117 年之規定）' n117.xml; then
    ok "new --year 117 lists the throwaway form's items and minimums"
else
    not_ok "new --year 117 lists the throwaway form's items and minimums"
fi
finish

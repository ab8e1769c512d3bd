#!/bin/sh
# t-kinds.sh — document kinds are data (templates/kinds.xml, docs/form-data.md
# §Kinds): a throwaway kind 〈會議紀錄〉 (meeting minutes) made only of files
# — a line in kinds.xml, a RelaxNG schema, a form folder (stylesheet + form
# data naming its years), a figures file and a rule file — with no C change:
#   - `build` of a minutes file exits 0 and the PDF prints the declared
#     figures (a sum, a ratio, a count-distinct, a wording of the form data
#     chosen by $form) and the form data's heading;
#   - `check` reports the kind's own rule (class 未達規定) at the data line,
#     and a value the schema refuses as an error at its line;
#   - the results report is not disturbed by the new kind (sample: exit 0);
#   - a figure text naming an undeclared {placeholder} is a fault of the
#     figures file (exit 2, its line), no PDF;
#   - a root element no kind declares is an error that lists the kinds;
#     a kinds file without the required attributes is a system error
#     (exit 2) naming that file, no PDF.
. "$(dirname "$0")/lib.sh"
require_gr
d=$WORK/kinds
rm -rf "$d"
mkdir -p "$d"
cd "$d" || exit 1

mkdir -p dd
cp -r "$ROOT/templates" "$ROOT/fonts" dd/
# the kind: one more line in kinds.xml
sed 's#</kinds>#  <kind root="會議紀錄" schema="minutes" forms="templates/minutes" main="minutes.xsl" year="年度" rules="templates/minutes-rules" figures="templates/minutes/figures.xml"/>\n</kinds>#' \
    "$ROOT/templates/kinds.xml" > dd/templates/kinds.xml
cat > dd/templates/schema/minutes-1.rng <<'RNG'
<?xml version="1.0" encoding="UTF-8"?>
<grammar xmlns="http://relaxng.org/ns/structure/1.0"
         datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start>
    <element name="會議紀錄">
      <attribute name="版本"><value>1</value></attribute>
      <element name="年度"><data type="nonNegativeInteger"/></element>
      <element name="主題"><text/></element>
      <oneOrMore>
        <element name="議案">
          <attribute name="類別"><choice><value>甲</value><value>乙</value><value>丙</value></choice></attribute>
          <element name="贊成"><data type="nonNegativeInteger"/></element>
          <element name="反對"><data type="nonNegativeInteger"/></element>
        </element>
      </oneOrMore>
    </element>
  </start>
</grammar>
RNG
mkdir -p dd/templates/minutes/1 dd/templates/minutes-rules
cat > dd/templates/minutes/1/form.xml <<'FORM'
<?xml version="1.0" encoding="UTF-8"?>
<form kind="會議紀錄" name="1" first-year="113" last-year="199">
  <heading>試辦會議紀錄表</heading>
  <figures>
    <figure name="結論" passed="通過{票數}票" failed="未通過"/>
  </figures>
</form>
FORM
cat > dd/templates/minutes/figures.xml <<'FIG'
<?xml version="1.0" encoding="UTF-8"?>
<數字定義 種類="會議紀錄">
  <數字 名稱="總票數" 格式="int" 運算="sum(議案/贊成) + sum(議案/反對)"/>
  <數字 名稱="贊成比率" 格式="pct2s" 文字="{數}%（{分子}/{分母}）"
        分子="sum(議案/贊成)" 分母="sum(議案/贊成) + sum(議案/反對)"/>
  <數字 名稱="類別數" 格式="count" 運算="count-distinct(議案/@類別)"/>
  <數字 名稱="結論" 格式="text" 擁有者="議案" 條件="$w"
        措辭="$w/@passed[$贊 > $反] | $w/@failed[not($贊 > $反)]">
    <變數 名="w" 運算="$form/figures/figure[@name = '結論']"/>
    <變數 名="贊" 運算="number(贊成)"/>
    <變數 名="反" 運算="number(反對)"/>
    <變數 名="票數" 格式="int" 運算="$贊"/>
  </數字>
</數字定義>
FIG
cat > dd/templates/minutes-rules/113-199.xml <<'RULES'
<?xml version="1.0" encoding="UTF-8"?>
<rules period="113-199" first-year="113" last-year="199">
  <title>試辦會議紀錄規則</title>
  <rule id="M1" class="未達規定" context="議案" assert="贊成 + 反對 >= 3">
    <source lang="zh">試辦規則：每案至少 3 票</source>
    <source lang="en">trial rule: 3 votes a motion</source>
    <message lang="zh">議案只有 {贊成 + 反對} 票</message>
    <message lang="en">the motion has only {贊成 + 反對} votes</message>
    <advice lang="zh">請確認票數。</advice>
    <advice lang="en">check the votes.</advice>
  </rule>
</rules>
RULES
cat > dd/templates/minutes/1/minutes.xsl <<'XSL'
<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">
  <xsl:output method="xml" encoding="UTF-8"/>
  <xsl:param name="edition" select="'public'"/>
  <xsl:variable name="form" select="document('form.xml')/form"/>
  <xsl:template match="/會議紀錄">
    <fo:root xml:lang="zh-TW">
      <fo:layout-master-set>
        <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm" margin="20mm">
          <fo:region-body/>
        </fo:simple-page-master>
      </fo:layout-master-set>
      <fo:page-sequence master-reference="A4">
        <fo:flow flow-name="xsl-region-body">
          <fo:block font-family="標楷體, TW-Kai, serif" font-size="12pt">
            <fo:block font-size="16pt"><xsl:value-of select="$form/heading"/>：<xsl:value-of select="主題"/></fo:block>
            <xsl:for-each select="議案">
              <fo:block>議案<xsl:value-of select="position()"/>（<xsl:value-of select="@類別"/>）：<xsl:value-of select="計算[@名稱='結論']"/></fo:block>
            </xsl:for-each>
            <fo:block>總票數<xsl:value-of select="計算[@名稱='總票數']"/>，贊成比率<xsl:value-of select="計算[@名稱='贊成比率']"/>，類別<xsl:value-of select="計算[@名稱='類別數']"/>種</fo:block>
          </fo:block>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>
</xsl:stylesheet>
XSL
# a clerk's minutes: votes above a thousand, one motion with too few votes
cat > m.xml <<'DATA'
<?xml version="1.0" encoding="UTF-8"?>
<會議紀錄 版本="1">
  <年度>114</年度>
  <主題>𠮷野里社區照顧據點擴充案</主題>
  <議案 類別="甲"><贊成>1204</贊成><反對>377</反對></議案>
  <議案 類別="乙"><贊成>1</贊成><反對>1</反對></議案>
  <議案 類別="甲"><贊成>40</贊成><反對>41</反對></議案>
</會議紀錄>
DATA

run_gr build m.xml --datadir dd -o m.pdf --fo m.fo --enriched m-enriched.xml > m.out 2> m.err
rc=$?
if [ "$rc" -eq 0 ] && [ -s m.pdf ]; then
    ok "a throwaway kind (kinds.xml line, schema, form folder, figures, rules; no C change): build exits 0"
else
    not_ok "a throwaway kind: build exits 0" "exit $rc"
    show m.err 6
fi
# 1204+377+1+1+40+41 = 1664; 1245/1664 = 74.819… → 74.82
for t in '試辦會議紀錄表：𠮷野里社區照顧據點擴充案' '議案1（甲）：通過1,204票' '議案2（乙）：未通過' \
         '議案3（甲）：未通過' '總票數1,664，贊成比率74.82%（1245/1664），類別2種'; do
    if grep -q -F "$t" m.fo; then
        ok "the new kind's form prints its figures and form data: $t"
    else
        not_ok "the new kind's form prints its figures and form data: $t" "$(grep -o '議案[^<]*\|總票數[^<]*\|試辦[^<]*' m.fo | head -5)"
    fi
done
if grep -q '名稱="贊成比率" 值="1245/1664"' m-enriched.xml; then
    ok "the new kind's ratio keeps its exact value (值=1245/1664)"
else
    not_ok "the new kind's ratio keeps its exact value" "$(grep 贊成比率 m-enriched.xml)"
fi
if grep -q 'm.xml:6: 未達規定.*議案只有 2 票.*M1' m.err; then
    ok "the new kind's rule file is applied: M1 at the motion's line (6), class 未達規定"
else
    not_ok "the new kind's rule file is applied: M1 at line 6" "$(cat m.err)"
fi
if command -v pdftotext > /dev/null 2>&1; then
    pdftotext m.pdf m.txt 2> /dev/null
    if tr -d ' \n' < m.txt | grep -q '總票數1,664'; then
        ok "the new kind's PDF has its figures as text"
    else
        not_ok "the new kind's PDF has its figures as text" "$(head -c 300 m.txt)"
    fi
fi

# the schema of the new kind refuses a value, at its line
sed 's/類別="乙"/類別="戊"/' m.xml > bad.xml
run_gr check bad.xml --datadir dd > bad.out 2>&1
rc=$?
if [ "$rc" -eq 1 ] && grep -q 'bad.xml:6:' bad.out; then
    ok "the new kind's schema is applied: a value it refuses is an error at line 6 (exit 1)"
else
    not_ok "the new kind's schema is applied (exit 1 at line 6)" "exit $rc: $(head -3 bad.out)"
fi

# the results report in the same data folder is unchanged
run_gr build "$ROOT/data/taipei/112/results.xml" --datadir dd -o r.pdf > /dev/null 2> r.err
rc=$?
run_gr build "$ROOT/data/taipei/112/results.xml" -o r0.pdf > /dev/null 2>&1
if [ "$rc" -eq 0 ] && cmp -s r.pdf r0.pdf; then
    ok "the results report builds the same bytes with the new kind declared"
else
    not_ok "the results report builds the same bytes with the new kind declared" "exit $rc"
    show r.err 3
fi

# a root element no kind declares: an error listing the kinds
printf '<?xml version="1.0" encoding="UTF-8"?>\n<會議記錄 版本="1"><年度>114</年度></會議記錄>\n' > typo.xml
run_gr check typo.xml --datadir dd > typo.out 2>&1
rc=$?
if [ "$rc" -eq 1 ] && grep -q 'typo.xml:2:.*<會議記錄>.*<成果報告>、<全市成果彙整>、<會議紀錄>' typo.out; then
    ok "an unknown root element is an error at its line listing the kinds of kinds.xml"
else
    not_ok "an unknown root element is an error listing the kinds" "exit $rc: $(cat typo.out)"
fi

# a figure whose text names no <變數>: a fault of the figures file (exit 2,
# its file and line), no PDF
mkdir -p badfig
cp -r dd/templates dd/fonts badfig/
sed 's/文字="{數}%（{分子}\/{分母}）"/文字="{數}%（{贊成票}）"/' dd/templates/minutes/figures.xml \
    > badfig/templates/minutes/figures.xml
run_gr build m.xml --datadir badfig -o badfig.pdf > badfig.out 2>&1
rc=$?
if [ "$rc" -eq 2 ] && [ ! -e badfig.pdf ] && grep -q 'minutes/figures.xml:5: .*{贊成票}' badfig.out; then
    ok "a figure text with an unknown {placeholder}: exit 2 at figures.xml:5 (its definition), no PDF"
else
    not_ok "a figure text with an unknown {placeholder}: exit 2 at figures.xml:5 (its definition), no PDF" "exit $rc: $(head -3 badfig.out)"
fi

# a broken kinds file: a system error naming it, exit 2, no PDF
mkdir -p broken
cp -r dd/templates dd/fonts broken/
sed 's/ main="minutes.xsl"//' dd/templates/kinds.xml > broken/templates/kinds.xml
run_gr build m.xml --datadir broken -o broken.pdf > broken.out 2>&1
rc=$?
if [ "$rc" -eq 2 ] && [ ! -e broken.pdf ] && grep -q 'templates/kinds.xml' broken.out; then
    ok "a kind without its main stylesheet: exit 2 naming templates/kinds.xml, no PDF"
else
    not_ok "a broken kinds file: exit 2 naming it, no PDF" "exit $rc: $(head -3 broken.out)"
fi
finish

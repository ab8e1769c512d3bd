#!/bin/sh
# long-table.sh — writes the long-table fixture of tests/t-layout.sh: one
# table of N body rows (default 300) that runs over many A4 pages, with a
# two-row header (repeated on every page), a footer, collapsed borders on
# table, rows and cells (so that every cell fragment has four visible
# sides), padding and a grey header background. Row k carries the token
# R0k (R0001 … R0300) in its second column, which the tests use to check
# that every row is shown exactly once and in order; the description cell
# runs from one to three lines so that the page ends fall at varied places.
# Deterministic: same N, same bytes.
#
# Usage: long-table.sh [N] > OUT.fo
set -eu
n=${1:-300}
case $n in ''|*[!0-9]*) echo "usage: long-table.sh [N] > OUT.fo" >&2; exit 2 ;; esac
cat <<'HEAD'
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xml:lang="zh-TW">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm"
        margin-top="20mm" margin-bottom="15mm" margin-left="20mm" margin-right="20mm">
      <fo:region-body margin-bottom="12mm"/>
      <fo:region-after extent="8mm"/>
    </fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="A4">
    <fo:static-content flow-name="xsl-region-after">
      <fo:block font-family="TW-Kai" font-size="9pt" text-align="center">第 <fo:page-number/> 頁</fo:block>
    </fo:static-content>
    <fo:flow flow-name="xsl-region-body">
      <fo:block font-family="標楷體, TW-Kai, serif" font-size="11pt" line-height="1.4"
          space-after="6pt">長表格測試：每一頁都應有表頭，每一列恰好出現一次。</fo:block>
      <fo:table table-layout="fixed" width="100%" border-collapse="collapse"
          border="1pt solid black" font-family="標楷體, TW-Kai, serif" font-size="10.5pt"
          line-height="1.35">
        <fo:table-column column-width="14mm"/>
        <fo:table-column column-width="20mm"/>
        <fo:table-column column-width="proportional-column-width(3)"/>
        <fo:table-column column-width="proportional-column-width(1)"/>
        <fo:table-header background-color="#D9D9D9" font-weight="bold">
          <fo:table-row>
            <fo:table-cell border="0.5pt solid black" padding="2pt" number-rows-spanned="2"
                display-align="center" text-align="center"><fo:block>項次</fo:block></fo:table-cell>
            <fo:table-cell border="0.5pt solid black" padding="2pt" number-columns-spanned="3"
                text-align="center"><fo:block>表頭第一列（跨三欄）</fo:block></fo:table-cell>
          </fo:table-row>
          <fo:table-row>
            <fo:table-cell border="0.5pt solid black" padding="2pt" text-align="center"><fo:block>編號</fo:block></fo:table-cell>
            <fo:table-cell border="0.5pt solid black" padding="2pt" text-align="center"><fo:block>說明欄</fo:block></fo:table-cell>
            <fo:table-cell border="0.5pt solid black" padding="2pt" text-align="center"><fo:block>數量欄</fo:block></fo:table-cell>
          </fo:table-row>
        </fo:table-header>
        <fo:table-footer>
          <fo:table-row>
            <fo:table-cell border="0.5pt solid black" padding="2pt" number-columns-spanned="3"
                text-align="end"><fo:block>表尾合計</fo:block></fo:table-cell>
            <fo:table-cell border="0.5pt solid black" padding="2pt" text-align="end"><fo:block>TOTAL</fo:block></fo:table-cell>
          </fo:table-row>
        </fo:table-footer>
        <fo:table-body>
HEAD
awk -v n="$n" 'BEGIN {
    split("推動性別平等工作，落實性別主流化。|辦理性別意識培力課程，提升同仁性別敏感度，並追蹤參訓情形與成效。|建立性別統計指標與項目，定期檢討資料之完整性，分析男女參與差異，研提具體改善措施，並提報性別平等專案小組會議。", text, "|")
    for (k = 1; k <= n; k++) {
        t = text[(k * 7) % 3 + 1]
        printf "          <fo:table-row>\n"
        printf "            <fo:table-cell border=\"0.5pt solid black\" padding=\"2pt\" text-align=\"center\"><fo:block>%d</fo:block></fo:table-cell>\n", k
        printf "            <fo:table-cell border=\"0.5pt solid black\" padding=\"2pt\"><fo:block>R%04d</fo:block></fo:table-cell>\n", k
        printf "            <fo:table-cell border=\"0.5pt solid black\" padding=\"2pt\" text-align=\"justify\"><fo:block>%s</fo:block></fo:table-cell>\n", t
        printf "            <fo:table-cell border=\"0.5pt solid black\" padding=\"2pt\" text-align=\"end\"><fo:block>%d,%03d</fo:block></fo:table-cell>\n", (k * 37) % 90 + 1, (k * 113) % 1000
        printf "          </fo:table-row>\n"
    }
}'
cat <<'TAIL'
        </fo:table-body>
      </fo:table>
      <fo:block font-family="TW-Kai" font-size="11pt" space-before="6pt">表格之後的段落。</fo:block>
    </fo:flow>
  </fo:page-sequence>
</fo:root>
TAIL

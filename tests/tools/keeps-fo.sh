#!/bin/sh
# keeps-fo.sh — writes the keeps fixture of tests/t-layout-doc.sh: nine page
# sequences (K = 0 … 8) of the same three groups, each group starting a new
# page after one-line filler blocks whose number grows with K, so that the
# page end (35 lines of about 20pt) falls at every place of each group:
#   A: 28+K fillers, 標題K (keep-with-next="always"), 段落K起…止 (a
#      paragraph of about seven lines, orphans="3" widows="3"), 圖說K
#      (keep-with-previous="always");
#   B: 29+K fillers, 整塊K起…止 (about five lines,
#      keep-together.within-page="always");
#   C: 26+K fillers, a table whose third row 保列K起…止 (four lines) has
#      keep-together.within-page="always".
# What must hold wherever the page ends is checked from the box dump (see
# the test). Deterministic output.
#
# Usage: keeps-fo.sh > OUT.fo
set -eu
cat <<'HEAD'
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xml:lang="zh-TW">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm"
        margin-top="20mm" margin-bottom="20mm" margin-left="20mm" margin-right="20mm">
      <fo:region-body/>
    </fo:simple-page-master>
  </fo:layout-master-set>
HEAD
awk 'BEGIN {
    unit = "性別平等專案小組每年至少召開三次會議，檢視性別主流化工具之運用情形，並追蹤各項決議之辦理進度。"
    para = unit unit unit unit unit unit
    blk = "性別意識培力課程包括實體課程與數位課程，實體課程以講座、工作坊及座談會等方式辦理，數位課程則由臺北e大等平臺提供，同仁每年均須完成三小時之性別主流化訓練，主管人員亦同，並由人事單位追蹤。"
    row = "採購工作及審查小組委員任一性別比例不得低於全部委員三分之一，截至年底委員人數分別為男性八人、女性八人。"
    for (k = 0; k < 9; k++) {
        print "  <fo:page-sequence master-reference=\"A4\">"
        print "    <fo:flow flow-name=\"xsl-region-body\">"
        print "      <fo:block font-family=\"標楷體, TW-Kai, serif\" font-size=\"12pt\" line-height=\"20pt\" text-align=\"justify\">"
        fill(28 + k, "甲", 0)
        printf "        <fo:block font-weight=\"bold\" keep-with-next=\"always\">標題%d：與下一段同頁</fo:block>\n", k
        printf "        <fo:block orphans=\"3\" widows=\"3\">段落%d起：%s段落%d止。</fo:block>\n", k, para, k
        printf "        <fo:block keep-with-previous=\"always\" text-align=\"center\">▲ 圖說%d：與上一段同頁</fo:block>\n", k
        fill(29 + k, "乙", 1)
        printf "        <fo:block keep-together.within-page=\"always\">整塊%d起：%s%s整塊%d止。</fo:block>\n", k, blk, unit, k
        fill(26 + k, "丙", 1)
        print "        <fo:table table-layout=\"fixed\" width=\"100%\" border=\"0.5pt solid black\">"
        print "          <fo:table-column column-width=\"30mm\"/>"
        print "          <fo:table-column column-width=\"proportional-column-width(1)\"/>"
        print "          <fo:table-body>"
        for (i = 1; i <= 4; i++) {
            if (i == 3) {
                printf "            <fo:table-row keep-together.within-page=\"always\">\n"
                printf "              <fo:table-cell border=\"0.5pt solid black\" padding=\"2pt\"><fo:block>保列%d甲</fo:block></fo:table-cell>\n", k
                printf "              <fo:table-cell border=\"0.5pt solid black\" padding=\"2pt\"><fo:block>保列%d起：%s%s保列%d止。</fo:block></fo:table-cell>\n", k, row, row, k
            } else {
                printf "            <fo:table-row>\n"
                printf "              <fo:table-cell border=\"0.5pt solid black\" padding=\"2pt\"><fo:block>一般列%d-%d</fo:block></fo:table-cell>\n", k, i
                printf "              <fo:table-cell border=\"0.5pt solid black\" padding=\"2pt\"><fo:block>%s</fo:block></fo:table-cell>\n", row
            }
            print "            </fo:table-row>"
        }
        print "          </fo:table-body>"
        print "        </fo:table>"
        print "      </fo:block>"
        print "    </fo:flow>"
        print "  </fo:page-sequence>"
    }
}
# n one-line filler blocks; the first starts a new page when brk is 1
function fill(n, tag, brk,   i) {
    for (i = 1; i <= n; i++)
        printf "        <fo:block%s>填充%s%02d。</fo:block>\n", (i == 1 && brk) ? " break-before=\"page\"" : "", tag, i
}'
echo '</fo:root>'

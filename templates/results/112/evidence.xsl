<?xml version="1.0" encoding="UTF-8"?>
<!--
  evidence.xsl — 成果佐證: the fixed heading and bullets, one section per
  strategy category (all six headings printed, empty or not), and the blocks
  of a section in data order: 方案名稱, 關聯性, 段落, 清單, 子方案 (● …),
  照片 (▲ caption below), 統計表 (▼ caption above, percentages computed),
  長條圖 / 圓餅圖 (charts.xsl, ▲ caption), 委員名單 (▼ caption, summary row
  computed), 表格 (generic, ▼ caption, * notes), 方框 (▲ caption), 引文 (※ title).
  Computed figures (computed.md): 組/男百分比 女百分比 其他百分比,
  委員名單/性別比例說明.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:gr="urn:x-gereport:source">

  <xsl:key name="stat-table" match="統計表" use="@代號"/>

  <xsl:template name="evidence">
    <fo:block xsl:use-attribute-sets="h1" id="sec-evidence"><xsl:copy-of select="@gr:line"/><xsl:value-of select="$form/sections/section[@id = 'sec-evidence']/@title"/></fo:block>
    <fo:list-block provisional-distance-between-starts="1.2em" provisional-label-separation="0.2em"
        space-after="4pt"><xsl:copy-of select="@gr:line"/>
      <xsl:call-template name="bullet"><xsl:with-param name="text" select="'請依組別要求自行增刪欄位與欄位大小。'"/></xsl:call-template>
      <xsl:call-template name="bullet"><xsl:with-param name="text" select="'請於下列欄位中說明與性別平等關聯性，並包含場次總計、參與(性別)人數/次等統計。'"/></xsl:call-template>
      <xsl:call-template name="bullet"><xsl:with-param name="text" select="'請務必提供佐證資料，如活動照片、海報、報名連結、平面文宣DM、影音、懶人包、廣播帶、繪本、桌遊等，可自由排版呈現。'"/></xsl:call-template>
    </fo:list-block>
    <xsl:call-template name="evidence-category"><xsl:with-param name="c" select="1"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="bullet">
    <xsl:param name="text"/>
    <fo:list-item><xsl:copy-of select="@gr:line"/>
      <fo:list-item-label end-indent="label-end()"><xsl:copy-of select="@gr:line"/><fo:block><xsl:copy-of select="@gr:line"/>●</fo:block></fo:list-item-label>
      <fo:list-item-body start-indent="body-start()"><xsl:copy-of select="@gr:line"/><fo:block><xsl:copy-of select="@gr:line"/><xsl:value-of select="$text"/></fo:block></fo:list-item-body>
    </fo:list-item>
  </xsl:template>

  <xsl:template name="evidence-category">
    <xsl:param name="c"/>
    <xsl:if test="$c &lt;= 6">
      <xsl:variable name="cn" select="substring('一二三四五六', $c, 1)"/>
      <fo:block xsl:use-attribute-sets="h2" space-before="12pt"><xsl:copy-of select="@gr:line"/>
        <xsl:call-template name="category-heading"><xsl:with-param name="c" select="$c"/></xsl:call-template>
      </fo:block>
      <xsl:apply-templates select="成果佐證/類別[@編號 = $cn]/*" mode="evidence"/>
      <xsl:call-template name="evidence-category"><xsl:with-param name="c" select="$c + 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- 方案名稱：A、B、C (a run of consecutive 方案名稱 is one line) -->
  <xsl:template match="方案名稱" mode="evidence">
    <xsl:if test="not(preceding-sibling::*[1][self::方案名稱])">
      <xsl:variable name="k" select="count(preceding-sibling::關聯性)"/>
      <fo:block xsl:use-attribute-sets="para" space-before="4pt" keep-with-next="always"><xsl:copy-of select="@gr:line"/>
        <fo:inline font-weight="bold">方案名稱：</fo:inline>
        <xsl:for-each select=". | following-sibling::方案名稱[count(preceding-sibling::關聯性) = $k]">
          <xsl:if test="position() &gt; 1">、</xsl:if>
          <xsl:apply-templates select="." mode="field"/>
        </xsl:for-each>
      </fo:block>
    </xsl:if>
  </xsl:template>

  <!-- 與性別平等關聯性：text (label inline with the first paragraph) -->
  <xsl:template match="關聯性" mode="evidence">
    <xsl:choose>
      <xsl:when test="段落 | 清單">
        <xsl:choose>
          <xsl:when test="*[1][self::段落]">
            <fo:block xsl:use-attribute-sets="para"><xsl:copy-of select="@gr:line"/>
              <fo:inline font-weight="bold">與性別平等關聯性：</fo:inline>
              <xsl:call-template name="inline-content"><xsl:with-param name="of" select="*[1]"/></xsl:call-template>
            </fo:block>
            <xsl:apply-templates select="*[position() &gt; 1]" mode="block"/>
          </xsl:when>
          <xsl:otherwise>
            <fo:block font-weight="bold" keep-with-next="always"><xsl:copy-of select="@gr:line"/>與性別平等關聯性：</fo:block>
            <xsl:apply-templates select="*" mode="block"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <fo:block xsl:use-attribute-sets="para"><xsl:copy-of select="@gr:line"/>
          <!-- a short one (two lines at most) with its 方案名稱 is the
               heading of what follows: kept with its start (review T9: the
               two lines were left at a page foot, their chart on the next) -->
          <xsl:if test="following-sibling::* and string-length(normalize-space(.)) &lt;= 60">
            <xsl:attribute name="keep-with-next">always</xsl:attribute>
          </xsl:if>
          <fo:inline font-weight="bold">與性別平等關聯性：</fo:inline>
          <xsl:call-template name="inline-content"/>
        </fo:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="段落 | 清單" mode="evidence">
    <xsl:apply-templates select="." mode="block"/>
  </xsl:template>

  <xsl:template match="子方案" mode="evidence">
    <fo:block font-weight="bold" space-before="8pt" space-after="2pt" keep-with-next="always"><xsl:copy-of select="@gr:line"/>
      <xsl:text>● </xsl:text><xsl:apply-templates select="." mode="field"/>
    </fo:block>
  </xsl:template>

  <!-- captions -->
  <xsl:template name="caption-below">
    <fo:block text-align="center" font-size="10.5pt" space-before="2pt" space-after="8pt"
        keep-with-previous="always"><xsl:copy-of select="@gr:line | 說明/@gr:line"/>
      <xsl:text>▲ </xsl:text><xsl:apply-templates select="說明" mode="field"/>
    </fo:block>
  </xsl:template>

  <!-- the caption of a group that may break over pages (photos, chart
       rows) as the footer of its table: under every part, and on every
       part after the first with 「（續）」 (gr:continued on a footer cell,
       docs/fo-subset.md) -->
  <xsl:template name="caption-footer">
    <fo:table-footer><xsl:copy-of select="@gr:line"/>
      <fo:table-row><xsl:copy-of select="@gr:line"/>
        <fo:table-cell padding-top="2pt"><xsl:copy-of select="@gr:line"/>
          <xsl:attribute name="gr:continued"><xsl:value-of select="concat('▲ ', normalize-space(說明), '（續）')"/></xsl:attribute>
          <fo:block text-align="center" font-size="10.5pt"><xsl:copy-of select="@gr:line | 說明/@gr:line"/>
            <xsl:text>▲ </xsl:text><xsl:apply-templates select="說明" mode="field"/>
          </fo:block>
        </fo:table-cell>
      </fo:table-row>
    </fo:table-footer>
  </xsl:template>

  <xsl:template name="caption-above">
    <fo:block text-align="center" font-size="10.5pt" space-before="8pt" space-after="2pt"
        keep-with-next="always"><xsl:copy-of select="@gr:line | 說明/@gr:line"/>
      <xsl:text>▼ </xsl:text><xsl:apply-templates select="說明" mode="field"/>
    </fo:block>
  </xsl:template>

  <!-- photos as the form prints them: two per row, each fitted into at
       most half the text width and 60 mm tall (a single photo: 100 mm wide,
       75 mm tall), scaled uniformly, never enlarged beyond its box. One
       row: a block kept with its caption below. Several rows: a table of a
       row per photo row, so a group may break between rows, with the
       caption as its footer, under every part of the group. (@寬 narrows a photo's box; a 寬 beyond
       the form's box is printed at the box's size, and checks.xml's S3
       says so at its line.)
       The engine places each at the size it fits; that size is what the
       image is embedded for. -->
  <xsl:template match="照片" mode="evidence">
    <xsl:variable name="n" select="count(圖檔)"/>
    <!-- the space above the group: 6pt under text, whose last line leaves
         its half-leading (3pt of a 12pt line at 1.5) under the characters
         too; directly under a table, whose rule is at its edge as the
         photo's is, 6pt and that half-leading, so that the photos stand as
         far from a table as from text (review S12: 6pt looked crowded) -->
    <xsl:variable name="space-before">
      <xsl:choose>
        <xsl:when test="preceding-sibling::*[1][self::委員名單 or self::統計表 or self::表格[not(附註)]]">9pt</xsl:when>
        <xsl:otherwise>6pt</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$n &lt;= 2">
        <fo:block text-align="center" space-before="{$space-before}" line-height="1.2" keep-with-next="always"><xsl:copy-of select="@gr:line"/>
          <xsl:apply-templates select="圖檔[1]" mode="photo-row"><xsl:with-param name="n" select="$n"/></xsl:apply-templates>
        </fo:block>
        <xsl:call-template name="caption-below"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- several rows: a borderless table of one column, a row per
             photo row, the caption its footer, which the layout repeats
             at the foot of every page the group runs over: a part of the
             group left on a page keeps its caption, 「（續）」 after the
             first -->
        <fo:table table-layout="fixed" width="100%" space-before="{$space-before}" space-after="8pt"><xsl:copy-of select="@gr:line"/>
          <fo:table-column column-width="100%"/>
          <xsl:call-template name="caption-footer"/>
          <fo:table-body><xsl:copy-of select="@gr:line"/>
            <xsl:for-each select="圖檔[position() mod 2 = 1]">
              <fo:table-row><xsl:copy-of select="../@gr:line"/>
                <fo:table-cell><xsl:copy-of select="../@gr:line"/>
                  <xsl:if test="position() &gt; 1"><xsl:attribute name="padding-top">6pt</xsl:attribute></xsl:if>
                  <fo:block text-align="center" line-height="1.2"><xsl:copy-of select="../@gr:line"/>
                    <xsl:apply-templates select="." mode="photo-row"><xsl:with-param name="n" select="$n"/></xsl:apply-templates>
                  </fo:block>
                </fo:table-cell>
              </fo:table-row>
            </xsl:for-each>
          </fo:table-body>
        </fo:table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- one row of a photo group: this photo and the next; $n photos in the
       group -->
  <xsl:template match="圖檔" mode="photo-row">
    <xsl:param name="n"/>
        <xsl:variable name="photo-box">
          <xsl:choose>
            <xsl:when test="$n = 1">|100mm|75mm</xsl:when>
            <xsl:otherwise>|82mm|60mm</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:for-each select=". | following-sibling::圖檔[1]">
          <xsl:if test="position() &gt; 1">
            <fo:leader leader-pattern="space" leader-length="3mm"/>
          </xsl:if>
          <fo:external-graphic src="url('{$image-base}{@檔案}')" scaling="uniform"><xsl:copy-of select="@gr:line"/>
            <!-- the box: the form's (100 × 75 mm alone, 82 × 60 mm two a
                 row), narrower when 寬 asks for less (mm or cm); the photo
                 is scaled uniformly to the smaller of "fit the width,
                 never enlarged" and "this tall" -->
            <xsl:variable name="w-max" select="number(substring-before(substring-after($photo-box, '|'), 'mm'))"/>
            <xsl:variable name="w-mm">
              <xsl:choose>
                <xsl:when test="contains(@寬, 'cm')"><xsl:value-of select="10 * number(substring-before(@寬, 'cm'))"/></xsl:when>
                <xsl:when test="contains(@寬, 'mm')"><xsl:value-of select="number(substring-before(@寬, 'mm'))"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="$w-max"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <xsl:attribute name="width">
              <xsl:choose>
                <xsl:when test="number($w-mm) &lt; $w-max"><xsl:value-of select="concat(number($w-mm), 'mm')"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="concat($w-max, 'mm')"/></xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
            <xsl:attribute name="content-width">scale-down-to-fit</xsl:attribute>
            <xsl:attribute name="content-height"><xsl:value-of select="substring-after(substring-after($photo-box, '|'), '|')"/></xsl:attribute>
          </fo:external-graphic>
        </xsl:for-each>
  </xsl:template>

  <!-- groups × gender table: counts row and computed percentage row. A
       table of more groups than the page can give their columns (a clerk
       with 7 里 or 14 分局) is printed in bands of at most as many groups as
       fit, as even as can be, one under the other, each with the label
       columns (對象, 人次/百分比) — as a typesetter or a clerk in Word splits
       it — rather than one character a line (docs/layout.md §4.2). A count
       column needs its widest count or 「其他」/「100%」 set at 80% of 9.5pt
       (digits 0.5 em, commas 0.28 em) and 5pt of padding and rules; the
       count columns have about 402pt beside the label columns. -->
  <xsl:template match="統計表" mode="evidence">
    <xsl:variable name="other" select="boolean(組/其他)"/>
    <xsl:variable name="k" select="2 + number($other)"/>
    <xsl:variable name="n" select="count(組)"/>
    <xsl:variable name="max">
      <xsl:for-each select="組/男 | 組/女 | 組/其他">
        <xsl:sort select="number(.)" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="number(.)"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="widest" select="format-number(number($max) * number(number($max) &gt; 0), '#,##0')"/>
    <xsl:variable name="em" select="0.5 * string-length(translate($widest, ',', '')) + 0.28 * (string-length($widest) - string-length(translate($widest, ',', '')))"/>
    <xsl:variable name="col-count" select="7.6 * ($em * number($em &gt; 2) + 2 * number($em &lt;= 2)) + 5"/>
    <!-- a group name spans the group's $k columns and is never broken
         inside a word: its widest piece (charts.xsl widest-word-em:
         「（Philippines）」 with its brackets) at 80% of 9.5pt needs that
         much of them (review T19: 「（Indones / ia）」) -->
    <xsl:variable name="name-em">
      <xsl:for-each select="組/名稱">
        <xsl:variable name="w"><xsl:call-template name="widest-word-em"><xsl:with-param name="s" select="normalize-space(.)"/></xsl:call-template></xsl:variable>
        <xsl:value-of select="concat(format-number($w, '000.00'), ' ')"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="name-max">
      <xsl:call-template name="max-of"><xsl:with-param name="list" select="string($name-em)"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="col-name" select="(7.6 * number($name-max) + 5) div $k"/>
    <xsl:variable name="col" select="$col-count * number($col-count &gt;= $col-name) + $col-name * number($col-name &gt; $col-count)"/>
    <xsl:variable name="fit0" select="floor(402 div ($k * $col))"/>
    <xsl:variable name="fit" select="$fit0 * number($fit0 &gt;= 1) + number($fit0 &lt; 1)"/>
    <xsl:variable name="bands" select="ceiling($n div $fit)"/>
    <xsl:variable name="per" select="ceiling($n div $bands)"/>
    <xsl:choose>
      <xsl:when test="$bands = 1">
        <xsl:call-template name="caption-above"/>
        <xsl:call-template name="stat-band">
          <xsl:with-param name="groups" select="組"/>
          <xsl:with-param name="k" select="$k"/>
          <xsl:with-param name="other" select="$other"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <!-- the bands as the rows of a borderless table whose header is the
             ▼ caption: repeated over the bands a later page holds, with
             「（續）」 (gr:continued on a header cell, docs/fo-subset.md) -->
        <fo:table table-layout="fixed" width="100%" space-before="8pt"><xsl:copy-of select="@gr:line"/>
          <fo:table-column column-width="100%"/>
          <fo:table-header><xsl:copy-of select="@gr:line"/>
            <fo:table-row><xsl:copy-of select="@gr:line"/>
              <fo:table-cell padding-bottom="2pt"><xsl:copy-of select="@gr:line"/>
                <xsl:attribute name="gr:continued"><xsl:value-of select="concat('▼ ', normalize-space(說明), '（續）')"/></xsl:attribute>
                <fo:block text-align="center" font-size="10.5pt"><xsl:copy-of select="@gr:line | 說明/@gr:line"/>
                  <xsl:text>▼ </xsl:text><xsl:apply-templates select="說明" mode="field"/>
                </fo:block>
              </fo:table-cell>
            </fo:table-row>
          </fo:table-header>
          <fo:table-body><xsl:copy-of select="@gr:line"/>
            <xsl:for-each select="組[(position() - 1) mod $per = 0]">
              <xsl:variable name="band" select=". | following-sibling::組[position() &lt; $per]"/>
              <xsl:variable name="last" select="position() = last()"/>
              <xsl:for-each select="..">
                <fo:table-row><xsl:copy-of select="@gr:line"/>
                  <fo:table-cell><xsl:copy-of select="@gr:line"/>
                    <xsl:call-template name="stat-band">
                      <xsl:with-param name="groups" select="$band"/>
                      <xsl:with-param name="k" select="$k"/>
                      <xsl:with-param name="other" select="$other"/>
                      <xsl:with-param name="last" select="$last"/>
                      <xsl:with-param name="set" select="generate-id()"/>
                    </xsl:call-template>
                  </fo:table-cell>
                </fo:table-row>
              </xsl:for-each>
            </xsl:for-each>
          </fo:table-body>
        </fo:table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- one band of a 統計表 (all of it when it fits): $groups of its <組>,
       a table of its own with the label columns; called in the context of
       the 統計表 -->
  <xsl:template name="stat-band">
    <xsl:param name="groups"/>
    <xsl:param name="k"/>
    <xsl:param name="other"/>
    <xsl:param name="last" select="true()"/>
    <xsl:param name="set" select="''"/>
    <fo:table xsl:use-attribute-sets="table" font-size="9.5pt"><xsl:copy-of select="@gr:line"/>
      <xsl:if test="not($last)"><xsl:attribute name="space-after">6pt</xsl:attribute></xsl:if>
      <!-- the bands are sized as one table: their label columns, and the
           group columns of bands of as many groups, line up (T16) -->
      <xsl:if test="$set != ''"><xsl:attribute name="gr:column-set"><xsl:value-of select="$set"/></xsl:attribute></xsl:if>
      <fo:table-column column-width="proportional-column-width(1.6)" number-columns-repeated="2"/>
      <fo:table-column column-width="proportional-column-width(1)" number-columns-repeated="{count($groups) * $k}"/>
      <fo:table-header><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="''"/><xsl:with-param name="cols" select="2"/><xsl:with-param name="rows" select="2"/></xsl:call-template>
          <xsl:for-each select="$groups">
            <xsl:call-template name="head-cell"><xsl:with-param name="of" select="名稱"/><xsl:with-param name="cols" select="$k"/></xsl:call-template>
          </xsl:for-each>
        </fo:table-row>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:for-each select="$groups">
            <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'男'"/></xsl:call-template>
            <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'女'"/></xsl:call-template>
            <xsl:if test="$other">
              <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'其他'"/></xsl:call-template>
            </xsl:if>
          </xsl:for-each>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <fo:table-cell xsl:use-attribute-sets="cell-c" number-rows-spanned="2"><xsl:copy-of select="@gr:line"/>
            <fo:block><xsl:copy-of select="@gr:line"/><xsl:apply-templates select="對象" mode="field"/></fo:block>
          </fo:table-cell>
          <xsl:call-template name="text-cell"><xsl:with-param name="of" select="單位"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
          <xsl:for-each select="$groups">
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="format-number(男, '#,##0')"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="format-number(女, '#,##0')"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <xsl:if test="$other">
              <xsl:call-template name="text-cell"><xsl:with-param name="text" select="format-number(sum(其他), '#,##0')"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            </xsl:if>
          </xsl:for-each>
        </fo:table-row>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="text-cell"><xsl:with-param name="text" select="'百分比'"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
          <xsl:for-each select="$groups">
            <xsl:call-template name="share-cell"><xsl:with-param name="name" select="'男百分比'"/></xsl:call-template>
            <xsl:call-template name="share-cell"><xsl:with-param name="name" select="'女百分比'"/></xsl:call-template>
            <xsl:if test="$other">
              <xsl:call-template name="share-cell"><xsl:with-param name="name" select="'其他百分比'"/></xsl:call-template>
            </xsl:if>
          </xsl:for-each>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- integer share of the group, 「13%」; 「-」 when the group is empty or
       (for 其他) the count is 0 -->
  <xsl:template name="share-cell">
    <xsl:param name="name"/>
    <xsl:call-template name="text-cell">
      <xsl:with-param name="text">
        <xsl:call-template name="fig">
          <xsl:with-param name="name" select="$name"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="align" select="'center'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="長條圖" mode="evidence">
    <xsl:variable name="groups" select="組 | key('stat-table', @依據)/組"/>
    <xsl:if test="@依據 and not(key('stat-table', @依據))">
      <xsl:message terminate="yes">成果報告：&lt;長條圖 依據="<xsl:value-of select="@依據"/>"&gt; 找不到代號相同的 &lt;統計表&gt; / results form: no &lt;統計表&gt; with 代號 "<xsl:value-of select="@依據"/>" for &lt;長條圖&gt;</xsl:message>
    </xsl:if>
    <!-- a row of bars with its caption below; several rows: a table with
       the legend as its header and the caption as its footer (charts.xsl) -->
    <xsl:call-template name="bar-chart"><xsl:with-param name="groups" select="$groups"/></xsl:call-template>
  </xsl:template>

  <!-- a row of pies with its caption below; several rows: a table that may
       break between rows, each part with the legend and the caption -->
  <xsl:template match="圓餅圖" mode="evidence">
    <xsl:call-template name="pie-chart">
      <xsl:with-param name="groups" select="組"/>
      <xsl:with-param name="total-name" select="normalize-space(總計名稱)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- member list with the computed gender summary as its last row -->
  <xsl:template match="委員名單" mode="evidence">
    <xsl:call-template name="caption-above"/>
    <fo:table xsl:use-attribute-sets="table"><xsl:copy-of select="@gr:line"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(4)"/>
      <fo:table-column column-width="proportional-column-width(2.2)"/>
      <fo:table-column column-width="proportional-column-width(4)"/>
      <fo:table-header><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'小組成員'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'職　稱'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'姓　名'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'備　註'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body><xsl:copy-of select="@gr:line"/>
        <xsl:for-each select="委員">
          <fo:table-row keep-together.within-page="always"><xsl:copy-of select="@gr:line"/>
            <fo:table-cell xsl:use-attribute-sets="cell-c"><xsl:copy-of select="@gr:line"/>
              <fo:block><xsl:copy-of select="@gr:line"/><xsl:apply-templates select="身分" mode="field"/></fo:block>
              <xsl:if test="兼任">
                <fo:block><xsl:copy-of select="@gr:line"/><xsl:text>兼</xsl:text><xsl:apply-templates select="兼任" mode="field"/></fo:block>
              </xsl:if>
            </fo:table-cell>
            <xsl:call-template name="text-cell"><xsl:with-param name="of" select="職稱"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <fo:table-cell xsl:use-attribute-sets="cell-c"><xsl:copy-of select="@gr:line"/>
              <fo:block><xsl:copy-of select="@gr:line"/><xsl:apply-templates select="姓名" mode="inline"/></fo:block>
            </fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
              <xsl:call-template name="cell-body"><xsl:with-param name="of" select="備註"/></xsl:call-template>
            </fo:table-cell>
          </fo:table-row>
        </xsl:for-each>
        <fo:table-row keep-with-previous.within-page="always"><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="text-cell">
            <xsl:with-param name="text">
              <xsl:call-template name="fig">
                <xsl:with-param name="name" select="'性別比例說明'"/>
              </xsl:call-template>
            </xsl:with-param>
            <xsl:with-param name="align" select="'center'"/>
            <xsl:with-param name="cols" select="4"/>
          </xsl:call-template>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- generic table -->
  <xsl:template match="表格" mode="evidence">
    <xsl:call-template name="caption-above"/>
    <fo:table xsl:use-attribute-sets="table"><xsl:copy-of select="@gr:line"/>
      <xsl:for-each select="欄">
        <fo:table-column><xsl:copy-of select="@gr:line"/>
          <xsl:attribute name="column-width">
            <xsl:choose>
              <xsl:when test="contains(@寬, '*')">
                <xsl:value-of select="concat('proportional-column-width(', substring-before(@寬, '*'), ')')"/>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="@寬"/></xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
        </fo:table-column>
      </xsl:for-each>
      <xsl:if test="表頭">
        <fo:table-header><xsl:copy-of select="@gr:line"/>
          <xsl:apply-templates select="表頭/列" mode="table">
            <xsl:with-param name="head" select="true()"/>
          </xsl:apply-templates>
        </fo:table-header>
      </xsl:if>
      <fo:table-body><xsl:copy-of select="@gr:line"/>
        <xsl:apply-templates select="列" mode="table"/>
      </fo:table-body>
    </fo:table>
    <xsl:for-each select="附註">
      <xsl:choose>
        <xsl:when test="段落 | 清單">
          <fo:block xsl:use-attribute-sets="note"><xsl:copy-of select="@gr:line"/>*</fo:block>
          <fo:block xsl:use-attribute-sets="note" start-indent="0.6em"><xsl:copy-of select="@gr:line"/>
            <xsl:apply-templates select="段落 | 清單" mode="block"><xsl:with-param name="in-cell" select="true()"/></xsl:apply-templates>
          </fo:block>
        </xsl:when>
        <xsl:otherwise>
          <fo:block xsl:use-attribute-sets="note"><xsl:copy-of select="@gr:line"/>*<xsl:call-template name="inline-content"/></fo:block>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="列" mode="table">
    <xsl:param name="head" select="false()"/>
    <fo:table-row><xsl:copy-of select="@gr:line"/>
      <xsl:for-each select="格">
        <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
          <xsl:if test="$head">
            <xsl:attribute name="background-color">#EDEDED</xsl:attribute>
            <xsl:attribute name="text-align">center</xsl:attribute>
          </xsl:if>
          <xsl:if test="@合併欄 &gt; 1">
            <xsl:attribute name="number-columns-spanned"><xsl:value-of select="@合併欄"/></xsl:attribute>
          </xsl:if>
          <xsl:if test="@合併列 &gt; 1">
            <xsl:attribute name="number-rows-spanned"><xsl:value-of select="@合併列"/></xsl:attribute>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="@對齊 = '置中'"><xsl:attribute name="text-align">center</xsl:attribute></xsl:when>
            <xsl:when test="@對齊 = '靠右'"><xsl:attribute name="text-align">end</xsl:attribute></xsl:when>
            <xsl:when test="@對齊 = '靠左'"><xsl:attribute name="text-align">start</xsl:attribute></xsl:when>
          </xsl:choose>
          <xsl:call-template name="cell-body"/>
        </fo:table-cell>
      </xsl:for-each>
    </fo:table-row>
  </xsl:template>

  <!-- boxed text (e.g. a slide), caption below. A short box is a figure
       and moves whole, as a photo does (review T4: three ■ items split
       3 | 1 lines over a page); a box of more than about 300 characters
       (eight lines, a third of a page) may break as text does. -->
  <xsl:template match="方框" mode="evidence">
    <fo:block border="0.5pt solid black" padding="3mm" space-before="6pt" keep-with-next="always"><xsl:copy-of select="@gr:line"/>
      <xsl:if test="string-length(normalize-space(.)) &lt;= 300">
        <xsl:attribute name="keep-together.within-page">always</xsl:attribute>
      </xsl:if>
      <xsl:apply-templates select="段落 | 清單" mode="block"/>
    </fo:block>
    <xsl:call-template name="caption-below"/>
  </xsl:template>

  <!-- ※ title and the quoted text, indented -->
  <xsl:template match="引文" mode="evidence">
    <fo:block space-before="6pt" keep-with-next="always"><xsl:copy-of select="@gr:line"/>
      <xsl:text>※ </xsl:text><xsl:apply-templates select="標題" mode="field"/>
    </fo:block>
    <fo:block start-indent="1.5em" font-size="11pt" space-after="4pt"><xsl:copy-of select="@gr:line"/>
      <xsl:apply-templates select="段落 | 清單" mode="block"/>
    </fo:block>
  </xsl:template>

</xsl:stylesheet>

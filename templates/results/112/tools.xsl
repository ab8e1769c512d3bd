<?xml version="1.0" encoding="UTF-8"?>
<!--
  tools.xsl — 三、性別統計; 四、性別分析; 五、性別影響評估 (三 kinds);
  六、性別預算 (本年度, 下年度, 增減).
  Computed figures (computed.md): 本年度/總計, 下年度/總計, 性別預算/增減.
  An empty list prints the form's single row 「1. 無」.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:gr="urn:x-gereport:source">

  <!-- ================================================== 三、性別統計 -->
  <xsl:template match="性別統計">
    <fo:block xsl:use-attribute-sets="h1" id="sec-3"><xsl:copy-of select="@gr:line"/><xsl:value-of select="$form/sections/section[@id = 'sec-3']/@title"/></fo:block>

    <fo:block xsl:use-attribute-sets="h2"><xsl:copy-of select="@gr:line"/>(一) 既有性別統計指標/項目</fo:block>
    <!-- two fixed rows: the form never splits this table (review S8) -->
    <fo:block keep-together.within-page="always"><xsl:copy-of select="@gr:line"/>
    <fo:table xsl:use-attribute-sets="table"><xsl:copy-of select="@gr:line"/>
      <fo:table-column column-width="proportional-column-width(4)"/>
      <fo:table-column column-width="proportional-column-width(3)" number-columns-repeated="2"/>
      <fo:table-header><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'名稱'"/><xsl:with-param name="rows" select="2"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'數量'"/><xsl:with-param name="cols" select="2"/></xsl:call-template>
        </fo:table-row>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'主計處列管*'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'機關構列管'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body><xsl:copy-of select="@gr:line"/>
        <xsl:call-template name="existing-row"><xsl:with-param name="label" select="'既有性別統計指標'"/><xsl:with-param name="of" select="既有指標"/></xsl:call-template>
        <xsl:call-template name="existing-row"><xsl:with-param name="label" select="'既有性別統計項目'"/><xsl:with-param name="of" select="既有項目"/></xsl:call-template>
      </fo:table-body>
    </fo:table>
    </fo:block>

    <fo:block xsl:use-attribute-sets="h2"><xsl:copy-of select="@gr:line"/>(二) 新增性別統計指標(或其複分類)</fo:block>
    <xsl:call-template name="new-stats">
      <xsl:with-param name="rows" select="新增指標"/>
      <xsl:with-param name="word" select="'指標'"/>
    </xsl:call-template>

    <fo:block xsl:use-attribute-sets="h2"><xsl:copy-of select="@gr:line"/>(三) 新增性別統計項目(或其複分類)</fo:block>
    <xsl:call-template name="new-stats">
      <xsl:with-param name="rows" select="新增項目"/>
      <xsl:with-param name="word" select="'項目'"/>
    </xsl:call-template>

    <xsl:call-template name="note">
      <xsl:with-param name="text">*主計處列管係指為「臺北市性別統計指標」之指標項目，詳參主計處網站：首頁&gt;業務項目&gt;統計&gt;性別統計&gt;臺北市性別統計指標。若非前項所指則為機關(構)列管。</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="existing-row">
    <xsl:param name="label"/>
    <xsl:param name="of"/>
    <fo:table-row><xsl:copy-of select="@gr:line"/>
      <xsl:call-template name="text-cell"><xsl:with-param name="text" select="$label"/></xsl:call-template>
      <xsl:call-template name="text-cell"><xsl:with-param name="text" select="format-number($of/主計處列管, '#,##0')"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
      <xsl:call-template name="text-cell"><xsl:with-param name="text" select="format-number($of/機關列管, '#,##0')"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
    </fo:table-row>
  </xsl:template>

  <xsl:template name="new-stats">
    <xsl:param name="rows"/>
    <xsl:param name="word"/>
    <fo:table xsl:use-attribute-sets="table"><xsl:copy-of select="@gr:line"/>
      <fo:table-column column-width="proportional-column-width(1.3)"/>
      <fo:table-column column-width="proportional-column-width(6)"/>
      <fo:table-column column-width="proportional-column-width(6)"/>
      <fo:table-column column-width="proportional-column-width(2)" number-columns-repeated="2"/>
      <fo:table-header><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'項次'"/><xsl:with-param name="rows" select="2"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="concat('新增', $word, '(或其複分類)名稱')"/><xsl:with-param name="rows" select="2"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="concat('新增', $word, '(或其複分類)定義及說明')"/><xsl:with-param name="rows" select="2"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'列管層級(請勾選)'"/><xsl:with-param name="cols" select="2"/></xsl:call-template>
        </fo:table-row>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'主計處列管*'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'機關構列管'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body><xsl:copy-of select="@gr:line"/>
        <xsl:for-each select="$rows">
          <fo:table-row><xsl:copy-of select="@gr:line"/>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="concat(position(), '.')"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <xsl:call-template name="text-cell"><xsl:with-param name="of" select="名稱"/></xsl:call-template>
            <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
              <xsl:call-template name="cell-body"><xsl:with-param name="of" select="定義及說明"/></xsl:call-template>
            </fo:table-cell>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="substring('V', 1, number(normalize-space(列管層級) = '主計處'))"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="substring('V', 1, number(normalize-space(列管層級) = '機關'))"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
        <xsl:if test="not($rows)">
          <xsl:call-template name="none-row"><xsl:with-param name="rest" select="3"/></xsl:call-template>
        </xsl:if>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- 「1. 無」 and $rest empty cells -->
  <xsl:template name="none-row">
    <xsl:param name="rest"/>
    <fo:table-row><xsl:copy-of select="@gr:line"/>
      <xsl:call-template name="text-cell"><xsl:with-param name="text" select="'1.'"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
      <xsl:call-template name="text-cell"><xsl:with-param name="text" select="'無'"/></xsl:call-template>
      <xsl:if test="$rest &gt; 0">
        <xsl:call-template name="empty-cell"><xsl:with-param name="cols" select="$rest"/></xsl:call-template>
      </xsl:if>
    </fo:table-row>
  </xsl:template>

  <!-- ================================================== 四、性別分析 -->
  <xsl:template match="性別分析">
    <fo:block xsl:use-attribute-sets="h1" id="sec-4"><xsl:copy-of select="@gr:line"/><xsl:value-of select="$form/sections/section[@id = 'sec-4']/@title"/></fo:block>
    <fo:table xsl:use-attribute-sets="table"><xsl:copy-of select="@gr:line"/>
      <fo:table-column column-width="proportional-column-width(1.3)"/>
      <fo:table-column column-width="proportional-column-width(7)"/>
      <fo:table-column column-width="proportional-column-width(4.5)"/>
      <fo:table-column column-width="proportional-column-width(3.2)"/>
      <fo:table-header><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'項次'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'分析專題/委託研究(含性別分析)*名稱'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'辦理科室/受委託辦理單位名稱'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'提報性平小組會議日期'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body><xsl:copy-of select="@gr:line"/>
        <xsl:for-each select="專題">
          <fo:table-row><xsl:copy-of select="@gr:line"/>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="concat(position(), '.')"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <xsl:call-template name="text-cell"><xsl:with-param name="of" select="名稱"/></xsl:call-template>
            <xsl:call-template name="text-cell"><xsl:with-param name="of" select="辦理單位"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <xsl:call-template name="text-cell">
              <xsl:with-param name="text">
                <xsl:call-template name="roc-date">
                  <xsl:with-param name="d" select="提報日期"/>
                  <xsl:with-param name="style" select="'slash'"/>
                </xsl:call-template>
              </xsl:with-param>
              <xsl:with-param name="align" select="'center'"/>
            </xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
        <xsl:if test="not(專題)">
          <xsl:call-template name="none-row"><xsl:with-param name="rest" select="2"/></xsl:call-template>
        </xsl:if>
      </fo:table-body>
    </fo:table>
    <xsl:call-template name="note">
      <xsl:with-param name="text">*如欲提報委託研究案則需納入性別專章/性別分析，且將分析結果提報至性平小組會議，才可列為該機關(構)專題篇數。</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ================================================== 五、性別影響評估 -->
  <xsl:template match="性別影響評估">
    <fo:block xsl:use-attribute-sets="h1" id="sec-5"><xsl:copy-of select="@gr:line"/><xsl:value-of select="$form/sections/section[@id = 'sec-5']/@title"/></fo:block>

    <fo:block xsl:use-attribute-sets="h2"><xsl:copy-of select="@gr:line"/>(一) 自治條例</fo:block>
    <xsl:call-template name="impact-table">
      <xsl:with-param name="cases" select="自治條例/案件"/>
      <xsl:with-param name="kind" select="1"/>
    </xsl:call-template>
    <xsl:call-template name="note"><xsl:with-param name="text"><xsl:call-template name="impact-date-note"/></xsl:with-param></xsl:call-template>

    <fo:block xsl:use-attribute-sets="h2"><xsl:copy-of select="@gr:line"/>(二) 公共工程中程計畫</fo:block>
    <xsl:call-template name="impact-table">
      <xsl:with-param name="cases" select="公共工程中程計畫/案件"/>
      <xsl:with-param name="kind" select="2"/>
    </xsl:call-template>
    <xsl:call-template name="note"><xsl:with-param name="text"><xsl:call-template name="impact-date-note"/></xsl:with-param></xsl:call-template>

    <fo:block xsl:use-attribute-sets="h2"><xsl:copy-of select="@gr:line"/>(三) 重大施政或與性別議題相關之計畫</fo:block>
    <xsl:call-template name="impact-table">
      <xsl:with-param name="cases" select="重大施政計畫/案件"/>
      <xsl:with-param name="kind" select="3"/>
    </xsl:call-template>
    <fo:block xsl:use-attribute-sets="note"><xsl:copy-of select="@gr:line"/>
      <xsl:text>*巨額採購(工程採購2億元、財物採購1億元、勞務採購2千萬元以上者)之評選優先適用「企業社會責任評選項目表」，表單內容參考：</xsl:text>
      <fo:basic-link external-destination="url('https://bit.ly/2X8KvgA')">https://bit.ly/2X8KvgA</fo:basic-link>
    </fo:block>
    <xsl:call-template name="note"><xsl:with-param name="text"><xsl:call-template name="impact-date-note"/></xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template name="impact-date-note">*程序參與皆採提報性平小組會議辦理者，會議日期請填寫「初次提報審查」及「修正後提報」之2次會議日期；如初次審查採研商會議或書面審查者，會議日期請填寫「修正後提報性平小組會議日期」。</xsl:template>

  <!-- kind 1 自治條例 (no CSR column), 2 公共工程中程計畫, 3 重大施政 -->
  <xsl:template name="impact-table">
    <xsl:param name="cases"/>
    <xsl:param name="kind"/>
    <fo:table xsl:use-attribute-sets="table" font-size="9pt" line-height="1.3"><xsl:copy-of select="@gr:line"/>
      <fo:table-column column-width="proportional-column-width(5)"/>
      <fo:table-column column-width="proportional-column-width(14)"/>
      <fo:table-column column-width="proportional-column-width(16)"/>
      <fo:table-column column-width="proportional-column-width(10)" number-columns-repeated="3"/>
      <fo:table-column column-width="proportional-column-width(9)" number-columns-repeated="2"/>
      <fo:table-column column-width="proportional-column-width(14)"/>
      <xsl:if test="$kind != 1">
        <fo:table-column column-width="proportional-column-width(15)"/>
      </xsl:if>
      <fo:table-header><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'項次'"/><xsl:with-param name="rows" select="2"/></xsl:call-template>
          <xsl:call-template name="head-cell">
            <xsl:with-param name="text">
              <xsl:choose>
                <xsl:when test="$kind = 1">自治條例名稱</xsl:when>
                <xsl:otherwise>評估方案名稱</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="rows" select="2"/>
          </xsl:call-template>
          <xsl:call-template name="head-cell">
            <xsl:with-param name="text">
              <xsl:choose>
                <xsl:when test="$kind = 1">簡要說明制定或修正內容</xsl:when>
                <xsl:otherwise>簡要說明本方案內容</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="rows" select="2"/>
          </xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'程序參與方式及專家學者姓名(擇一方式填入專家學者姓名)'"/><xsl:with-param name="cols" select="3"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'專家學者意見項數(幾項)'"/><xsl:with-param name="rows" select="2"/></xsl:call-template>
          <xsl:call-template name="head-cell">
            <xsl:with-param name="text">
              <xsl:choose>
                <xsl:when test="$kind = 3">參採專家學者意見之項數(幾項)</xsl:when>
                <xsl:otherwise>專家學者意見參採項數(幾項)</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="rows" select="2"/>
          </xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'提報性平小組*會議日期'"/><xsl:with-param name="rows" select="2"/></xsl:call-template>
          <xsl:if test="$kind != 1">
            <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'採購過程使用CSR評選指標*納入「落實性別平等」項目'"/><xsl:with-param name="rows" select="2"/></xsl:call-template>
          </xsl:if>
        </fo:table-row>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'研商會議'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'書面審查'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'性平小組'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body><xsl:copy-of select="@gr:line"/>
        <xsl:for-each select="$cases">
          <fo:table-row><xsl:copy-of select="@gr:line"/>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="concat(position(), '.')"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <xsl:call-template name="text-cell"><xsl:with-param name="of" select="名稱"/></xsl:call-template>
            <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
              <xsl:call-template name="cell-body"><xsl:with-param name="of" select="簡要說明"/></xsl:call-template>
            </fo:table-cell>
            <xsl:call-template name="procedure-cell"><xsl:with-param name="way" select="'研商會議'"/></xsl:call-template>
            <xsl:call-template name="procedure-cell"><xsl:with-param name="way" select="'書面審查'"/></xsl:call-template>
            <xsl:call-template name="procedure-cell"><xsl:with-param name="way" select="'性平小組'"/></xsl:call-template>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="normalize-space(意見項數)"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="normalize-space(參採項數)"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
              <xsl:if test="初次提報日期">
                <fo:block><xsl:copy-of select="@gr:line"/>初次提報審查</fo:block>
                <fo:block><xsl:copy-of select="@gr:line"/>
                  <xsl:call-template name="roc-date"><xsl:with-param name="d" select="初次提報日期"/><xsl:with-param name="style" select="'slash0'"/></xsl:call-template>
                </fo:block>
              </xsl:if>
              <fo:block><xsl:copy-of select="@gr:line"/>修正後提報</fo:block>
              <fo:block><xsl:copy-of select="@gr:line"/>
                <xsl:call-template name="roc-date"><xsl:with-param name="d" select="修正後提報日期"/><xsl:with-param name="style" select="'slash0'"/></xsl:call-template>
              </fo:block>
            </fo:table-cell>
            <xsl:if test="$kind != 1">
              <xsl:call-template name="csr-cell">
                <xsl:with-param name="kind" select="$kind"/>
                <xsl:with-param name="buy" select="normalize-space(採購)"/>
                <xsl:with-param name="csr" select="normalize-space(CSR評選指標)"/>
              </xsl:call-template>
            </xsl:if>
          </fo:table-row>
        </xsl:for-each>
        <xsl:if test="not($cases)">
          <fo:table-row><xsl:copy-of select="@gr:line"/>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="'1.'"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="'無'"/></xsl:call-template>
            <xsl:call-template name="empty-cell"><xsl:with-param name="cols" select="7"/></xsl:call-template>
            <xsl:if test="$kind != 1">
              <xsl:call-template name="csr-cell"><xsl:with-param name="kind" select="$kind"/></xsl:call-template>
            </xsl:if>
          </fo:table-row>
        </xsl:if>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- expert names under the chosen procedure; 性平小組 names carry 委員 -->
  <xsl:template name="procedure-cell">
    <xsl:param name="way"/>
    <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
      <xsl:choose>
        <xsl:when test="程序參與/@方式 = $way">
          <xsl:for-each select="程序參與/姓名">
            <fo:block><xsl:copy-of select="@gr:line"/>
              <xsl:apply-templates select="." mode="inline"/>
              <xsl:if test="$way = '性平小組'">委員</xsl:if>
            </fo:block>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise><fo:block/></xsl:otherwise>
      </xsl:choose>
    </fo:table-cell>
  </xsl:template>

  <!-- CSR check boxes: 巨額/非巨額(/非採購案 in (三)), then 已納入/未納入 -->
  <xsl:template name="csr-cell">
    <xsl:param name="kind"/>
    <xsl:param name="buy" select="''"/>
    <xsl:param name="csr" select="''"/>
    <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
      <xsl:call-template name="option"><xsl:with-param name="on" select="$buy = '巨額採購'"/><xsl:with-param name="label" select="'巨額採購'"/></xsl:call-template>
      <xsl:call-template name="option"><xsl:with-param name="on" select="$buy = '非巨額採購'"/><xsl:with-param name="label" select="'非巨額採購'"/></xsl:call-template>
      <xsl:if test="$kind = 3">
        <xsl:call-template name="option"><xsl:with-param name="on" select="$buy = '非採購案'"/><xsl:with-param name="label" select="'非採購案'"/></xsl:call-template>
      </xsl:if>
      <fo:block space-before="3pt"><xsl:copy-of select="@gr:line"/>
        <xsl:call-template name="box"><xsl:with-param name="on" select="$csr = '已納入'"/></xsl:call-template>
        <xsl:text>已納入</xsl:text>
      </fo:block>
      <xsl:call-template name="option"><xsl:with-param name="on" select="$csr = '未納入'"/><xsl:with-param name="label" select="'未納入'"/></xsl:call-template>
    </fo:table-cell>
  </xsl:template>

  <!-- ================================================== 六、性別預算 -->
  <xsl:template match="性別預算">
    <fo:block xsl:use-attribute-sets="h1" id="sec-6"><xsl:copy-of select="@gr:line"/><xsl:value-of select="$form/sections/section[@id = 'sec-6']/@title"/></fo:block>
    <fo:block xsl:use-attribute-sets="h2"><xsl:copy-of select="@gr:line"/><xsl:value-of select="concat('(一) 本年度(', $year, ')性別預算編列情形')"/></fo:block>
    <xsl:apply-templates select="本年度"/>
    <fo:block xsl:use-attribute-sets="h2"><xsl:copy-of select="@gr:line"/><xsl:value-of select="concat('(二) 下年度(', $year + 1, ')性別預算編列情形')"/></fo:block>
    <xsl:apply-templates select="下年度"/>
    <fo:block xsl:use-attribute-sets="h2"><xsl:copy-of select="@gr:line"/>
      <xsl:text>(三) 下年度與本年度相較之增減：</xsl:text>
      <xsl:call-template name="fig">
        <xsl:with-param name="name" select="'增減'"/>
      </xsl:call-template>
    </fo:block>
    <fo:block><xsl:copy-of select="@gr:line"/>(若有增減請簡述原因)</fo:block>
    <xsl:if test="增減原因">
      <xsl:call-template name="body"><xsl:with-param name="of" select="增減原因"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="本年度 | 下年度">
    <fo:table xsl:use-attribute-sets="table"><xsl:copy-of select="@gr:line"/>
      <fo:table-column column-width="proportional-column-width(1.3)"/>
      <fo:table-column column-width="proportional-column-width(6.5)"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(6.5)"/>
      <fo:table-header><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'項次'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'計畫項目名稱'"/></xsl:call-template>
          <fo:table-cell xsl:use-attribute-sets="head"><xsl:copy-of select="@gr:line"/>
            <!-- 「(單位：元)」 is never broken inside -->
            <fo:block>預算數 <fo:inline keep-together.within-line="always">(單位：元)</fo:inline></fo:block>
          </fo:table-cell>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'對促進性別平等的影響'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body><xsl:copy-of select="@gr:line"/>
        <xsl:for-each select="計畫">
          <fo:table-row><xsl:copy-of select="@gr:line"/>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="concat(position(), '.')"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
              <fo:block><xsl:copy-of select="@gr:line"/><xsl:apply-templates select="計畫項目名稱" mode="field"/></fo:block>
              <xsl:if test="預算科目">
                <fo:block><xsl:copy-of select="@gr:line"/><xsl:apply-templates select="預算科目" mode="field"/></fo:block>
              </xsl:if>
            </fo:table-cell>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="format-number(預算數, '#,##0')"/><xsl:with-param name="align" select="'end'"/></xsl:call-template>
            <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
              <xsl:call-template name="cell-body"><xsl:with-param name="of" select="性別平等影響"/></xsl:call-template>
            </fo:table-cell>
          </fo:table-row>
        </xsl:for-each>
        <xsl:if test="not(計畫)">
          <xsl:call-template name="none-row"><xsl:with-param name="rest" select="2"/></xsl:call-template>
        </xsl:if>
        <fo:table-row keep-with-previous.within-page="always"><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="empty-cell"/>
          <xsl:call-template name="text-cell"><xsl:with-param name="text" select="'總計'"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
          <xsl:call-template name="text-cell">
            <xsl:with-param name="text">
              <xsl:call-template name="fig">
                <xsl:with-param name="name" select="'總計'"/>
              </xsl:call-template>
            </xsl:with-param>
            <xsl:with-param name="align" select="'end'"/>
          </xsl:call-template>
          <xsl:call-template name="empty-cell"/>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  combined.xsl — 「臺北市政府暨各機關（構） Y 年推動性別平等工作成果報告」,
  the combined city report of the 109-112 master plan (seed 003 is its 111
  edition): the assembled document (docs/office-file.md §4: the office file,
  彙整/機關/成果報告 of every included agency in roster order, 附錄, and the
  <計算> figures of templates/combined/figures.xml) → XSL-FO. XSLT 1.0.

  Every number printed is a <計算> of figures.xml or a count() of one
  agency's rows in a list; the sentences around them are 003's, corrected
  where 003 contradicts itself (docs/office-file.md §6).

  Parameters: edition 'public' (default; names were masked before the
  transformation) or 'internal'.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:gr="urn:x-gereport:source"
    exclude-result-prefixes="gr">

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:strip-space elements="*"/>
  <xsl:preserve-space elements="段落 課程 發現"/>

  <xsl:param name="edition" select="'public'"/>
  <xsl:param name="image-base" select="''"/>

  <xsl:variable name="form-first-year" select="109"/>
  <xsl:variable name="form-last-year" select="112"/>

  <xsl:variable name="root" select="/child::全市成果彙整"/>
  <xsl:variable name="year" select="$root/年度"/>
  <xsl:variable name="ag" select="$root/彙整/機關"/>
  <xsl:variable name="meetings" select="$ag/成果報告/專案小組/運作情形/會議"/>
  <xsl:variable name="document-title"
      select="concat('臺北市政府暨各機關（構） ', $year, ' 年推動性別平等工作成果報告')"/>

  <!-- the 其他 chair titles, each meeting's first of its title -->
  <xsl:key name="chair-title" match="會議[主席='其他']" use="主席職稱"/>

  <xsl:attribute-set name="para">
    <xsl:attribute name="text-align">justify</xsl:attribute>
    <xsl:attribute name="text-indent">2em</xsl:attribute>
    <xsl:attribute name="space-after">2mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="h1">
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="font-size">14pt</xsl:attribute>
    <xsl:attribute name="space-before">4mm</xsl:attribute>
    <xsl:attribute name="space-after">2mm</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="h2">
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="space-before">2mm</xsl:attribute>
    <xsl:attribute name="space-after">1mm</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="item">
    <xsl:attribute name="start-indent">2em</xsl:attribute>
    <xsl:attribute name="text-indent">-2em</xsl:attribute>
    <xsl:attribute name="text-align">justify</xsl:attribute>
    <xsl:attribute name="space-after">1mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="cell">
    <xsl:attribute name="border">0.5pt solid black</xsl:attribute>
    <xsl:attribute name="padding">1mm</xsl:attribute>
  </xsl:attribute-set>

  <!-- ============================================================ helpers -->

  <xsl:template name="fig">
    <xsl:param name="name"/>
    <xsl:param name="at" select="$root"/>
    <xsl:value-of select="$at/計算[@名稱=$name]"/>
  </xsl:template>

  <!-- 2023-05-08 → 112/5/8 -->
  <xsl:template name="roc-date">
    <xsl:param name="d"/>
    <xsl:value-of select="number(substring($d, 1, 4)) - 1911"/>/<xsl:value-of
      select="number(substring($d, 6, 2))"/>/<xsl:value-of select="number(substring($d, 9, 2))"/>
  </xsl:template>

  <!-- A field of the data printed as one run of text (white space as
       normalize-space leaves it): a declared name found in it is a
       <gr:name> (generator/domain/mask.c, masked already in the public
       edition) and prints as one unbreakable piece. Data text is printed
       through this mode, never with value-of (docs/layout.md §4.3). -->
  <xsl:template match="*" mode="field">
    <xsl:apply-templates select="text() | gr:name | 姓名 | 非姓名" mode="field-piece"/>
  </xsl:template>

  <xsl:template match="text() | 非姓名" mode="field-piece">
    <xsl:variable name="raw" select="translate(string(.), '&#9;&#10;&#13;', '   ')"/>
    <xsl:variable name="n" select="normalize-space($raw)"/>
    <xsl:if test="$n != '' and starts-with($raw, ' ') and preceding-sibling::node()"><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="$n"/>
    <xsl:if test="$n != '' and substring($raw, string-length($raw)) = ' ' and following-sibling::node()"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="gr:name | 姓名" mode="field-piece">
    <fo:inline keep-together.within-line="always"><xsl:value-of select="normalize-space(.)"/></fo:inline>
  </xsl:template>

  <!-- 1、 2、 … -->
  <xsl:template name="paras">
    <xsl:param name="of"/>
    <xsl:for-each select="$of/段落">
      <fo:block xsl:use-attribute-sets="para"><xsl:copy-of select="@gr:line"/><xsl:apply-templates select="." mode="field"/></fo:block>
    </xsl:for-each>
  </xsl:template>

  <!-- ============================================================ root -->

  <xsl:template match="/">
    <xsl:if test="not($root)">
      <xsl:message terminate="yes">全市彙整：根元素應為 &lt;全市成果彙整&gt; / combined report: the root element must be &lt;全市成果彙整&gt;</xsl:message>
    </xsl:if>
    <fo:root>
      <fo:layout-master-set>
        <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm"
            margin-top="15mm" margin-bottom="10mm" margin-left="20mm" margin-right="20mm">
          <fo:region-body margin-top="5mm" margin-bottom="14mm"/>
          <fo:region-after extent="10mm"/>
        </fo:simple-page-master>
      </fo:layout-master-set>
      <fo:bookmark-tree>
        <fo:bookmark internal-destination="sec-1"><fo:bookmark-title>一、機制運作</fo:bookmark-title></fo:bookmark>
        <fo:bookmark internal-destination="sec-2"><fo:bookmark-title>二、性別意識培力</fo:bookmark-title></fo:bookmark>
        <fo:bookmark internal-destination="sec-3"><fo:bookmark-title>三、性別統計</fo:bookmark-title></fo:bookmark>
        <fo:bookmark internal-destination="sec-4"><fo:bookmark-title>四、性別分析</fo:bookmark-title></fo:bookmark>
        <fo:bookmark internal-destination="sec-5"><fo:bookmark-title>五、性別影響評估</fo:bookmark-title></fo:bookmark>
        <xsl:if test="$root/機關表單/categories/category and $ag/成果報告/策略及具體措施/措施">
          <fo:bookmark internal-destination="sec-6"><fo:bookmark-title>六、推展性別平等工作策略及具體措施</fo:bookmark-title></fo:bookmark>
        </xsl:if>
        <xsl:if test="$root/精進作為 or $root/結語">
          <fo:bookmark internal-destination="sec-7"><fo:bookmark-title>七、後續推動性別平等業務精進作為</fo:bookmark-title></fo:bookmark>
        </xsl:if>
        <fo:bookmark internal-destination="sec-annex"><fo:bookmark-title>附錄、彙整情形</fo:bookmark-title></fo:bookmark>
      </fo:bookmark-tree>
      <fo:page-sequence master-reference="A4" xml:lang="zh-TW"
          font-family="標楷體, TW-Kai" font-size="12pt" line-height="1.5">
        <fo:static-content flow-name="xsl-region-after">
          <fo:block text-align="center" font-size="10pt">第 <fo:page-number/> 頁，共 <fo:page-number-citation-last ref-id="report-end"/> 頁</fo:block>
        </fo:static-content>
        <fo:flow flow-name="xsl-region-body">
          <xsl:call-template name="title"/>
          <xsl:call-template name="s1"/>
          <xsl:call-template name="s2"/>
          <xsl:call-template name="s3"/>
          <xsl:call-template name="s4"/>
          <xsl:call-template name="s5"/>
          <xsl:call-template name="s6"/>
          <xsl:call-template name="s7"/>
          <xsl:call-template name="annex"/>
          <fo:block id="report-end"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>


  <xsl:template name="title">
    <fo:block text-align="center" font-size="16pt" font-weight="bold" space-after="3mm"><xsl:value-of select="$document-title"/></fo:block>
    <xsl:if test="$root/發布">
      <fo:block text-align="center" space-after="4mm"><xsl:value-of select="$root/發布/單位"/><xsl:text> </xsl:text><xsl:call-template name="roc-date"><xsl:with-param name="d" select="$root/發布/日期"/></xsl:call-template></fo:block>
    </xsl:if>
    <xsl:call-template name="paras"><xsl:with-param name="of" select="$root/前言"/></xsl:call-template>
  </xsl:template>

  <!-- ============================================================ 一 -->

  <xsl:template name="s1">
    <xsl:variable name="held"><xsl:call-template name="fig"><xsl:with-param name="name" select="'實際開會次數'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="above" select="$ag[number(計算[@名稱='開會次數']/@值) &gt; number(計算[@名稱='應開會次數']/@值)]"/>
    <fo:block xsl:use-attribute-sets="h1" id="sec-1">一、機制運作</fo:block>
    <fo:block xsl:use-attribute-sets="h2">（一）開會次數</fo:block>
    <fo:block xsl:use-attribute-sets="para">
      <xsl:value-of select="$year"/> 年度本府各機關（構）性別平等專案小組應開會次數共計為 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'應開會次數'"/></xsl:call-template> 次</fo:inline>，實際開會次數為 <fo:inline keep-together.within-line="always"><xsl:value-of select="$held"/> 次</fo:inline>。<xsl:if test="$above">其中<xsl:for-each select="$above"><xsl:if test="position() &gt; 1">、</xsl:if><xsl:value-of select="@簡稱"/><xsl:if test="count($above[計算[@名稱='開會次數']/@值 != current()/計算[@名稱='開會次數']/@值]) &gt; 0"><xsl:text> </xsl:text><fo:inline keep-together.within-line="always"><xsl:value-of select="計算[@名稱='開會次數']"/> 次</fo:inline></xsl:if></xsl:for-each>全年開會次數<xsl:if test="not($above[計算[@名稱='開會次數']/@值 != $above[1]/計算[@名稱='開會次數']/@值])">為 <fo:inline keep-together.within-line="always"><xsl:value-of select="$above[1]/計算[@名稱='開會次數']"/> 次</fo:inline>，</xsl:if>高於本府性別主流化總計畫規定之 <fo:inline keep-together.within-line="always"><xsl:value-of select="$above[1]/計算[@名稱='應開會次數']"/> 次</fo:inline>，其餘各機關（構）依本府性別主流化總計畫分組規定開會。</xsl:if>
    </fo:block>

    <fo:block xsl:use-attribute-sets="h2">（二）會議主席</fo:block>
    <fo:block xsl:use-attribute-sets="para">
      <xsl:value-of select="$year"/> 年度本府各機關（構）性別平等專案小組會議主席為首長或副首長計 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'首長或副首長主持次數'"/></xsl:call-template> 次</fo:inline>，佔 <fo:inline keep-together.within-line="always"><xsl:value-of select="$held"/> 次</fo:inline>會議之 <xsl:call-template name="fig"><xsl:with-param name="name" select="'首長或副首長主持比率'"/></xsl:call-template>。<xsl:call-template name="other-chairs"/>
    </fo:block>

    <fo:block xsl:use-attribute-sets="h2">（三）專家學者委員出席情形</fo:block>
    <fo:block xsl:use-attribute-sets="para">本府性別主流化總計畫明定每個性平小組須聘 <fo:inline keep-together.within-line="always">3 位</fo:inline>以上專家學者委員，每次開會須有 <fo:inline keep-together.within-line="always">2 位</fo:inline>以上專家學者委員，且委員出席人數佔委員總數二分之一以上，始為有效會議。<xsl:value-of select="$year"/> 年度本府各機關性別平等專案小組專家學者委員全數出席之會議數為 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'專家學者全數出席次數'"/></xsl:call-template> 次</fo:inline>，佔 <fo:inline keep-together.within-line="always"><xsl:value-of select="$held"/> 次</fo:inline>總開會次數之 <xsl:call-template name="fig"><xsl:with-param name="name" select="'專家學者全數出席比率'"/></xsl:call-template>。</fo:block>

    <fo:block xsl:use-attribute-sets="h2">（四）全體委員出席情形</fo:block>
    <fo:block xsl:use-attribute-sets="para"><xsl:value-of select="$year"/> 年度全府各機關（構）性別平等專案小組全體委員出席之會議達 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'全體委員出席次數'"/></xsl:call-template> 次</fo:inline>，佔 <fo:inline keep-together.within-line="always"><xsl:value-of select="$held"/> 次</fo:inline>總開會次數之 <xsl:call-template name="fig"><xsl:with-param name="name" select="'全體委員出席比率'"/></xsl:call-template>。</fo:block>
  </xsl:template>

  <!-- 其餘為主任秘書 6 次（文化局 2 次；交通局 1 次）；專門委員 3 次（觀傳局）；…
       主任秘書 first, then the 其他 titles in order of first appearance
       (roster order); one agency: its name alone; several: with counts. -->
  <xsl:template name="other-chairs">
    <xsl:variable name="firsts" select="$meetings[主席='其他'][generate-id() = generate-id(key('chair-title', 主席職稱)[1])]"/>
    <xsl:variable name="e1" select="$root/E1組會議"/>
    <xsl:if test="$meetings[主席='主秘'] or $firsts or $e1">
      <xsl:text>其餘為</xsl:text>
      <xsl:if test="$meetings[主席='主秘']">
        <xsl:call-template name="chair-group">
          <xsl:with-param name="title" select="'主任秘書'"/>
          <xsl:with-param name="set" select="$meetings[主席='主秘']"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:for-each select="$firsts">
        <xsl:if test="position() &gt; 1 or $meetings[主席='主秘']">；</xsl:if>
        <xsl:call-template name="chair-group">
          <xsl:with-param name="title" select="string(主席職稱)"/>
          <xsl:with-param name="set" select="key('chair-title', 主席職稱)"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:if test="$e1">
        <xsl:if test="$meetings[主席='主秘' or 主席='其他']">；</xsl:if>
        <xsl:text>性平辦依本府性別主流化總計畫召開 E1 組會議 </xsl:text><fo:inline keep-together.within-line="always"><xsl:value-of select="$e1/@次數"/> 次</fo:inline>（<xsl:for-each select="$e1/機關"><xsl:if test="position() &gt; 1">、</xsl:if><xsl:value-of select="."/></xsl:for-each>）</xsl:if>
      <xsl:text>。</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template name="chair-group">
    <xsl:param name="title"/>
    <xsl:param name="set"/>
    <xsl:variable name="units" select="$ag[成果報告/專案小組/運作情形/會議[count(. | $set) = count($set)]]"/>
    <xsl:value-of select="$title"/><xsl:text> </xsl:text><fo:inline keep-together.within-line="always"><xsl:value-of select="count($set)"/> 次</fo:inline>（<xsl:for-each select="$units">
      <xsl:if test="position() &gt; 1">；</xsl:if>
      <xsl:value-of select="@簡稱"/>
      <xsl:if test="count($units) &gt; 1"><xsl:text> </xsl:text><fo:inline keep-together.within-line="always"><xsl:value-of select="count(成果報告/專案小組/運作情形/會議[count(. | $set) = count($set)])"/> 次</fo:inline></xsl:if>
    </xsl:for-each>）</xsl:template>

  <!-- ============================================================ 二 -->

  <xsl:template name="s2">
    <xsl:variable name="live" select="$ag/成果報告/性別意識培力/自辦訓練/訓練[辦理形式='視訊直播' or 辦理形式='實體及視訊直播']"/>
    <fo:block xsl:use-attribute-sets="h1" id="sec-2">二、性別意識培力</fo:block>
    <xsl:variable name="other" select="number($root/計算[@名稱='其他身分別填報機關數']/@值) &gt; 0"/>
    <fo:block xsl:use-attribute-sets="para">本府性別主流化總計畫規定，本府一般公務人員及主管人員每年均須完成 <fo:inline keep-together.within-line="always">3 小時</fo:inline>性別主流化訓練。<xsl:if test="$other">另納入新聞聯絡人及社群媒體小編，為本府辦理性別意識培力業務有別於其他縣市政府之特色。</xsl:if></fo:block>
    <fo:block xsl:use-attribute-sets="para">（一）依機關（構）所提報，<xsl:value-of select="$year"/> 年度一般公務人員完成人數為 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'一般公務人員完成人數'"/></xsl:call-template> 人</fo:inline>（男性 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'一般公務人員男性完成人數'"/></xsl:call-template> 人</fo:inline>，女性 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'一般公務人員女性完成人數'"/></xsl:call-template> 人</fo:inline>）、主管完成人數為 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'主管完成人數'"/></xsl:call-template> 人</fo:inline>（男性 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'主管男性完成人數'"/></xsl:call-template> 人</fo:inline>，女性 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'主管女性完成人數'"/></xsl:call-template> 人</fo:inline>），完成比率為一般公務人員 <xsl:call-template name="fig"><xsl:with-param name="name" select="'一般公務人員完成比率'"/></xsl:call-template>、主管 <xsl:call-template name="fig"><xsl:with-param name="name" select="'主管完成比率'"/></xsl:call-template>，其中一般公務人員實體課程參訓率為 <xsl:call-template name="fig"><xsl:with-param name="name" select="'實體課程參訓率'"/></xsl:call-template>。</fo:block>
    <xsl:if test="$other">
      <fo:block xsl:use-attribute-sets="para">（二）其他身分別受訓狀況：新聞聯絡人：<fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'新聞聯絡人受訓人數'"/></xsl:call-template> 人</fo:inline>（男性 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'新聞聯絡人男性受訓人數'"/></xsl:call-template> 人</fo:inline>、女性 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'新聞聯絡人女性受訓人數'"/></xsl:call-template> 人</fo:inline>）、社群媒體小編：<fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'社群媒體小編受訓人數'"/></xsl:call-template> 人</fo:inline>（含機關小編 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'機關小編人數'"/></xsl:call-template> 名</fo:inline>及委外小編 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'委外小編人數'"/></xsl:call-template> 名</fo:inline>，男性 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'社群媒體小編男性受訓人數'"/></xsl:call-template> 人</fo:inline>、女性 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'社群媒體小編女性受訓人數'"/></xsl:call-template> 人</fo:inline>）。</fo:block>
    </xsl:if>
    <fo:block xsl:use-attribute-sets="para"><xsl:choose><xsl:when test="$other">（三）</xsl:when><xsl:otherwise>（二）</xsl:otherwise></xsl:choose>自辦課程情形：<xsl:value-of select="$year"/> 年度共計有 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'自辦課程班數'"/></xsl:call-template> 班</fo:inline>自辦課程；採視訊直播方式辦理課程共 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'視訊直播課程場次'"/></xsl:call-template> 場</fo:inline>。<xsl:if test="$root/課程示例/課程 or $live">相關多元辦課方式例舉如下：</xsl:if></fo:block>
    <xsl:choose>
      <xsl:when test="$root/課程示例/課程">
        <xsl:for-each select="$root/課程示例/課程">
          <fo:block xsl:use-attribute-sets="item">●<xsl:text> </xsl:text><xsl:value-of select="@機關"/>—<xsl:apply-templates select="." mode="field"/></fo:block>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$live[position() &lt;= 5]">
          <fo:block xsl:use-attribute-sets="item">●<xsl:text> </xsl:text><xsl:value-of select="ancestor::機關/@簡稱"/>—<xsl:apply-templates select="訓練班期名稱" mode="field"/></fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ 三 -->

  <xsl:template name="s3">
    <fo:block xsl:use-attribute-sets="h1" id="sec-3">三、性別統計</fo:block>
    <fo:block xsl:use-attribute-sets="para">本府性別主流化總計畫規定本府一級機關（構）應每 <fo:inline keep-together.within-line="always">2 年</fo:inline>新增性別統計指標、項目或其複分類，各機關（構）<xsl:value-of select="$year"/> 年共計新增性別統計項目 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'新增性別統計項目數'"/></xsl:call-template> 個</fo:inline>、性別統計指標 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'新增性別統計指標數'"/></xsl:call-template> 個</fo:inline>。</fo:block>
  </xsl:template>

  <!-- ============================================================ 四 -->

  <xsl:template name="s4">
    <fo:block xsl:use-attribute-sets="h1" id="sec-4">四、性別分析</fo:block>
    <xsl:call-template name="paras"><xsl:with-param name="of" select="$root/分析說明"/></xsl:call-template>
    <fo:block xsl:use-attribute-sets="para"><xsl:value-of select="$year"/> 年度各機關（構）共完成 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'性別分析篇數'"/></xsl:call-template> 篇</fo:inline>性別分析專題，整理如下：</fo:block>
    <xsl:if test="$ag/成果報告/性別分析/專題">
      <fo:table table-layout="fixed" width="100%" border-collapse="collapse" font-size="11pt">
        <fo:table-column column-width="proportional-column-width(16)"/>
        <fo:table-column column-width="proportional-column-width(28)"/>
        <fo:table-column column-width="proportional-column-width(28)"/>
        <fo:table-column column-width="proportional-column-width(28)"/>
        <fo:table-header>
          <fo:table-row font-weight="bold">
            <fo:table-cell xsl:use-attribute-sets="cell"><fo:block text-align="center">單位</fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cell"><fo:block text-align="center">性別分析專題 1</fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cell"><fo:block text-align="center">性別分析專題 2</fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cell"><fo:block text-align="center">性別分析專題 3</fo:block></fo:table-cell>
          </fo:table-row>
        </fo:table-header>
        <fo:table-body>
          <xsl:for-each select="$ag[成果報告/性別分析/專題]">
            <xsl:variable name="unit" select="@簡稱"/>
            <!-- three topics a row; more continue on rows with an empty 單位 -->
            <xsl:for-each select="成果報告/性別分析/專題[position() mod 3 = 1]">
              <fo:table-row>
                <fo:table-cell xsl:use-attribute-sets="cell"><fo:block><xsl:if test="position() = 1"><xsl:value-of select="$unit"/></xsl:if></fo:block></fo:table-cell>
                <xsl:for-each select=". | following-sibling::專題[position() &lt; 3]">
                  <fo:table-cell xsl:use-attribute-sets="cell"><fo:block><xsl:apply-templates select="名稱" mode="field"/></fo:block></fo:table-cell>
                </xsl:for-each>
                <xsl:call-template name="empty-cells">
                  <xsl:with-param name="n" select="2 - count(following-sibling::專題[position() &lt; 3])"/>
                </xsl:call-template>
              </fo:table-row>
            </xsl:for-each>
          </xsl:for-each>
        </fo:table-body>
      </fo:table>
    </xsl:if>
  </xsl:template>

  <xsl:template name="empty-cells">
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; 0">
      <fo:table-cell xsl:use-attribute-sets="cell"><fo:block/></fo:table-cell>
      <xsl:call-template name="empty-cells"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ 五 -->

  <xsl:template name="s5">
    <fo:block xsl:use-attribute-sets="h1" id="sec-5">五、性別影響評估</fo:block>
    <fo:block xsl:use-attribute-sets="para">依本府性別主流化總計畫（109-112）規定各機關（構）「於擬辦本市自治條例制定案及修正案、公共工程中程計畫及重大施政或與性別議題相關之計畫時，應辦理性別影響評估作業」。<xsl:value-of select="$year"/> 年度各機關（構）於成果報告提列之各類性別影響評估數量共計 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'性別影響評估總數'"/></xsl:call-template> 篇</fo:inline>，內容如下：</fo:block>
    <xsl:call-template name="impact">
      <xsl:with-param name="head">（一）自治條例制定或修正案 </xsl:with-param>
      <xsl:with-param name="fig" select="'自治條例案數'"/>
      <xsl:with-param name="kind" select="'自治條例'"/>
    </xsl:call-template>
    <xsl:call-template name="impact">
      <xsl:with-param name="head">（二）公共工程中程計畫共 </xsl:with-param>
      <xsl:with-param name="fig" select="'公共工程中程計畫案數'"/>
      <xsl:with-param name="kind" select="'公共工程中程計畫'"/>
    </xsl:call-template>
    <xsl:call-template name="impact">
      <xsl:with-param name="head">（三）重大施政或與性別議題相關之計畫共 </xsl:with-param>
      <xsl:with-param name="fig" select="'重大施政計畫案數'"/>
      <xsl:with-param name="kind" select="'重大施政計畫'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- 1、勞動局：名稱。 / 7、都發局：(1) a、(2) b、(3) c。 — agencies in roster
       order, numbered from 1 in each kind -->
  <xsl:template name="impact">
    <xsl:param name="head"/>
    <xsl:param name="fig"/>
    <xsl:param name="kind"/>
    <fo:block xsl:use-attribute-sets="h2"><xsl:value-of select="$head"/><fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="$fig"/></xsl:call-template> 案</fo:inline></fo:block>
    <xsl:for-each select="$ag[成果報告/性別影響評估/*[local-name() = $kind]/案件]">
      <xsl:variable name="cases" select="成果報告/性別影響評估/*[local-name() = $kind]/案件"/>
      <fo:block xsl:use-attribute-sets="item"><xsl:value-of select="position()"/>、<xsl:value-of select="@簡稱"/>：<xsl:choose>
          <xsl:when test="count($cases) = 1"><xsl:apply-templates select="$cases/名稱" mode="field"/></xsl:when>
          <xsl:otherwise><xsl:for-each select="$cases"><xsl:if test="position() &gt; 1">、</xsl:if>(<xsl:value-of select="position()"/>)<xsl:text> </xsl:text><xsl:apply-templates select="名稱" mode="field"/></xsl:for-each></xsl:otherwise>
        </xsl:choose>。</fo:block>
    </xsl:for-each>
  </xsl:template>

  <!-- ============================================================ 六 -->

  <!-- 六、推展性別平等工作策略及具體措施: the categories and items of the
       agencies' form of the year (機關表單, added by generator/report/city.c
       from that form's form data), each item with its examples 「機關—措施」:
       those the office file names (策略示例, in its order), else the first
       measure of each of the first two agencies in roster order. Items and
       categories without an example are not printed (as in 003). -->
  <xsl:template name="s6">
    <xsl:variable name="cats" select="$root/機關表單/categories/category"/>
    <xsl:if test="$cats and $ag/成果報告/策略及具體措施/措施">
      <fo:block xsl:use-attribute-sets="h1" id="sec-6">六、推展性別平等工作策略及具體措施</fo:block>
      <xsl:call-template name="paras"><xsl:with-param name="of" select="$root/策略說明"/></xsl:call-template>
      <xsl:if test="not($root/策略說明)">
        <fo:block xsl:use-attribute-sets="para">有關各機關（構）執行工作策略及具體措施各類別及項目，例舉如下：</fo:block>
      </xsl:if>
      <xsl:for-each select="$cats">
        <xsl:variable name="c" select="string(@number)"/>
        <xsl:if test="($root/策略示例 and $root/策略示例/示例[@類別 = $c]) or (not($root/策略示例) and $ag/成果報告/策略及具體措施/措施[@類別 = $c])">
          <fo:block xsl:use-attribute-sets="h2">（<xsl:value-of select="$c"/>）<xsl:value-of select="@title"/>，例舉如下：</fo:block>
          <xsl:for-each select="item">
            <xsl:variable name="i" select="string(@number)"/>
            <xsl:choose>
              <xsl:when test="$root/策略示例">
                <xsl:variable name="picks" select="$root/策略示例/示例[@類別 = $c and @項目 = $i]"/>
                <xsl:if test="$picks">
                  <fo:block xsl:use-attribute-sets="item" keep-with-next="always"><xsl:value-of select="$i"/>、<xsl:value-of select="normalize-space(.)"/></fo:block>
                  <xsl:for-each select="$picks">
                    <xsl:variable name="who" select="@機關"/>
                    <xsl:variable name="these" select="$ag[@簡稱 = $who]/成果報告/策略及具體措施/措施[@類別 = $c and @項目 = $i]"/>
                    <xsl:if test="not($these)">
                      <xsl:message>策略示例：「<xsl:value-of select="$who"/>」在類別（<xsl:value-of select="$c"/>）第 <xsl:value-of select="$i"/> 項沒有已納入的措施，此例不印 / strategy example: "<xsl:value-of select="$who"/>" has no included measure in category (<xsl:value-of select="$c"/>) item <xsl:value-of select="$i"/>; not printed</xsl:message>
                    </xsl:if>
                    <xsl:for-each select="$these">
                      <xsl:call-template name="example"><xsl:with-param name="who" select="$who"/></xsl:call-template>
                    </xsl:for-each>
                  </xsl:for-each>
                </xsl:if>
              </xsl:when>
              <xsl:otherwise>
                <xsl:variable name="units" select="$ag[成果報告/策略及具體措施/措施[@類別 = $c and @項目 = $i]]"/>
                <xsl:if test="$units">
                  <fo:block xsl:use-attribute-sets="item" keep-with-next="always"><xsl:value-of select="$i"/>、<xsl:value-of select="normalize-space(.)"/></fo:block>
                  <xsl:for-each select="$units[position() &lt;= 2]">
                    <xsl:for-each select="成果報告/策略及具體措施/措施[@類別 = $c and @項目 = $i][1]">
                      <xsl:call-template name="example"><xsl:with-param name="who" select="ancestor::機關/@簡稱"/></xsl:call-template>
                    </xsl:for-each>
                  </xsl:for-each>
                </xsl:if>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:if>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- 「主計處—臺北市高齡及少子女化統計指標體系。」 -->
  <xsl:template name="example">
    <xsl:param name="who"/>
    <xsl:variable name="t" select="normalize-space(.)"/>
    <fo:block xsl:use-attribute-sets="item" start-indent="4em">●<xsl:text> </xsl:text><xsl:value-of select="$who"/>—<xsl:apply-templates select="." mode="field"/><xsl:if test="not(contains('。！？.', substring($t, string-length($t))))">。</xsl:if></fo:block>
  </xsl:template>

  <!-- ============================================================ 七 -->

  <xsl:template name="s7">
    <xsl:if test="$root/精進作為 or $root/結語">
      <fo:block xsl:use-attribute-sets="h1" id="sec-7">七、後續推動性別平等業務精進作為</fo:block>
      <xsl:call-template name="paras"><xsl:with-param name="of" select="$root/精進作為"/></xsl:call-template>
      <xsl:for-each select="$root/精進作為/項">
        <fo:block xsl:use-attribute-sets="h2">（<xsl:value-of select="substring('一二三四五六七八九十', position(), 1)"/>）<xsl:value-of select="標題"/></fo:block>
        <xsl:call-template name="paras"><xsl:with-param name="of" select="."/></xsl:call-template>
      </xsl:for-each>
      <xsl:call-template name="paras"><xsl:with-param name="of" select="$root/結語"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ annex -->

  <xsl:template name="annex">
    <xsl:variable name="a" select="$root/附錄"/>
    <fo:block xsl:use-attribute-sets="h1" id="sec-annex" break-before="page">附錄、彙整情形</fo:block>
    <fo:block xsl:use-attribute-sets="para">名冊單位 <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'名冊單位數'"/></xsl:call-template> 個</fo:inline>，納入本報告之機關（構） <fo:inline keep-together.within-line="always"><xsl:call-template name="fig"><xsl:with-param name="name" select="'納入機關數'"/></xsl:call-template> 個</fo:inline><xsl:if test="not($root/發布)">（未提供性平辦彙整檔：名冊為資料夾中的檔案，依檔名順序）</xsl:if>。</fo:block>
    <fo:block xsl:use-attribute-sets="h2">（一）未納入之資料檔</fo:block>
    <xsl:choose>
      <xsl:when test="$a/未納入">
        <xsl:call-template name="annex-table">
          <xsl:with-param name="rows" select="$a/未納入"/>
          <xsl:with-param name="head">原因</xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><fo:block xsl:use-attribute-sets="para">無。</fo:block></xsl:otherwise>
    </xsl:choose>
    <fo:block xsl:use-attribute-sets="h2">（二）未提交之單位</fo:block>
    <fo:block xsl:use-attribute-sets="para"><xsl:choose>
        <xsl:when test="$a/未提交"><xsl:for-each select="$a/未提交"><xsl:if test="position() &gt; 1">、</xsl:if><xsl:value-of select="@簡稱"/></xsl:for-each>。</xsl:when>
        <xsl:otherwise>無。</xsl:otherwise>
      </xsl:choose></fo:block>
    <xsl:if test="$a/未檢查">
      <fo:block xsl:use-attribute-sets="para"><xsl:value-of select="normalize-space($a/未檢查)"/></fo:block>
    </xsl:if>
    <fo:block xsl:use-attribute-sets="h2">（三）已納入機關之未達規定及提醒事項</fo:block>
    <xsl:choose>
      <xsl:when test="$a/合規">
        <xsl:call-template name="annex-table">
          <xsl:with-param name="rows" select="$a/合規"/>
          <xsl:with-param name="head">類別</xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><fo:block xsl:use-attribute-sets="para">無。</fo:block></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- one row per finding (a file without findings: one row); every row
       names its agency and file, so that a row at the top of a page never
       leaves the reader guessing whose finding it is -->
  <xsl:template name="annex-table">
    <xsl:param name="rows"/>
    <xsl:param name="head"/>
    <fo:table table-layout="fixed" width="100%" border-collapse="collapse" font-size="10pt">
      <fo:table-column column-width="proportional-column-width(13)"/>
      <fo:table-column column-width="proportional-column-width(19)"/>
      <fo:table-column column-width="proportional-column-width(13)"/>
      <fo:table-column column-width="proportional-column-width(55)"/>
      <fo:table-header>
        <fo:table-row font-weight="bold">
          <fo:table-cell xsl:use-attribute-sets="cell"><fo:block text-align="center">單位</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cell"><fo:block text-align="center">資料檔</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cell"><fo:block text-align="center"><xsl:value-of select="$head"/></fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cell"><fo:block text-align="center">說明（行號）</fo:block></fo:table-cell>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="$rows">
          <xsl:variable name="r" select="."/>
          <xsl:choose>
            <xsl:when test="發現">
              <xsl:for-each select="發現">
                <fo:table-row>
                  <fo:table-cell xsl:use-attribute-sets="cell"><fo:block><xsl:value-of select="$r/@簡稱"/></fo:block></fo:table-cell>
                  <fo:table-cell xsl:use-attribute-sets="cell"><fo:block><xsl:value-of select="$r/@檔案"/></fo:block></fo:table-cell>
                  <fo:table-cell xsl:use-attribute-sets="cell"><fo:block><xsl:choose><xsl:when test="$r/@原因"><xsl:value-of select="$r/@原因"/></xsl:when><xsl:otherwise><xsl:value-of select="@類別"/></xsl:otherwise></xsl:choose></fo:block></fo:table-cell>
                  <fo:table-cell xsl:use-attribute-sets="cell"><fo:block><xsl:value-of select="normalize-space(.)"/><xsl:if test="@行">（<fo:inline keep-together.within-line="always">第 <xsl:value-of select="@行"/> 行</fo:inline>）</xsl:if></fo:block></fo:table-cell>
                </fo:table-row>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <fo:table-row>
                <fo:table-cell xsl:use-attribute-sets="cell"><fo:block><xsl:value-of select="@簡稱"/></fo:block></fo:table-cell>
                <fo:table-cell xsl:use-attribute-sets="cell"><fo:block><xsl:value-of select="@檔案"/></fo:block></fo:table-cell>
                <fo:table-cell xsl:use-attribute-sets="cell"><fo:block><xsl:value-of select="@原因"/></fo:block></fo:table-cell>
                <fo:table-cell xsl:use-attribute-sets="cell"><fo:block/></fo:table-cell>
              </fo:table-row>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
  </xsl:template>

</xsl:stylesheet>

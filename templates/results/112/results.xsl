<?xml version="1.0" encoding="UTF-8"?>
<!--
  results.xsl — 112 年「機關（構）推動性別平等工作成果報告」表單:
  data (templates/schema/results-1.rng, optionally enriched with <計算>
  elements, templates/schema/computed.md) → XSL-FO (the subset of
  docs/DESIGN.md). XSLT 1.0, no extensions.

  Parameters:
    edition     'public' (default): personal names come masked (蕭○勻) from
                the program (generator/domain/mask.c);
                'internal': names in full, 內部版 on every page and in the title.
    image-base  prefix for photo paths (default ''): the paths in the data are
                relative to the data file; set this when the FO is not read
                from the data file's folder.

  Modules (xsl:include, same precedence; the 113 form imports this file and
  overrides the wording templates of strategy.xsl):
    lib.xsl        styles, formatting, masking, text and lists
    header.xsl     title, approval, 組別, 性平聯絡人, 一
    committee.xsl  二 性別平等專案小組
    training.xsl   性別意識培力 (一)–(五)
    tools.xsl      三 性別統計, 四 性別分析, 五 性別影響評估, 六 性別預算
    strategy.xsl   七 strategy grid and the form's category/item wording
    evidence.xsl   成果佐證 and its blocks (photos, tables, boxes, quotes)
    charts.xsl     bar and pie charts as SVG
    closing.xsl    八, 九
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:gr="urn:x-gereport:source">

  <!-- indent="yes": libxslt indents only elements without text children, so
       running text is untouched and the FO has useful line numbers for
       diagnostics. Templates must therefore never put two inline elements
       side by side in a block without text between them. -->
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:strip-space elements="*"/>
  <xsl:preserve-space elements="亮點 段落 項 格 關聯性 訓練目標 講師資料 定義及說明
      簡要說明 性別平等影響 增減原因 措施 現況說明 具體策略 預期效益 備註 附註
      未達三分之一原因 其他成果"/>

  <xsl:param name="edition" select="'public'"/>
  <xsl:param name="image-base" select="''"/>

  <!-- this form's data (form.xml beside this file, docs/form-data.md):
       categories and items, group minimums, training hours, wording of
       computed figures, the years it serves. A form that imports this one
       declares its own $form, which then wins (import precedence) and is
       read relative to that form's folder. -->
  <xsl:variable name="form" select="document('form.xml')/form"/>
  <!-- form years this template serves (warning otherwise) -->
  <xsl:variable name="form-first-year" select="number($form/@first-year)"/>
  <xsl:variable name="form-last-year" select="number($form/@last-year)"/>

  <xsl:include href="lib.xsl"/>
  <xsl:include href="header.xsl"/>
  <xsl:include href="committee.xsl"/>
  <xsl:include href="training.xsl"/>
  <xsl:include href="tools.xsl"/>
  <xsl:include href="strategy.xsl"/>
  <xsl:include href="evidence.xsl"/>
  <xsl:include href="charts.xsl"/>
  <xsl:include href="closing.xsl"/>

  <xsl:variable name="year" select="number(/child::成果報告/年度)"/>

  <!-- The internal edition prints names in full: every page says so in its
       header and footer, and so do the PDF's title and XMP metadata. -->
  <xsl:variable name="internal-mark" select="'內部版（含個人姓名，不得公開）'"/>
  <!-- the PDF title (Info and XMP dc:title): the report's heading -->
  <xsl:variable name="document-title">
    <xsl:value-of select="concat(normalize-space(/child::成果報告/機關/全銜),
        /child::成果報告/年度, '年推動性別平等工作成果報告')"/>
    <xsl:if test="$edition = 'internal'">
      <xsl:value-of select="concat(' ', $internal-mark)"/>
    </xsl:if>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:if test="not(/child::成果報告)">
      <xsl:message terminate="yes">成果報告：根元素應為 &lt;成果報告&gt; / results form: the root element must be &lt;成果報告&gt;</xsl:message>
    </xsl:if>
    <xsl:if test="/child::成果報告/@版本 != '1' and /child::成果報告/@版本 != '2'">
      <xsl:message terminate="yes">成果報告：此表單只接受資料格式第 1、2 版（版本="1" 或 "2"）/ results form: only data format versions 1 and 2 are supported</xsl:message>
    </xsl:if>
    <xsl:if test="$year &lt; $form-first-year or $year &gt; $form-last-year">
      <xsl:message>成果報告：<xsl:value-of select="$year"/> 年度的資料套用 <xsl:value-of select="$form-last-year"/> 年表單 / results form: year <xsl:value-of select="$year"/> rendered with the <xsl:value-of select="$form-last-year"/> form</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="成果報告"/>
  </xsl:template>

  <xsl:template match="成果報告">
    <fo:root xml:lang="zh-TW">
      <fo:layout-master-set>
        <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm"
            margin-top="15mm" margin-bottom="10mm" margin-left="20mm" margin-right="20mm">
          <fo:region-body margin-top="5mm" margin-bottom="14mm"/>
          <xsl:if test="$edition = 'internal'">
            <fo:region-before extent="5mm"/>
          </xsl:if>
          <fo:region-after extent="10mm"/>
        </fo:simple-page-master>
      </fo:layout-master-set>
      <xsl:call-template name="bookmarks"/>
      <fo:page-sequence master-reference="A4" xml:lang="zh-TW"
          font-family="標楷體, TW-Kai" font-size="12pt" line-height="1.5">
        <xsl:if test="$edition = 'internal'">
          <fo:static-content flow-name="xsl-region-before">
            <fo:block text-align="center" font-size="10pt" line-height="1.2" font-weight="bold" color="#C00000"><xsl:value-of select="$internal-mark"/></fo:block>
          </fo:static-content>
        </xsl:if>
        <fo:static-content flow-name="xsl-region-after">
          <fo:block text-align="center" font-size="10pt"><xsl:copy-of select="@gr:line"/>第 <fo:page-number/> 頁，共 <fo:page-number-citation-last ref-id="report-end"/> 頁<xsl:if test="$edition = 'internal'">　<xsl:value-of select="$internal-mark"/></xsl:if></fo:block>
        </fo:static-content>
        <fo:flow flow-name="xsl-region-body">
          <xsl:call-template name="header"/>
          <xsl:call-template name="contacts"/>
          <xsl:call-template name="highlight"/>
          <xsl:apply-templates select="專案小組"/>
          <xsl:apply-templates select="性別意識培力"/>
          <xsl:apply-templates select="性別統計"/>
          <xsl:apply-templates select="性別分析"/>
          <xsl:apply-templates select="性別影響評估"/>
          <xsl:apply-templates select="性別預算"/>
          <xsl:call-template name="strategy"/>
          <xsl:call-template name="evidence"/>
          <xsl:call-template name="other-results"/>
          <xsl:call-template name="future"/>
          <!-- 「共 M 頁」 cites the last page of this empty final block -->
          <fo:block id="report-end"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <!-- PDF outline: one entry per section of the form -->
  <xsl:template name="bookmarks">
    <fo:bookmark-tree>
      <xsl:for-each select="$form/sections/section">
        <xsl:call-template name="bookmark"><xsl:with-param name="id" select="string(@id)"/><xsl:with-param name="title" select="string(@bookmark)"/></xsl:call-template>
      </xsl:for-each>
    </fo:bookmark-tree>
  </xsl:template>

  <xsl:template name="bookmark">
    <xsl:param name="id"/>
    <xsl:param name="title"/>
    <fo:bookmark internal-destination="{$id}">
      <fo:bookmark-title><xsl:value-of select="$title"/></fo:bookmark-title>
    </fo:bookmark>
  </xsl:template>

</xsl:stylesheet>

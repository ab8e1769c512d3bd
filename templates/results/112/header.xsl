<?xml version="1.0" encoding="UTF-8"?>
<!--
  header.xsl — title, approval line, 組別, the 性平聯絡人 table and
  一、本年度機關推動性別平等之特色或亮點.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:gr="urn:x-gereport:source">

  <!-- 「臺北市政府資訊局112年推動性別平等工作成果報告」 -->
  <xsl:template name="header">
    <fo:block font-size="16pt" font-weight="bold" text-align="center" space-after="6pt"
        keep-with-next="always"><xsl:copy-of select="@gr:line"/>
      <xsl:apply-templates select="機關/全銜" mode="field"/><xsl:value-of select="concat(年度, '年推動性別平等工作成果報告')"/>
    </fo:block>
    <fo:block text-align="center" space-after="8pt" keep-with-next="always"><xsl:copy-of select="@gr:line"/>
      <xsl:call-template name="roc-date">
        <xsl:with-param name="d" select="核定/日期"/>
        <xsl:with-param name="style" select="'cn'"/>
      </xsl:call-template>
      <xsl:text>經</xsl:text><xsl:apply-templates select="核定/機制" mode="field"/><xsl:text>決議通過</xsl:text>
    </fo:block>
    <fo:block font-size="13pt" font-weight="bold" space-after="4pt" keep-with-next="always"><xsl:copy-of select="@gr:line"/>
      <xsl:value-of select="concat('■組別：', normalize-space(組別))"/>
    </fo:block>
  </xsl:template>

  <!-- 性平聯絡人: label and 任務 merged over all rows -->
  <xsl:template name="contacts">
    <xsl:variable name="n" select="count(性平聯絡人/聯絡人)"/>
    <fo:table xsl:use-attribute-sets="table"><xsl:copy-of select="@gr:line"/>
      <fo:table-column column-width="proportional-column-width(2.4)"/>
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(2.6)"/>
      <fo:table-column column-width="proportional-column-width(7)"/>
      <fo:table-header><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="''"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'姓名'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'科室'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'職稱'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'任務'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body><xsl:copy-of select="@gr:line"/>
        <xsl:for-each select="性平聯絡人/聯絡人">
          <fo:table-row><xsl:copy-of select="@gr:line"/>
            <xsl:if test="position() = 1">
              <fo:table-cell xsl:use-attribute-sets="cell-c" number-rows-spanned="{$n}"><xsl:copy-of select="@gr:line"/>
                <fo:block><xsl:copy-of select="@gr:line"/>性平聯絡人</fo:block>
              </fo:table-cell>
            </xsl:if>
            <fo:table-cell xsl:use-attribute-sets="cell-c"><xsl:copy-of select="@gr:line"/>
              <fo:block><xsl:copy-of select="@gr:line"/><xsl:apply-templates select="姓名" mode="inline"/></fo:block>
            </fo:table-cell>
            <xsl:call-template name="text-cell">
              <xsl:with-param name="of" select="科室"/>
              <xsl:with-param name="align" select="'center'"/>
            </xsl:call-template>
            <xsl:call-template name="text-cell">
              <xsl:with-param name="of" select="職稱"/>
              <xsl:with-param name="align" select="'center'"/>
            </xsl:call-template>
            <xsl:if test="position() = 1">
              <fo:table-cell xsl:use-attribute-sets="cell" number-rows-spanned="{$n}"><xsl:copy-of select="@gr:line"/>
                <xsl:call-template name="contact-tasks"/>
              </fo:table-cell>
            </xsl:if>
          </fo:table-row>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template name="contact-tasks">
    <fo:block><xsl:copy-of select="@gr:line"/>1. 熟悉本府性別主流化總計畫。</fo:block>
    <fo:block><xsl:copy-of select="@gr:line"/>2. 具性別平等知能，協助單位及同仁落實性別主流化暨推展性別平等工作。</fo:block>
  </xsl:template>

  <!-- 一、本年度機關推動性別平等之特色或亮點： -->
  <xsl:template name="highlight">
    <fo:block xsl:use-attribute-sets="h1" id="sec-1"><xsl:copy-of select="@gr:line"/><xsl:value-of select="$form/sections/section[@id = 'sec-1']/@title"/></fo:block>
    <xsl:call-template name="body">
      <xsl:with-param name="of" select="亮點"/>
      <xsl:with-param name="empty" select="'無'"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  closing.xsl — 八、其他相關成果 (「無」 when absent or empty) and
  九、未來推展性別主流化之重點項目及精進作為 (intro and table; a row of
  「無」 and empty cells when nothing is planned, as the form's 「1. 無」 rows).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:gr="urn:x-gereport:source">

  <xsl:template name="other-results">
    <fo:block xsl:use-attribute-sets="h1" id="sec-8"><xsl:copy-of select="@gr:line"/><xsl:value-of select="$form/sections/section[@id = 'sec-8']/@title"/></fo:block>
    <xsl:call-template name="body">
      <xsl:with-param name="of" select="其他成果"/>
      <xsl:with-param name="empty" select="'無'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="future">
    <fo:block xsl:use-attribute-sets="h1" id="sec-9"><xsl:copy-of select="@gr:line"/><xsl:value-of select="$form/sections/section[@id = 'sec-9']/@title"/></fo:block>
    <fo:block xsl:use-attribute-sets="para" keep-with-next="always"><xsl:copy-of select="@gr:line"/>各執行辦理單位於下年度，為深化內部執行業務過程中深化性別主流化概念，或透過業務促進政府機關內部或民間社會性別平等的相關措施與作為。(請擇重點填寫，若無則免填。)</fo:block>
    <fo:table xsl:use-attribute-sets="table"><xsl:copy-of select="@gr:line"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(4.5)"/>
      <fo:table-column column-width="proportional-column-width(5.5)"/>
      <fo:table-column column-width="proportional-column-width(4.5)"/>
      <fo:table-header><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'重點項目或方案名稱'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'現況說明'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'具體策略'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'預期效益'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body><xsl:copy-of select="@gr:line"/>
        <xsl:for-each select="精進作為/重點項目">
          <fo:table-row><xsl:copy-of select="@gr:line"/>
            <fo:table-cell xsl:use-attribute-sets="cell" display-align="before"><xsl:copy-of select="@gr:line"/>
              <fo:block><xsl:copy-of select="@gr:line"/><xsl:apply-templates select="名稱" mode="field"/></fo:block>
            </fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cell" display-align="before"><xsl:copy-of select="@gr:line"/>
              <xsl:call-template name="cell-body"><xsl:with-param name="of" select="現況說明"/></xsl:call-template>
            </fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cell" display-align="before"><xsl:copy-of select="@gr:line"/>
              <xsl:call-template name="cell-body"><xsl:with-param name="of" select="具體策略"/></xsl:call-template>
            </fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cell" display-align="before"><xsl:copy-of select="@gr:line"/>
              <xsl:call-template name="cell-body"><xsl:with-param name="of" select="預期效益"/></xsl:call-template>
            </fo:table-cell>
          </fo:table-row>
        </xsl:for-each>
        <xsl:if test="not(精進作為/重點項目)">
          <fo:table-row><xsl:copy-of select="@gr:line"/>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="'無'"/></xsl:call-template>
            <xsl:call-template name="empty-cell"/>
            <xsl:call-template name="empty-cell"/>
            <xsl:call-template name="empty-cell"/>
          </fo:table-row>
        </xsl:if>
      </fo:table-body>
    </fo:table>
  </xsl:template>

</xsl:stylesheet>

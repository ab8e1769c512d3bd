<?xml version="1.0" encoding="UTF-8"?>
<!--
  committee.xsl — 二、性別平等專案小組: (一) 成員, (二) 運作情形, attachments;
  or, for a D1組/E1組 file naming its 主責機關, one sentence saying the lead
  agency supplies this section.
  Computed figures (computed.md): 成員/總人數, 成員/外聘委員總人數,
  成員/單一性別比例, 會議/會議編號, 會議/出席比率.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:gr="urn:x-gereport:source">

  <xsl:template match="專案小組">
    <fo:block xsl:use-attribute-sets="h1" id="sec-2"><xsl:copy-of select="@gr:line"/><xsl:value-of select="$form/sections/section[@id = 'sec-2']/@title"/></fo:block>
    <xsl:choose>
      <xsl:when test="主責機關">
        <!-- D1組/E1組: the lead agency supplies this section (004:L20) -->
        <fo:block space-before="4pt"><xsl:copy-of select="主責機關/@gr:line"/>本機關屬<xsl:value-of select="../組別"/>，性別平等專案小組資料由主責機關<xsl:apply-templates select="主責機關" mode="field"/>提供。</fo:block>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="成員"/>
        <xsl:apply-templates select="運作情形"/>
        <fo:block space-before="4pt"><xsl:copy-of select="@gr:line"/>●附件1：性別平等專案小組開會情形一覽表</fo:block>
        <fo:block><xsl:copy-of select="@gr:line"/>●附件2：性別平等專案小組辦理情形一覽表</fo:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- (一) 成員 -->
  <xsl:template match="成員">
    <xsl:variable name="total">
      <xsl:call-template name="fig">
        <xsl:with-param name="name" select="'總人數'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="ext">
      <xsl:call-template name="fig">
        <xsl:with-param name="name" select="'外聘委員總人數'"/>
      </xsl:call-template>
    </xsl:variable>
    <fo:block xsl:use-attribute-sets="h2"><xsl:copy-of select="@gr:line"/>(一) 成員</fo:block>
    <fo:table xsl:use-attribute-sets="table"><xsl:copy-of select="@gr:line"/>
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-column column-width="proportional-column-width(3.4)" number-columns-repeated="3"/>
      <fo:table-column column-width="proportional-column-width(2.4)"/>
      <fo:table-column column-width="proportional-column-width(3.4)"/>
      <fo:table-header><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="''"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'總人數'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'男性人數'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'女性人數'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'(較低者) 單一性別比例'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'無法達到單一性別三分之一以上者請說明原因'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="text-cell">
            <xsl:with-param name="text" select="'全體委員'"/>
            <xsl:with-param name="align" select="'center'"/>
          </xsl:call-template>
          <xsl:call-template name="member-cell">
            <xsl:with-param name="n" select="$total"/>
            <xsl:with-param name="ext" select="$ext"/>
          </xsl:call-template>
          <xsl:call-template name="member-cell">
            <xsl:with-param name="n" select="人數/男"/>
            <xsl:with-param name="ext" select="外聘委員/男"/>
          </xsl:call-template>
          <xsl:call-template name="member-cell">
            <xsl:with-param name="n" select="人數/女"/>
            <xsl:with-param name="ext" select="外聘委員/女"/>
          </xsl:call-template>
          <xsl:call-template name="text-cell">
            <xsl:with-param name="text">
              <xsl:call-template name="fig">
                <xsl:with-param name="name" select="'單一性別比例'"/>
              </xsl:call-template>
            </xsl:with-param>
            <xsl:with-param name="align" select="'center'"/>
          </xsl:call-template>
          <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
            <xsl:call-template name="cell-body"><xsl:with-param name="of" select="未達三分之一原因"/></xsl:call-template>
          </fo:table-cell>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- 「6人」 over 「(含1名外聘委員)」 -->
  <xsl:template name="member-cell">
    <xsl:param name="n"/>
    <xsl:param name="ext"/>
    <fo:table-cell xsl:use-attribute-sets="cell-c"><xsl:copy-of select="@gr:line"/>
      <fo:block><xsl:copy-of select="@gr:line"/><xsl:value-of select="concat(normalize-space($n), '人')"/></fo:block>
      <fo:block><xsl:copy-of select="@gr:line"/><xsl:value-of select="concat('(含', normalize-space($ext), '名外聘委員)')"/></fo:block>
    </fo:table-cell>
  </xsl:template>

  <!-- (二) 運作情形 -->
  <xsl:template match="運作情形">
    <fo:block xsl:use-attribute-sets="h2"><xsl:copy-of select="@gr:line"/>(二) 運作情形</fo:block>
    <fo:table xsl:use-attribute-sets="table"><xsl:copy-of select="@gr:line"/>
      <fo:table-column column-width="proportional-column-width(1.7)"/>
      <fo:table-column column-width="proportional-column-width(1.3)" number-columns-repeated="4"/>
      <fo:table-column column-width="proportional-column-width(3.2)"/>
      <fo:table-column column-width="proportional-column-width(4.4)"/>
      <fo:table-header><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="''"/><xsl:with-param name="rows" select="2"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'會議主席 (請勾選。填報「其他」者，請提供職稱。)'"/><xsl:with-param name="cols" select="4"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'全體委員出席比率(%) (代理出席仍可列計)'"/><xsl:with-param name="rows" select="2"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'專家學者委員出席者 (請填報姓名)'"/><xsl:with-param name="rows" select="2"/></xsl:call-template>
        </fo:table-row>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'首長'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'副首長'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'主秘'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'其他'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body><xsl:copy-of select="@gr:line"/>
        <xsl:for-each select="會議">
          <fo:table-row keep-together.within-page="always"><xsl:copy-of select="@gr:line"/>
            <xsl:call-template name="text-cell">
              <xsl:with-param name="text">
                <xsl:call-template name="fig">
                  <xsl:with-param name="name" select="'會議編號'"/>
                </xsl:call-template>
              </xsl:with-param>
              <xsl:with-param name="align" select="'center'"/>
            </xsl:call-template>
            <xsl:call-template name="chair-mark"><xsl:with-param name="v" select="'首長'"/></xsl:call-template>
            <xsl:call-template name="chair-mark"><xsl:with-param name="v" select="'副首長'"/></xsl:call-template>
            <xsl:call-template name="chair-mark"><xsl:with-param name="v" select="'主秘'"/></xsl:call-template>
            <xsl:call-template name="chair-mark"><xsl:with-param name="v" select="'其他'"/></xsl:call-template>
            <xsl:call-template name="text-cell">
              <xsl:with-param name="text">
                <xsl:call-template name="fig">
                  <xsl:with-param name="name" select="'出席比率'"/>
                </xsl:call-template>
              </xsl:with-param>
              <xsl:with-param name="align" select="'center'"/>
            </xsl:call-template>
            <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
              <fo:block><xsl:copy-of select="@gr:line"/>
                <xsl:call-template name="names">
                  <xsl:with-param name="list" select="專家學者出席者/姓名"/>
                </xsl:call-template>
              </fo:block>
            </fo:table-cell>
          </fo:table-row>
        </xsl:for-each>
        <xsl:if test="not(會議)">
          <fo:table-row><xsl:copy-of select="@gr:line"/>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="'無'"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <xsl:call-template name="empty-cell"><xsl:with-param name="cols" select="6"/></xsl:call-template>
          </fo:table-row>
        </xsl:if>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- V under the chair's column; 其他 adds the title below the V -->
  <xsl:template name="chair-mark">
    <xsl:param name="v"/>
    <fo:table-cell xsl:use-attribute-sets="cell-c"><xsl:copy-of select="@gr:line"/>
      <fo:block><xsl:copy-of select="@gr:line"/>
        <xsl:if test="normalize-space(主席) = $v">V</xsl:if>
      </fo:block>
      <xsl:if test="$v = '其他' and normalize-space(主席) = '其他'">
        <fo:block font-size="9pt"><xsl:copy-of select="@gr:line"/><xsl:apply-templates select="主席職稱" mode="field"/></fo:block>
      </xsl:if>
    </fo:table-cell>
  </xsl:template>

</xsl:stylesheet>

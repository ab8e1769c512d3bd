<?xml version="1.0" encoding="UTF-8"?>
<!--
  strategy.xsl — 七、推展性別平等工作策略及具體措施類別及項目: the group rules,
  and the grid 類別 | 項目 | entries, with the wording of the 112 form
  (109–112 master plan, item (一)1 already renamed, footnote ¹).

  The wording comes from the form data ($form: form.xml beside the form's
  results.xsl, docs/form-data.md) through the named templates below:
    strategy-category-title(c)      category title, c = 1…6
    strategy-item-count(c)          number of items of category c
    strategy-item-text(c, i)        item text without its number
    strategy-item-footnote(c, i)    page-foot note of an item ('' = none)
    strategy-item-label(i)          「1、」
    strategy-group-rules            intro and the minimums per 組別
  Data: <措施 類別="一" 項目="1">entry</措施>, several per item allowed
  (printed 「1. … 2. …」).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:gr="urn:x-gereport:source">

  <xsl:template name="strategy">
    <xsl:for-each select="策略及具體措施/措施">
      <xsl:variable name="c">
        <xsl:call-template name="cn-digit-value"><xsl:with-param name="c" select="@類別"/></xsl:call-template>
      </xsl:variable>
      <xsl:variable name="n">
        <xsl:call-template name="strategy-item-count"><xsl:with-param name="c" select="number($c)"/></xsl:call-template>
      </xsl:variable>
      <xsl:if test="number(@項目) &gt; number($n)">
        <xsl:message terminate="yes">成果報告：&lt;措施 類別="<xsl:value-of select="@類別"/>" 項目="<xsl:value-of select="@項目"/>"&gt; 不在本年度表單內（類別(<xsl:value-of select="@類別"/>)只有 <xsl:value-of select="$n"/> 項）/ results form: &lt;措施&gt; item <xsl:value-of select="@項目"/> does not exist in category <xsl:value-of select="$c"/> of this form year (it has <xsl:value-of select="$n"/> items)</xsl:message>
      </xsl:if>
    </xsl:for-each>

    <fo:block xsl:use-attribute-sets="h1" id="sec-7"><xsl:copy-of select="@gr:line"/><xsl:value-of select="$form/sections/section[@id = 'sec-7']/@title"/></fo:block>
    <xsl:call-template name="strategy-group-rules"/>
    <fo:table xsl:use-attribute-sets="table"><xsl:copy-of select="@gr:line"/>
      <fo:table-column column-width="proportional-column-width(4.2)"/>
      <fo:table-column column-width="proportional-column-width(6.4)"/>
      <fo:table-column column-width="proportional-column-width(6.4)"/>
      <fo:table-header><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'類別'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'項目'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'請依序填入年度辦理該類別項目之政策、方案、措施或計畫名稱；若該類別項目無，則空白即可。 (填寫本欄者，應於「成果佐證」描述性別平等關聯性。)'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body><xsl:copy-of select="@gr:line"/>
        <xsl:call-template name="strategy-categories"><xsl:with-param name="c" select="1"/></xsl:call-template>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template name="strategy-categories">
    <xsl:param name="c"/>
    <xsl:if test="$c &lt;= 6">
      <xsl:variable name="n">
        <xsl:call-template name="strategy-item-count"><xsl:with-param name="c" select="$c"/></xsl:call-template>
      </xsl:variable>
      <xsl:call-template name="strategy-items">
        <xsl:with-param name="c" select="$c"/>
        <xsl:with-param name="i" select="1"/>
        <xsl:with-param name="n" select="number($n)"/>
      </xsl:call-template>
      <xsl:call-template name="strategy-categories"><xsl:with-param name="c" select="$c + 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="strategy-items">
    <xsl:param name="c"/>
    <xsl:param name="i"/>
    <xsl:param name="n"/>
    <xsl:if test="$i &lt;= $n">
      <xsl:variable name="cn" select="substring('一二三四五六', $c, 1)"/>
      <xsl:variable name="entries" select="策略及具體措施/措施[@類別 = $cn and number(@項目) = $i]"/>
      <fo:table-row><xsl:copy-of select="@gr:line"/>
        <xsl:if test="$i = 1">
          <!-- on a page its rows go on to, the category cell says whose
               rows they are: 「(二)（續）」 (layout: gr:continued) -->
          <fo:table-cell xsl:use-attribute-sets="cell" number-rows-spanned="{$n}" display-align="before"
                         gr:continued="({$cn})（續）"><xsl:copy-of select="@gr:line"/>
            <fo:block><xsl:copy-of select="@gr:line"/>
              <xsl:call-template name="category-heading"><xsl:with-param name="c" select="$c"/></xsl:call-template>
            </fo:block>
          </fo:table-cell>
        </xsl:if>
        <fo:table-cell xsl:use-attribute-sets="cell" display-align="before"><xsl:copy-of select="@gr:line"/>
          <fo:block text-align="justify"><xsl:copy-of select="@gr:line"/>
            <xsl:call-template name="strategy-item-label"><xsl:with-param name="i" select="$i"/></xsl:call-template>
            <xsl:call-template name="strategy-item-with-note">
              <xsl:with-param name="c" select="$c"/>
              <xsl:with-param name="i" select="$i"/>
            </xsl:call-template>
          </fo:block>
        </fo:table-cell>
        <fo:table-cell xsl:use-attribute-sets="cell" display-align="before"><xsl:copy-of select="@gr:line"/>
          <xsl:choose>
            <xsl:when test="count($entries) = 1">
              <xsl:call-template name="cell-body"><xsl:with-param name="of" select="$entries"/></xsl:call-template>
            </xsl:when>
            <xsl:when test="$entries">
              <fo:list-block provisional-distance-between-starts="1.3em" provisional-label-separation="0.2em"><xsl:copy-of select="@gr:line"/>
                <xsl:for-each select="$entries">
                  <fo:list-item><xsl:copy-of select="@gr:line"/>
                    <fo:list-item-label end-indent="label-end()"><xsl:copy-of select="@gr:line"/><fo:block><xsl:copy-of select="@gr:line"/><xsl:value-of select="concat(position(), '.')"/></fo:block></fo:list-item-label>
                    <fo:list-item-body start-indent="body-start()"><xsl:copy-of select="@gr:line"/>
                      <xsl:call-template name="cell-body"/>
                    </fo:list-item-body>
                  </fo:list-item>
                </xsl:for-each>
              </fo:list-block>
            </xsl:when>
            <xsl:otherwise><fo:block/></xsl:otherwise>
          </xsl:choose>
        </fo:table-cell>
      </fo:table-row>
      <xsl:call-template name="strategy-items">
        <xsl:with-param name="c" select="$c"/>
        <xsl:with-param name="i" select="$i + 1"/>
        <xsl:with-param name="n" select="$n"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- 「(一) 針對本府重要性別平等議題…之一」 (also the evidence headings) -->
  <xsl:template name="category-heading">
    <xsl:param name="c"/>
    <xsl:value-of select="concat('(', substring('一二三四五六', $c, 1), ') ')"/>
    <xsl:call-template name="strategy-category-title"><xsl:with-param name="c" select="$c"/></xsl:call-template>
  </xsl:template>

  <!-- item text; an item with a page-foot note gets ¹ before its final 。 -->
  <xsl:template name="strategy-item-with-note">
    <xsl:param name="c"/>
    <xsl:param name="i"/>
    <xsl:variable name="text">
      <xsl:call-template name="strategy-item-text">
        <xsl:with-param name="c" select="$c"/>
        <xsl:with-param name="i" select="$i"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="note">
      <xsl:call-template name="strategy-item-footnote">
        <xsl:with-param name="c" select="$c"/>
        <xsl:with-param name="i" select="$i"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string($note) != ''">
        <xsl:variable name="t" select="string($text)"/>
        <xsl:variable name="has-stop" select="substring($t, string-length($t)) = '。'"/>
        <xsl:value-of select="substring($t, 1, string-length($t) - number($has-stop))"/>
        <fo:footnote>
          <fo:inline>¹</fo:inline>
          <fo:footnote-body>
            <fo:block font-size="9pt" line-height="1.35" text-align="justify" font-weight="normal"><xsl:copy-of select="@gr:line"/>
              <xsl:value-of select="concat('¹', $note)"/>
            </fo:block>
          </fo:footnote-body>
        </fo:footnote>
        <xsl:if test="$has-stop">。</xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================ wording: the form data ($form, form.xml) -->
  <xsl:template name="strategy-group-rules">
    <fo:block keep-with-next="always"><xsl:copy-of select="@gr:line"/><xsl:value-of select="$form/groups/@intro"/></fo:block>
    <xsl:variable name="last-cn" select="substring('一二三四五六七八九', count($form/categories/category), 1)"/>
    <xsl:variable name="here" select="."/>
    <xsl:for-each select="$form/groups/group">
      <fo:block start-indent="1em"><xsl:copy-of select="$here/@gr:line"/>
        <xsl:choose>
          <xsl:when test="position() = last()"><xsl:attribute name="space-after">3pt</xsl:attribute></xsl:when>
          <xsl:otherwise><xsl:attribute name="keep-with-next">always</xsl:attribute></xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="concat('(', substring('一二三四五六七八九', position(), 1), ') ',
            translate(normalize-space(@names), ' ', '、'), '：下開(一)至(', $last-cn, ')類，每年至少辦理',
            @categories, '類，總計至少', @items, '項以上。')"/>
      </fo:block>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="strategy-item-label">
    <xsl:param name="i"/>
    <xsl:value-of select="concat($i, '、')"/>
  </xsl:template>

  <xsl:template name="strategy-category-title">
    <xsl:param name="c"/>
    <xsl:value-of select="$form/categories/category[position() = $c]/@title"/>
  </xsl:template>

  <xsl:template name="strategy-item-count">
    <xsl:param name="c"/>
    <xsl:value-of select="count($form/categories/category[position() = $c]/item)"/>
  </xsl:template>

  <xsl:template name="strategy-item-footnote">
    <xsl:param name="c"/>
    <xsl:param name="i"/>
    <xsl:value-of select="$form/categories/category[position() = $c]/item[position() = $i]/@footnote"/>
  </xsl:template>

  <xsl:template name="strategy-item-text">
    <xsl:param name="c"/>
    <xsl:param name="i"/>
    <xsl:value-of select="$form/categories/category[position() = $c]/item[position() = $i]"/>
  </xsl:template>

</xsl:stylesheet>

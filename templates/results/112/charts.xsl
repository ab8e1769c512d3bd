<?xml version="1.0" encoding="UTF-8"?>
<!--
  charts.xsl — bar and pie charts drawn as SVG (the subset of docs/DESIGN.md:
  svg, g, rect, line, path with M L A Z, text with x/y/text-anchor/font-size/
  fill) inside fo:instream-foreign-object. Chart values (axis scale, bar
  heights, slice angles, percentages) are computed here from the counts of
  the <組> elements; sine and cosine by a Taylor series (XSLT 1.0 has none).
  Colours: 男 #5B9BD5, 女 #F4B183, 其他 #BFBFBF.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:gr="urn:x-gereport:source"
    xmlns:svg="http://www.w3.org/2000/svg">

  <xsl:variable name="chart-font" select="'標楷體, TW-Kai'"/>
  <xsl:variable name="pi" select="3.14159265358979"/>

  <xsl:template name="series-color">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 1">#5B9BD5</xsl:when>
      <xsl:when test="$s = 2">#F4B183</xsl:when>
      <xsl:otherwise>#BFBFBF</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a number for an SVG attribute: at most 2 decimals -->
  <xsl:template name="n">
    <xsl:param name="v"/>
    <xsl:value-of select="format-number($v, '0.##')"/>
  </xsl:template>

  <!-- ================================================ bar chart -->
  <!-- grouped bars, one group per <組>, series 男, 女 (and 其他 when any
       group has a non-zero 其他). Every value label stands right over its
       own bar (docs/layout.md §4.2): the widest one, estimated (digits
       0.5 em, commas 0.28 em), over its bar at 7.5pt when it fits the bar,
       else centred in the bar's share of the group (group width / series)
       at 7.5pt or 7pt. When the groups are too many for that, the chart is
       drawn in rows of fewer groups (as many as let the labels fit, the
       rows as even as can be), all on the same value axis, each row an SVG
       of its own (so the chart may break between rows: chart-rows gives
       every part the legend and the caption). Called in the context of the
       chart's element (its gr:line). -->
  <xsl:template name="bar-chart">
    <xsl:param name="groups"/>
    <xsl:variable name="ns" select="2 + number(sum($groups/其他) &gt; 0)"/>
    <xsl:variable name="ng" select="count($groups)"/>
    <xsl:variable name="max">
      <xsl:for-each select="$groups/男 | $groups/女 | $groups/其他">
        <xsl:sort select="number(.)" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="number(.)"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="step">
      <xsl:call-template name="nice-step">
        <xsl:with-param name="max" select="number($max) * number(number($max) &gt; 0) + number(not(number($max) &gt; 0))"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="top-value" select="ceiling(number($max) div $step) * $step + $step * number(not(number($max) &gt; 0))"/>
    <xsl:variable name="maxlabel" select="format-number(number($max) * number(number($max) &gt; 0), '#,##0')"/>
    <xsl:variable name="label-em" select="0.5 * string-length(translate($maxlabel, ',', '')) + 0.28 * (string-length($maxlabel) - string-length(translate($maxlabel, ',', '')))"/>
    <!-- the most groups a row can hold with the labels at 7pt in their
         share of the group (plot 378pt wide), at least one -->
    <!-- (when a group's middle bar, 女, has a taller bar on either side,
         where its label could not move: as many as let each label fit its
         own bar at 7pt, the bars widened up to 86% of the group) -->
    <xsl:variable name="fit">
      <xsl:choose>
        <xsl:when test="$ns = 3 and $groups[number(男) &gt; number(女) and sum(其他) &gt; number(女)]"><xsl:value-of select="floor(378 * 0.86 div (3 * (7 * $label-em + 1)))"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="floor(378 * 0.92 div ($ns * 7 * $label-em))"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <!-- and as many as let every category name keep its widest word whole
         at 7pt in the group's width (a name's words are wrapped, never
         broken: 「印尼 / （Indonesia）」) -->
    <xsl:variable name="word-em">
      <xsl:for-each select="$groups">
        <xsl:variable name="w"><xsl:call-template name="widest-word-em"><xsl:with-param name="s" select="normalize-space(名稱)"/></xsl:call-template></xsl:variable>
        <xsl:value-of select="concat(format-number($w, '000.00'), ' ')"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="fit-words">
      <xsl:call-template name="max-of">
        <xsl:with-param name="list" select="string($word-em)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="fit-names" select="floor(378 div (7 * number($fit-words) + 6))"/>
    <xsl:variable name="fit-all" select="$fit * number($fit &lt;= $fit-names) + $fit-names * number($fit &gt; $fit-names)"/>
    <xsl:variable name="rows" select="ceiling($ng div ($fit-all * number($fit-all &gt;= 1) + number($fit-all &lt; 1)))"/>
    <xsl:variable name="per-row" select="ceiling($ng div $rows)"/>
    <xsl:variable name="bars">
      <xsl:call-template name="bar-row">
        <xsl:with-param name="k" select="0"/>
        <xsl:with-param name="rows" select="$rows"/>
        <xsl:with-param name="per-row" select="$per-row"/>
        <xsl:with-param name="groups" select="$groups"/>
        <xsl:with-param name="ns" select="$ns"/>
        <xsl:with-param name="step" select="$step"/>
        <xsl:with-param name="top-value" select="$top-value"/>
        <xsl:with-param name="label-em" select="$label-em"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="chart-rows">
      <xsl:with-param name="rows" select="$rows"/>
      <xsl:with-param name="content" select="$bars"/>
      <xsl:with-param name="legend-x" select="430 - 62 * $ns"/>
      <xsl:with-param name="ns" select="$ns"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The widest piece of $s a line cannot break, in em (an estimate, for
       the number of groups a row): a run of Latin letters and digits (at
       about their widths) with the brackets that hold on to it
       (「（Indonesia）」);
       a Han character (1 em) may end a line, a space ends a piece. -->
  <xsl:variable name="word-letters" select="concat('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-.,@_/&amp;%#:', &quot;'·&quot;, $latin-letters)"/>
  <xsl:template name="widest-word-em">
    <xsl:param name="s"/>
    <xsl:param name="cur" select="0"/>
    <xsl:param name="best" select="0"/>
    <xsl:variable name="c" select="substring($s, 1, 1)"/>
    <xsl:choose>
      <xsl:when test="$s = ''">
        <xsl:value-of select="$best * number($best &gt;= $cur) + $cur * number($cur &gt; $best)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="latin" select="translate($c, $word-letters, '') = ''"/>
        <!-- its width in em, near the Latin face's: capitals 0.65, small
             letters 0.45, digits and accented letters 0.5, signs 0.4 -->
        <xsl:variable name="em">
          <xsl:choose>
            <xsl:when test="contains('ABCDEFGHIJKLMNOPQRSTUVWXYZ', $c)">0.65</xsl:when>
            <xsl:when test="contains('abcdefghijklmnopqrstuvwxyz', $c)">0.45</xsl:when>
            <xsl:when test="contains(concat('0123456789', $latin-letters), $c)">0.5</xsl:when>
            <xsl:otherwise>0.4</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="open" select="contains('（(「『［[〔【〈《', $c)"/>
        <xsl:variable name="close" select="contains('）)」』］]〕】〉》、，。：；！？', $c)"/>
        <!-- the piece so far with this character, and what is left of it after -->
        <xsl:variable name="with">
          <xsl:choose>
            <xsl:when test="$c = ' '"><xsl:value-of select="$cur"/></xsl:when>
            <xsl:when test="$latin"><xsl:value-of select="$cur + $em"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$cur + 1"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="next">
          <xsl:choose>
            <xsl:when test="$latin"><xsl:value-of select="$with"/></xsl:when>
            <xsl:when test="$open"><xsl:value-of select="1"/></xsl:when>
            <xsl:otherwise>0</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="ended" select="number($with) * number(not($latin) and not($open)) + $cur * number($open)"/>
        <xsl:call-template name="widest-word-em">
          <xsl:with-param name="s" select="substring($s, 2)"/>
          <xsl:with-param name="cur" select="$next"/>
          <xsl:with-param name="best" select="$best * number($best &gt;= $ended) + $ended * number($ended &gt; $best)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the largest of a list of numbers "a b c " -->
  <xsl:template name="max-of">
    <xsl:param name="list"/>
    <xsl:param name="best" select="0"/>
    <xsl:choose>
      <xsl:when test="normalize-space($list) = ''"><xsl:value-of select="$best"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="v" select="number(substring-before(concat(normalize-space($list), ' '), ' '))"/>
        <xsl:call-template name="max-of">
          <xsl:with-param name="list" select="substring-after(concat(normalize-space($list), ' '), ' ')"/>
          <xsl:with-param name="best" select="$best * number($best &gt;= $v) + $v * number($v &gt; $best)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A chart's rows (blocks, one SVG each) and its caption. One row: the
       block (legend inside) and the caption below, kept with it. Several
       rows: a borderless table of one column that may break between rows
       (docs/layout.md §4.2), with the legend as its header and the caption
       as its footer, which the layout repeats on every part: each part of
       the chart on a page has its legend and its caption, 「（續）」 after the
       first (evidence.xsl caption-footer). The rows (as table rows then:
       chart-row) leave their legend to the header. Called in the context
       of the chart's element. -->
  <xsl:template name="chart-row">
    <xsl:param name="rows"/>
    <xsl:param name="block"/>
    <xsl:choose>
      <xsl:when test="$rows &lt;= 1"><xsl:copy-of select="$block"/></xsl:when>
      <xsl:otherwise>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <fo:table-cell><xsl:copy-of select="@gr:line"/>
            <xsl:copy-of select="$block"/>
          </fo:table-cell>
        </fo:table-row>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="chart-rows">
    <xsl:param name="rows"/>
    <xsl:param name="content"/>
    <xsl:param name="legend-x"/>
    <xsl:param name="ns"/>
    <xsl:choose>
      <xsl:when test="$rows &lt;= 1">
        <xsl:copy-of select="$content"/>
        <xsl:call-template name="caption-below"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- each chart row is a whole figure, its part carrying the legend
             and the caption: the last row may close a part alone (widows
             1, review T24); a chart still opens at a page foot with two
             rows unless that leaves the page under 60% (orphans 2) -->
        <fo:table table-layout="fixed" width="100%" space-before="6pt" space-after="8pt" widows="1"><xsl:copy-of select="@gr:line"/>
          <fo:table-column column-width="100%"/>
          <fo:table-header><xsl:copy-of select="@gr:line"/>
            <fo:table-row><xsl:copy-of select="@gr:line"/>
              <fo:table-cell><xsl:copy-of select="@gr:line"/>
                <fo:block text-align="center" line-height="1"><xsl:copy-of select="@gr:line"/>
                  <fo:instream-foreign-object><xsl:copy-of select="@gr:line"/>
                    <svg:svg width="440pt" height="16pt" viewBox="0 0 440 16">
                      <xsl:call-template name="legend">
                        <xsl:with-param name="x" select="$legend-x"/>
                        <xsl:with-param name="y" select="3"/>
                        <xsl:with-param name="ns" select="$ns"/>
                      </xsl:call-template>
                    </svg:svg>
                  </fo:instream-foreign-object>
                </fo:block>
              </fo:table-cell>
            </fo:table-row>
          </fo:table-header>
          <xsl:call-template name="caption-footer"/>
          <fo:table-body><xsl:copy-of select="@gr:line"/>
            <xsl:copy-of select="$content"/>
          </fo:table-body>
        </fo:table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- row $k (from 0) of a bar chart, then the rows after it -->
  <xsl:template name="bar-row">
    <xsl:param name="k"/>
    <xsl:param name="rows"/>
    <xsl:param name="per-row"/>
    <xsl:param name="groups"/>
    <xsl:param name="ns"/>
    <xsl:param name="step"/>
    <xsl:param name="top-value"/>
    <xsl:param name="label-em"/>
    <xsl:variable name="left" select="52"/>
    <xsl:variable name="right" select="430"/>
    <xsl:variable name="bottom" select="206"/>
    <xsl:variable name="top" select="34"/>
    <xsl:variable name="row" select="$groups[position() &gt; $k * $per-row and position() &lt;= ($k + 1) * $per-row]"/>
    <xsl:variable name="gw" select="($right - $left) div $per-row"/>
    <!-- a shorter last row is centred -->
    <xsl:variable name="x-start" select="$left + ($per-row - count($row)) * $gw div 2"/>
    <!-- bars 70% of their group, widened (up to 86%) to carry the widest
         value label at 7.5pt, else at 7pt, right over each bar -->
    <xsl:variable name="bw0" select="$gw * 0.7 div $ns"/>
    <xsl:variable name="bw-max" select="$gw * 0.86 div $ns"/>
    <xsl:variable name="bw-want">
      <xsl:choose>
        <xsl:when test="7.5 * $label-em + 1 &lt;= $bw-max"><xsl:value-of select="7.5 * $label-em + 1"/></xsl:when>
        <xsl:when test="7 * $label-em + 1 &lt;= $bw-max"><xsl:value-of select="7 * $label-em + 1"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$bw-max"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="bw" select="$bw0 * number($bw0 &gt;= $bw-want) + $bw-want * number($bw0 &lt; $bw-want)"/>
    <xsl:variable name="slot" select="$gw div $ns"/>
    <xsl:variable name="label-mode">
      <xsl:choose>
        <xsl:when test="7.5 * $label-em &lt;= $bw">bar</xsl:when>
        <xsl:when test="7 * $label-em &lt;= $bw">bar7</xsl:when>
        <xsl:when test="7.5 * $label-em &lt;= $slot * 0.92">slot</xsl:when>
        <xsl:otherwise>slot7</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="block">
    <fo:block text-align="center"><xsl:copy-of select="@gr:line"/>
      <xsl:if test="$rows = 1">
        <xsl:attribute name="space-before">6pt</xsl:attribute>
        <xsl:attribute name="keep-with-next">always</xsl:attribute>
      </xsl:if>
      <fo:instream-foreign-object><xsl:copy-of select="@gr:line"/>
        <!-- (several rows: the legend is the table's header, so the band
             above the plot keeps only the value labels over the tallest
             bars: 12pt of it) -->
        <svg:svg width="440pt" height="236pt" viewBox="0 0 440 236">
          <xsl:if test="$rows &gt; 1">
            <xsl:attribute name="height">214pt</xsl:attribute>
            <xsl:attribute name="viewBox">0 22 440 214</xsl:attribute>
          </xsl:if>
          <!-- grid lines and axis labels -->
          <xsl:call-template name="bar-grid">
            <xsl:with-param name="v" select="0"/>
            <xsl:with-param name="step" select="$step"/>
            <xsl:with-param name="top-value" select="$top-value"/>
            <xsl:with-param name="left" select="$left"/>
            <xsl:with-param name="right" select="$right"/>
            <xsl:with-param name="top" select="$top"/>
            <xsl:with-param name="bottom" select="$bottom"/>
          </xsl:call-template>
          <svg:line x1="{$left}" y1="{$top}" x2="{$left}" y2="{$bottom}" stroke="#000000" stroke-width="0.8"/>
          <!-- bars; the category names under them all at one size (the
               size the hardest needs: gr:same-size, docs/svg-subset.md §4) -->
          <svg:g gr:same-size="true">
          <xsl:for-each select="$row">
            <xsl:variable name="g" select="position() - 1"/>
            <xsl:variable name="x0" select="$x-start + $g * $gw + ($gw - $ns * $bw) div 2"/>
            <xsl:call-template name="bar">
              <xsl:with-param name="x" select="$x0"/>
              <xsl:with-param name="w" select="$bw"/>
              <xsl:with-param name="v" select="number(男)"/>
              <xsl:with-param name="s" select="1"/>
              <xsl:with-param name="right" select="number(女)"/>
              <xsl:with-param name="top-value" select="$top-value"/>
              <xsl:with-param name="top" select="$top"/>
              <xsl:with-param name="bottom" select="$bottom"/>
              <xsl:with-param name="mode" select="$label-mode"/>
              <xsl:with-param name="slot-x" select="$x-start + $g * $gw"/>
              <xsl:with-param name="slot" select="$slot"/>
            </xsl:call-template>
            <xsl:call-template name="bar">
              <xsl:with-param name="x" select="$x0 + $bw"/>
              <xsl:with-param name="w" select="$bw"/>
              <xsl:with-param name="v" select="number(女)"/>
              <xsl:with-param name="s" select="2"/>
              <xsl:with-param name="left" select="number(男)"/>
              <xsl:with-param name="right" select="sum(其他) - number($ns != 3)"/>
              <xsl:with-param name="top-value" select="$top-value"/>
              <xsl:with-param name="top" select="$top"/>
              <xsl:with-param name="bottom" select="$bottom"/>
              <xsl:with-param name="mode" select="$label-mode"/>
              <xsl:with-param name="slot-x" select="$x-start + $g * $gw"/>
              <xsl:with-param name="slot" select="$slot"/>
            </xsl:call-template>
            <xsl:if test="$ns = 3">
              <xsl:call-template name="bar">
                <xsl:with-param name="x" select="$x0 + 2 * $bw"/>
                <xsl:with-param name="w" select="$bw"/>
                <xsl:with-param name="v" select="sum(其他)"/>
                <xsl:with-param name="s" select="3"/>
                <xsl:with-param name="left" select="number(女)"/>
                <xsl:with-param name="top-value" select="$top-value"/>
                <xsl:with-param name="top" select="$top"/>
                <xsl:with-param name="bottom" select="$bottom"/>
                <xsl:with-param name="mode" select="$label-mode"/>
                <xsl:with-param name="slot-x" select="$x-start + $g * $gw"/>
                <xsl:with-param name="slot" select="$slot"/>
              </xsl:call-template>
            </xsl:if>
            <xsl:call-template name="category-label">
              <xsl:with-param name="name" select="normalize-space(名稱)"/>
              <xsl:with-param name="of" select="名稱"/>
              <xsl:with-param name="cx" select="$x-start + $g * $gw + $gw div 2"/>
              <xsl:with-param name="y" select="$bottom + 13"/>
              <xsl:with-param name="room" select="$gw - 4"/>
            </xsl:call-template>
          </xsl:for-each>
          </svg:g>
          <svg:line x1="{$left}" y1="{$bottom}" x2="{$right}" y2="{$bottom}" stroke="#000000" stroke-width="0.8"/>
          <xsl:if test="$rows = 1">
            <xsl:call-template name="legend">
              <xsl:with-param name="x" select="$right - 62 * $ns"/>
              <xsl:with-param name="y" select="8"/>
              <xsl:with-param name="ns" select="$ns"/>
            </xsl:call-template>
          </xsl:if>
        </svg:svg>
      </fo:instream-foreign-object>
    </fo:block>
    </xsl:variable>
    <xsl:call-template name="chart-row">
      <xsl:with-param name="rows" select="$rows"/>
      <xsl:with-param name="block" select="$block"/>
    </xsl:call-template>
    <xsl:if test="$k &lt; $rows - 1">
      <xsl:call-template name="bar-row">
        <xsl:with-param name="k" select="$k + 1"/>
        <xsl:with-param name="rows" select="$rows"/>
        <xsl:with-param name="per-row" select="$per-row"/>
        <xsl:with-param name="groups" select="$groups"/>
        <xsl:with-param name="ns" select="$ns"/>
        <xsl:with-param name="step" select="$step"/>
        <xsl:with-param name="top-value" select="$top-value"/>
        <xsl:with-param name="label-em" select="$label-em"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- step of the value axis: 1, 2 or 5 × 10^k, at most 5 steps -->
  <xsl:template name="nice-step">
    <xsl:param name="max"/>
    <xsl:param name="p" select="1"/>
    <xsl:choose>
      <xsl:when test="$max &lt;= 5 * $p"><xsl:value-of select="$p"/></xsl:when>
      <xsl:when test="$max &lt;= 10 * $p"><xsl:value-of select="2 * $p"/></xsl:when>
      <xsl:when test="$max &lt;= 25 * $p"><xsl:value-of select="5 * $p"/></xsl:when>
      <xsl:when test="$p &gt; 1000000000"><xsl:value-of select="$p"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="nice-step">
          <xsl:with-param name="max" select="$max"/>
          <xsl:with-param name="p" select="$p * 10"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="bar-grid">
    <xsl:param name="v"/>
    <xsl:param name="step"/>
    <xsl:param name="top-value"/>
    <xsl:param name="left"/>
    <xsl:param name="right"/>
    <xsl:param name="top"/>
    <xsl:param name="bottom"/>
    <xsl:if test="$v &lt;= $top-value">
      <xsl:variable name="y">
        <xsl:call-template name="n"><xsl:with-param name="v" select="$bottom - $v div $top-value * ($bottom - $top)"/></xsl:call-template>
      </xsl:variable>
      <xsl:if test="$v &gt; 0">
        <svg:line x1="{$left}" y1="{$y}" x2="{$right}" y2="{$y}" stroke="#D9D9D9" stroke-width="0.5"/>
      </xsl:if>
      <svg:text x="{$left - 4}" y="{$y + 3}" text-anchor="end" font-size="8" font-family="{$chart-font}" fill="#000000">
        <xsl:value-of select="format-number($v, '#,##0')"/>
      </svg:text>
      <xsl:call-template name="bar-grid">
        <xsl:with-param name="v" select="$v + $step"/>
        <xsl:with-param name="step" select="$step"/>
        <xsl:with-param name="top-value" select="$top-value"/>
        <xsl:with-param name="left" select="$left"/>
        <xsl:with-param name="right" select="$right"/>
        <xsl:with-param name="top" select="$top"/>
        <xsl:with-param name="bottom" select="$bottom"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="bar">
    <xsl:param name="x"/>
    <xsl:param name="w"/>
    <xsl:param name="v"/>
    <xsl:param name="s"/>
    <xsl:param name="top-value"/>
    <xsl:param name="top"/>
    <xsl:param name="bottom"/>
    <xsl:param name="mode" select="'bar'"/>
    <xsl:param name="slot-x" select="0"/>
    <xsl:param name="slot" select="0"/>
    <xsl:param name="left" select="-1"/>     <!-- the values of the bars beside it in its group, -1: none -->
    <xsl:param name="right" select="-1"/>
    <xsl:variable name="h" select="$v div $top-value * ($bottom - $top)"/>
    <xsl:variable name="color"><xsl:call-template name="series-color"><xsl:with-param name="s" select="$s"/></xsl:call-template></xsl:variable>
    <xsl:if test="$h &gt; 0">
      <svg:rect fill="{$color}" stroke="#404040" stroke-width="0.3">
        <xsl:attribute name="x"><xsl:call-template name="n"><xsl:with-param name="v" select="$x"/></xsl:call-template></xsl:attribute>
        <xsl:attribute name="y"><xsl:call-template name="n"><xsl:with-param name="v" select="$bottom - $h"/></xsl:call-template></xsl:attribute>
        <xsl:attribute name="width"><xsl:call-template name="n"><xsl:with-param name="v" select="$w"/></xsl:call-template></xsl:attribute>
        <xsl:attribute name="height"><xsl:call-template name="n"><xsl:with-param name="v" select="$h"/></xsl:call-template></xsl:attribute>
      </svg:rect>
    </xsl:if>
    <xsl:variable name="lx0">
      <xsl:choose>
        <xsl:when test="$mode = 'bar' or $mode = 'bar7'"><xsl:value-of select="$x + $w div 2"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$slot-x + ($s - 0.5) * $slot"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <!-- a label wider than its bar must not hang over a taller bar beside
         it: it is moved toward the other side, still over its own bar -->
    <xsl:variable name="fs" select="7 + 0.5 * number($mode = 'bar' or $mode = 'slot')"/>
    <xsl:variable name="label" select="format-number($v, '#,##0')"/>
    <xsl:variable name="lw" select="$fs * (0.5 * string-length(translate($label, ',', '')) + 0.28 * (string-length($label) - string-length(translate($label, ',', ''))))"/>
    <xsl:variable name="over-left" select="$x - ($lx0 - $lw div 2)"/>
    <xsl:variable name="over-right" select="$lx0 + $lw div 2 - ($x + $w)"/>
    <xsl:variable name="taller-left" select="$left &gt;= 0 and $left div $top-value * ($bottom - $top) &gt; $h - 1"/>
    <xsl:variable name="taller-right" select="$right &gt;= 0 and $right div $top-value * ($bottom - $top) &gt; $h - 1"/>
    <xsl:variable name="lx">
      <xsl:choose>
        <xsl:when test="$over-left &gt; 0 and $taller-left and not($taller-right)"><xsl:value-of select="$lx0 + $over-left + 0.3"/></xsl:when>
        <xsl:when test="$over-right &gt; 0 and $taller-right and not($taller-left)"><xsl:value-of select="$lx0 - $over-right - 0.3"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$lx0"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="ly" select="$bottom - $h - 2.5"/>
    <svg:text text-anchor="middle" font-size="{$fs}" font-family="{$chart-font}" fill="#000000">
      <xsl:attribute name="x"><xsl:call-template name="n"><xsl:with-param name="v" select="$lx"/></xsl:call-template></xsl:attribute>
      <xsl:attribute name="y"><xsl:call-template name="n"><xsl:with-param name="v" select="$ly"/></xsl:call-template></xsl:attribute>
      <xsl:value-of select="format-number($v, '#,##0')"/>
    </svg:text>
  </xsl:template>

  <!-- a category name under its group, set by the engine as text (SVG 2
       inline-size, docs/svg-subset.md §4): at 10pt on at most two lines of
       the group's width, broken as body text breaks (never inside a number,
       a Latin word or a declared name; brackets kept with their words),
       else as large as that allows, never under 7pt. A name of up to four
       characters (松山區) is a word: one line. -->
  <xsl:template name="category-label">
    <xsl:param name="name"/>
    <xsl:param name="of" select="/.."/>
    <xsl:param name="cx"/>
    <xsl:param name="y"/>
    <xsl:param name="room"/>
    <xsl:call-template name="wrapped-text">
      <xsl:with-param name="name" select="$name"/>
      <xsl:with-param name="of" select="$of"/>
      <xsl:with-param name="cx" select="$cx"/>
      <xsl:with-param name="y" select="$y + 1"/>
      <xsl:with-param name="room" select="$room"/>
      <xsl:with-param name="lines" select="1 + number(string-length($name) &gt; 4)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- centred text at 10pt, first baseline at $y, wrapped in $room on at
       most $lines lines, smaller (not under 7pt) when it needs more; the
       declared names in $of (its <gr:name> pieces) are not broken -->
  <xsl:template name="wrapped-text">
    <xsl:param name="name"/>
    <xsl:param name="of" select="/.."/>
    <xsl:param name="cx"/>
    <xsl:param name="y"/>
    <xsl:param name="room"/>
    <xsl:param name="lines" select="2"/>
    <svg:text text-anchor="middle" font-size="10" font-family="{$chart-font}" fill="#000000"
        gr:max-lines="{$lines}" gr:min-font-size="7">
      <xsl:copy-of select="$of/@gr:line"/>
      <xsl:attribute name="inline-size"><xsl:call-template name="n"><xsl:with-param name="v" select="$room"/></xsl:call-template></xsl:attribute>
      <xsl:attribute name="x"><xsl:call-template name="n"><xsl:with-param name="v" select="$cx"/></xsl:call-template></xsl:attribute>
      <xsl:attribute name="y"><xsl:call-template name="n"><xsl:with-param name="v" select="$y"/></xsl:call-template></xsl:attribute>
      <xsl:choose>
        <xsl:when test="$of/gr:name">
          <xsl:for-each select="$of/node()">
            <xsl:choose>
              <xsl:when test="self::gr:name"><svg:tspan white-space="nowrap"><xsl:value-of select="."/></svg:tspan></xsl:when>
              <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$name"/></xsl:otherwise>
      </xsl:choose>
    </svg:text>
  </xsl:template>

  <!-- ■ 男性 ■ 女性 (■ 其他) -->
  <xsl:template name="legend">
    <xsl:param name="x"/>
    <xsl:param name="y"/>
    <xsl:param name="ns"/>
    <xsl:param name="s" select="1"/>
    <xsl:if test="$s &lt;= $ns">
      <xsl:variable name="color"><xsl:call-template name="series-color"><xsl:with-param name="s" select="$s"/></xsl:call-template></xsl:variable>
      <xsl:variable name="xs" select="$x + ($s - 1) * 62"/>
      <svg:rect x="{$xs}" y="{$y}" width="10" height="10" fill="{$color}" stroke="#404040" stroke-width="0.3"/>
      <svg:text x="{$xs + 14}" y="{$y + 9}" font-size="10" font-family="{$chart-font}" fill="#000000">
        <xsl:value-of select="substring('男性女性其他', 2 * $s - 1, 2)"/>
      </svg:text>
      <xsl:call-template name="legend">
        <xsl:with-param name="x" select="$x"/>
        <xsl:with-param name="y" select="$y"/>
        <xsl:with-param name="ns" select="$ns"/>
        <xsl:with-param name="s" select="$s + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ================================================ pie chart -->
  <!-- one pie per <組> (男/女/其他 slices), preceded by a pie of the sums
       when $total-name is given; at most three pies a row, each at least
       35 mm across (r 51pt with three a row, 60pt with fewer), with room
       around it for outside labels; name under each pie. One row: the
       legend above it. Several rows: each row its own SVG in a table row,
       so the chart may break between rows like a photo group, the legend
       and the caption on every part (chart-rows; docs/layout.md §4.2).
       Called in the context of the chart's element (its gr:line). -->
  <xsl:template name="pie-chart">
    <xsl:param name="groups"/>
    <xsl:param name="total-name" select="''"/>
    <xsl:variable name="with-total" select="number($total-name != '')"/>
    <xsl:variable name="n" select="count($groups) + $with-total"/>
    <xsl:variable name="per-row" select="$n * number($n &lt;= 3) + 3 * number($n &gt; 3)"/>
    <xsl:variable name="rows" select="ceiling($n div $per-row)"/>
    <xsl:variable name="cell" select="440 div $per-row"/>
    <xsl:variable name="r0" select="$cell div 2 - 22"/>
    <xsl:variable name="r" select="$r0 * number($r0 &lt;= 60) + 60 * number($r0 &gt; 60)"/>
    <xsl:variable name="rh" select="2 * $r + 58"/>
    <xsl:variable name="ns" select="2 + number(sum($groups/其他) &gt; 0)"/>
    <xsl:variable name="pies">
      <xsl:call-template name="pie-row">
        <xsl:with-param name="k" select="0"/>
        <xsl:with-param name="rows" select="$rows"/>
        <xsl:with-param name="groups" select="$groups"/>
        <xsl:with-param name="total-name" select="$total-name"/>
        <xsl:with-param name="with-total" select="$with-total"/>
        <xsl:with-param name="per-row" select="$per-row"/>
        <xsl:with-param name="cell" select="$cell"/>
        <xsl:with-param name="r" select="$r"/>
        <xsl:with-param name="rh" select="$rh"/>
        <xsl:with-param name="ns" select="$ns"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="chart-rows">
      <xsl:with-param name="rows" select="$rows"/>
      <xsl:with-param name="content" select="$pies"/>
      <xsl:with-param name="legend-x" select="220 - 31 * $ns"/>
      <xsl:with-param name="ns" select="$ns"/>
    </xsl:call-template>
  </xsl:template>

  <!-- row $k (from 0) of a pie chart and the rows after it: pies $k × per-row
       … (pie 0 is the total's when there is one) -->
  <xsl:template name="pie-row">
    <xsl:param name="k"/>
    <xsl:param name="rows"/>
    <xsl:param name="groups"/>
    <xsl:param name="total-name"/>
    <xsl:param name="with-total"/>
    <xsl:param name="per-row"/>
    <xsl:param name="cell"/>
    <xsl:param name="r"/>
    <xsl:param name="rh"/>
    <xsl:param name="ns"/>
    <xsl:variable name="last" select="$k = $rows - 1"/>
    <!-- the legend over the pies when the chart is one row, as the bar
         charts and the header of several rows have it -->
    <xsl:variable name="dy" select="16 * number($rows = 1)"/>
    <xsl:variable name="height" select="format-number($rh + $dy, '0')"/>
    <!-- the row's groups: pie index i = position in $groups - 1 + with-total -->
    <xsl:variable name="first" select="$k * $per-row - $with-total"/>
    <xsl:variable name="block">
    <fo:block text-align="center" line-height="1"><xsl:copy-of select="@gr:line"/>
      <xsl:if test="$rows = 1"><xsl:attribute name="space-before">6pt</xsl:attribute></xsl:if>
      <fo:instream-foreign-object><xsl:copy-of select="@gr:line"/>
        <svg:svg width="440pt" height="{$height}pt" viewBox="0 0 440 {$height}">
          <!-- the names under the pies of a row at one size -->
          <svg:g gr:same-size="true">
          <xsl:if test="$k = 0 and $with-total = 1">
            <xsl:call-template name="pie">
              <xsl:with-param name="cx" select="$cell div 2"/>
              <xsl:with-param name="cy" select="22 + $r + $dy"/>
              <xsl:with-param name="r" select="$r"/>
              <xsl:with-param name="m" select="sum($groups/男)"/>
              <xsl:with-param name="f" select="sum($groups/女)"/>
              <xsl:with-param name="o" select="sum($groups/其他)"/>
              <xsl:with-param name="name" select="$total-name"/>
              <xsl:with-param name="of" select="總計名稱"/>
              <xsl:with-param name="room" select="$cell - 6"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:for-each select="$groups[position() &gt; $first and position() &lt;= $first + $per-row]">
            <xsl:variable name="i" select="$first * number($first &gt; 0) + position() - 1 + $with-total"/>
            <xsl:call-template name="pie">
              <xsl:with-param name="cx" select="$cell * ($i mod $per-row) + $cell div 2"/>
              <xsl:with-param name="cy" select="22 + $r + $dy"/>
              <xsl:with-param name="r" select="$r"/>
              <xsl:with-param name="m" select="number(男)"/>
              <xsl:with-param name="f" select="number(女)"/>
              <xsl:with-param name="o" select="sum(其他)"/>
              <xsl:with-param name="name" select="normalize-space(名稱)"/>
              <xsl:with-param name="of" select="名稱"/>
              <xsl:with-param name="room" select="$cell - 6"/>
            </xsl:call-template>
          </xsl:for-each>
          </svg:g>
          <xsl:if test="$rows = 1">
            <xsl:call-template name="legend">
              <xsl:with-param name="x" select="220 - 31 * $ns"/>
              <xsl:with-param name="y" select="3"/>
              <xsl:with-param name="ns" select="$ns"/>
            </xsl:call-template>
          </xsl:if>
        </svg:svg>
      </fo:instream-foreign-object>
    </fo:block>
    </xsl:variable>
    <xsl:call-template name="chart-row">
      <xsl:with-param name="rows" select="$rows"/>
      <xsl:with-param name="block" select="$block"/>
    </xsl:call-template>
    <xsl:if test="not($last)">
      <xsl:call-template name="pie-row">
        <xsl:with-param name="k" select="$k + 1"/>
        <xsl:with-param name="rows" select="$rows"/>
        <xsl:with-param name="groups" select="$groups"/>
        <xsl:with-param name="total-name" select="$total-name"/>
        <xsl:with-param name="with-total" select="$with-total"/>
        <xsl:with-param name="per-row" select="$per-row"/>
        <xsl:with-param name="cell" select="$cell"/>
        <xsl:with-param name="r" select="$r"/>
        <xsl:with-param name="rh" select="$rh"/>
        <xsl:with-param name="ns" select="$ns"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A slice under this share of its pie is labelled outside it, with a
       leader (its label would not fit inside) -->
  <xsl:variable name="pie-small" select="0.12"/>
  <!-- printed in the place of the pie of a group of no one -->
  <xsl:variable name="pie-empty" select="'（無人數）'"/>

  <xsl:template name="pie">
    <xsl:param name="cx"/>
    <xsl:param name="cy"/>
    <xsl:param name="r"/>
    <xsl:param name="m"/>
    <xsl:param name="f"/>
    <xsl:param name="o"/>
    <xsl:param name="name"/>
    <xsl:param name="of" select="/.."/>
    <xsl:param name="room"/>
    <xsl:variable name="t" select="$m + $f + $o"/>
    <!-- outside labels of neighbouring small slices: 女 after a small 男
         (both on the right, near 12 o'clock) goes a line further out; 其他
         after a small 女 (both on the left) is labelled just right of
         12 o'clock instead -->
    <xsl:variable name="f-small" select="$t &gt; 0 and $f &gt; 0 and $f &lt; $pie-small * $t"/>
    <xsl:variable name="f-nudge" select="11 * number($f-small and $m &gt; 0 and $m &lt; $pie-small * $t)"/>
    <xsl:variable name="o-top" select="number($f-small and $o &gt; 0 and $o &lt; $pie-small * $t)"/>
    <xsl:if test="$t &gt; 0">
      <xsl:call-template name="slice">
        <xsl:with-param name="cx" select="$cx"/><xsl:with-param name="cy" select="$cy"/><xsl:with-param name="r" select="$r"/>
        <xsl:with-param name="from" select="0"/><xsl:with-param name="v" select="$m"/><xsl:with-param name="t" select="$t"/>
        <xsl:with-param name="s" select="1"/>
      </xsl:call-template>
      <xsl:call-template name="slice">
        <xsl:with-param name="cx" select="$cx"/><xsl:with-param name="cy" select="$cy"/><xsl:with-param name="r" select="$r"/>
        <xsl:with-param name="from" select="$m"/><xsl:with-param name="v" select="$f"/><xsl:with-param name="t" select="$t"/>
        <xsl:with-param name="s" select="2"/><xsl:with-param name="nudge" select="$f-nudge"/>
      </xsl:call-template>
      <xsl:call-template name="slice">
        <xsl:with-param name="cx" select="$cx"/><xsl:with-param name="cy" select="$cy"/><xsl:with-param name="r" select="$r"/>
        <xsl:with-param name="from" select="$m + $f"/><xsl:with-param name="v" select="$o"/><xsl:with-param name="t" select="$t"/>
        <xsl:with-param name="s" select="3"/><xsl:with-param name="at-top" select="$o-top"/>
      </xsl:call-template>
    </xsl:if>
    <!-- a group of no one has no pie: its place says so (review T31) -->
    <xsl:if test="not($t &gt; 0)">
      <svg:circle cx="{format-number($cx, '0.##')}" cy="{format-number($cy, '0.##')}" r="{format-number($r, '0.##')}"
          fill="none" stroke="#BFBFBF" stroke-width="0.8"/>
      <svg:text text-anchor="middle" font-size="10" font-family="{$chart-font}" fill="#595959">
        <xsl:attribute name="x"><xsl:call-template name="n"><xsl:with-param name="v" select="$cx"/></xsl:call-template></xsl:attribute>
        <xsl:attribute name="y"><xsl:call-template name="n"><xsl:with-param name="v" select="$cy + 3.5"/></xsl:call-template></xsl:attribute>
        <xsl:value-of select="$pie-empty"/>
      </svg:text>
    </xsl:if>
    <!-- the name under the pie, on at most two lines of its cell (the
         labels outside a pie are all in its upper half: slices start at
         12 o'clock) -->
    <xsl:call-template name="wrapped-text">
      <xsl:with-param name="name" select="$name"/>
      <xsl:with-param name="of" select="$of"/>
      <xsl:with-param name="cx" select="$cx"/>
      <xsl:with-param name="y" select="$cy + $r + 19"/>
      <xsl:with-param name="room" select="$room"/>
    </xsl:call-template>
  </xsl:template>

  <!-- one slice from $from/$t to ($from+$v)/$t of the turn, clockwise from
       12 o'clock, with its percentage; the whole pie is a circle -->
  <xsl:template name="slice">
    <xsl:param name="cx"/>
    <xsl:param name="cy"/>
    <xsl:param name="r"/>
    <xsl:param name="from"/>
    <xsl:param name="v"/>
    <xsl:param name="t"/>
    <xsl:param name="s"/>
    <xsl:param name="nudge" select="0"/>
    <xsl:param name="at-top" select="0"/>
    <xsl:variable name="color"><xsl:call-template name="series-color"><xsl:with-param name="s" select="$s"/></xsl:call-template></xsl:variable>
    <xsl:if test="$v &gt; 0">
      <xsl:variable name="a1" select="2 * $pi * $from div $t"/>
      <xsl:variable name="a2" select="2 * $pi * ($from + $v) div $t"/>
      <xsl:variable name="am" select="($a1 + $a2) div 2"/>
      <xsl:choose>
        <xsl:when test="$v = $t">
          <svg:circle cx="{format-number($cx, '0.##')}" cy="{format-number($cy, '0.##')}" r="{format-number($r, '0.##')}"
              fill="{$color}" stroke="#FFFFFF" stroke-width="1"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="s1"><xsl:call-template name="sin"><xsl:with-param name="x" select="$a1"/></xsl:call-template></xsl:variable>
          <xsl:variable name="c1"><xsl:call-template name="sin"><xsl:with-param name="x" select="$a1 + $pi div 2"/></xsl:call-template></xsl:variable>
          <xsl:variable name="s2"><xsl:call-template name="sin"><xsl:with-param name="x" select="$a2"/></xsl:call-template></xsl:variable>
          <xsl:variable name="c2"><xsl:call-template name="sin"><xsl:with-param name="x" select="$a2 + $pi div 2"/></xsl:call-template></xsl:variable>
          <svg:path fill="{$color}" stroke="#FFFFFF" stroke-width="1">
            <xsl:attribute name="d">
              <xsl:value-of select="concat('M ', format-number($cx, '0.##'), ' ', format-number($cy, '0.##'),
                  ' L ', format-number($cx + $r * $s1, '0.##'), ' ', format-number($cy - $r * $c1, '0.##'),
                  ' A ', format-number($r, '0.##'), ' ', format-number($r, '0.##'), ' 0 ',
                  number($v * 2 &gt; $t), ' 1 ',
                  format-number($cx + $r * $s2, '0.##'), ' ', format-number($cy - $r * $c2, '0.##'), ' Z')"/>
            </xsl:attribute>
          </svg:path>
        </xsl:otherwise>
      </xsl:choose>
      <!-- label: 「男性」 and 「60%」 at 58% of the radius; a small slice
           「其他 <1%」 outside, on its side of the pie, with a leader -->
      <xsl:variable name="sm"><xsl:call-template name="sin"><xsl:with-param name="x" select="$am"/></xsl:call-template></xsl:variable>
      <xsl:variable name="cm"><xsl:call-template name="sin"><xsl:with-param name="x" select="$am + $pi div 2"/></xsl:call-template></xsl:variable>
      <xsl:variable name="p">
        <xsl:call-template name="pct">
          <xsl:with-param name="num" select="$v"/>
          <xsl:with-param name="den" select="$t"/>
          <xsl:with-param name="decimals" select="0"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="$v &lt; $pie-small * $t and $at-top = 1">
          <svg:line stroke="#404040" stroke-width="0.5" x2="{format-number($cx + 3, '0.##')}" y2="{format-number($cy - $r - 7, '0.##')}">
            <xsl:attribute name="x1"><xsl:call-template name="n"><xsl:with-param name="v" select="$cx + ($r - 3) * $sm"/></xsl:call-template></xsl:attribute>
            <xsl:attribute name="y1"><xsl:call-template name="n"><xsl:with-param name="v" select="$cy - ($r - 3) * $cm"/></xsl:call-template></xsl:attribute>
          </svg:line>
          <svg:text font-size="8.5" font-family="{$chart-font}" fill="#000000" text-anchor="start"
              x="{format-number($cx + 5, '0.##')}" y="{format-number($cy - $r - 6, '0.##')}">
            <xsl:value-of select="concat(substring('男性女性其他', 2 * $s - 1, 2), ' ', $p, '%')"/>
          </svg:text>
        </xsl:when>
        <xsl:when test="$v &lt; $pie-small * $t">
          <xsl:variable name="ro" select="$r + 6 + $nudge"/>
          <svg:line stroke="#404040" stroke-width="0.5">
            <xsl:attribute name="x1"><xsl:call-template name="n"><xsl:with-param name="v" select="$cx + ($r - 3) * $sm"/></xsl:call-template></xsl:attribute>
            <xsl:attribute name="y1"><xsl:call-template name="n"><xsl:with-param name="v" select="$cy - ($r - 3) * $cm"/></xsl:call-template></xsl:attribute>
            <xsl:attribute name="x2"><xsl:call-template name="n"><xsl:with-param name="v" select="$cx + ($ro - 2) * $sm"/></xsl:call-template></xsl:attribute>
            <xsl:attribute name="y2"><xsl:call-template name="n"><xsl:with-param name="v" select="$cy - ($ro - 2) * $cm"/></xsl:call-template></xsl:attribute>
          </svg:line>
          <svg:text font-size="8.5" font-family="{$chart-font}" fill="#000000">
            <xsl:attribute name="text-anchor">
              <xsl:choose><xsl:when test="$sm &gt;= 0">start</xsl:when><xsl:otherwise>end</xsl:otherwise></xsl:choose>
            </xsl:attribute>
            <xsl:attribute name="x"><xsl:call-template name="n"><xsl:with-param name="v" select="$cx + $ro * $sm"/></xsl:call-template></xsl:attribute>
            <xsl:attribute name="y"><xsl:call-template name="n"><xsl:with-param name="v" select="$cy - $ro * $cm + 3 - 3 * $cm"/></xsl:call-template></xsl:attribute>
            <xsl:value-of select="concat(substring('男性女性其他', 2 * $s - 1, 2), ' ', $p, '%')"/>
          </svg:text>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="k" select="0.58 * number($v != $t)"/>
          <xsl:variable name="lx" select="$cx + $k * $r * $sm"/>
          <xsl:variable name="ly" select="$cy - $k * $r * $cm"/>
          <svg:text x="{format-number($lx, '0.##')}" y="{format-number($ly - 1, '0.##')}" text-anchor="middle"
              font-size="8.5" font-family="{$chart-font}" fill="#000000">
            <xsl:value-of select="substring('男性女性其他', 2 * $s - 1, 2)"/>
          </svg:text>
          <svg:text x="{format-number($lx, '0.##')}" y="{format-number($ly + 9, '0.##')}" text-anchor="middle"
              font-size="8.5" font-family="{$chart-font}" fill="#000000">
            <xsl:value-of select="concat($p, '%')"/>
          </svg:text>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- sin(x) for any x: reduced to [-π, π], Taylor series to x^23 -->
  <xsl:template name="sin">
    <xsl:param name="x"/>
    <xsl:variable name="r" select="$x - 2 * $pi * floor(($x + $pi) div (2 * $pi))"/>
    <xsl:call-template name="sin-series">
      <xsl:with-param name="x" select="$r"/>
      <xsl:with-param name="term" select="$r"/>
      <xsl:with-param name="sum" select="0"/>
      <xsl:with-param name="k" select="0"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="sin-series">
    <xsl:param name="x"/>
    <xsl:param name="term"/>
    <xsl:param name="sum"/>
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="$k &gt; 11"><xsl:value-of select="$sum"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="sin-series">
          <xsl:with-param name="x" select="$x"/>
          <xsl:with-param name="term" select="- $term * $x * $x div ((2 * $k + 2) * (2 * $k + 3))"/>
          <xsl:with-param name="sum" select="$sum + $term"/>
          <xsl:with-param name="k" select="$k + 1"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

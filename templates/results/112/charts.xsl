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
       group has a non-zero 其他) -->
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
    <xsl:variable name="left" select="52"/>
    <xsl:variable name="right" select="430"/>
    <xsl:variable name="top" select="34"/>
    <xsl:variable name="bottom" select="206"/>
    <xsl:variable name="gw" select="($right - $left) div $ng"/>
    <xsl:variable name="bw" select="$gw * 0.7 div $ns"/>
    <fo:instream-foreign-object><xsl:copy-of select="@gr:line"/>
      <svg:svg width="440" height="236" viewBox="0 0 440 236">
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
        <!-- bars -->
        <xsl:for-each select="$groups">
          <xsl:variable name="g" select="position() - 1"/>
          <xsl:variable name="x0" select="$left + $g * $gw + $gw * 0.15"/>
          <xsl:call-template name="bar">
            <xsl:with-param name="x" select="$x0"/>
            <xsl:with-param name="w" select="$bw"/>
            <xsl:with-param name="v" select="number(男)"/>
            <xsl:with-param name="s" select="1"/>
            <xsl:with-param name="top-value" select="$top-value"/>
            <xsl:with-param name="top" select="$top"/>
            <xsl:with-param name="bottom" select="$bottom"/>
          </xsl:call-template>
          <xsl:call-template name="bar">
            <xsl:with-param name="x" select="$x0 + $bw"/>
            <xsl:with-param name="w" select="$bw"/>
            <xsl:with-param name="v" select="number(女)"/>
            <xsl:with-param name="s" select="2"/>
            <xsl:with-param name="top-value" select="$top-value"/>
            <xsl:with-param name="top" select="$top"/>
            <xsl:with-param name="bottom" select="$bottom"/>
          </xsl:call-template>
          <xsl:if test="$ns = 3">
            <xsl:call-template name="bar">
              <xsl:with-param name="x" select="$x0 + 2 * $bw"/>
              <xsl:with-param name="w" select="$bw"/>
              <xsl:with-param name="v" select="sum(其他)"/>
              <xsl:with-param name="s" select="3"/>
              <xsl:with-param name="top-value" select="$top-value"/>
              <xsl:with-param name="top" select="$top"/>
              <xsl:with-param name="bottom" select="$bottom"/>
            </xsl:call-template>
          </xsl:if>
          <svg:text text-anchor="middle" font-size="10" font-family="{$chart-font}" fill="#000000">
            <xsl:attribute name="x"><xsl:call-template name="n"><xsl:with-param name="v" select="$left + $g * $gw + $gw div 2"/></xsl:call-template></xsl:attribute>
            <xsl:attribute name="y"><xsl:value-of select="$bottom + 15"/></xsl:attribute>
            <xsl:value-of select="normalize-space(名稱)"/>
          </svg:text>
        </xsl:for-each>
        <svg:line x1="{$left}" y1="{$bottom}" x2="{$right}" y2="{$bottom}" stroke="#000000" stroke-width="0.8"/>
        <!-- legend -->
        <xsl:call-template name="legend">
          <xsl:with-param name="x" select="$right - 62 * $ns"/>
          <xsl:with-param name="y" select="8"/>
          <xsl:with-param name="ns" select="$ns"/>
        </xsl:call-template>
      </svg:svg>
    </fo:instream-foreign-object>
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
    <svg:text text-anchor="middle" font-size="7.5" font-family="{$chart-font}" fill="#000000">
      <xsl:attribute name="x"><xsl:call-template name="n"><xsl:with-param name="v" select="$x + $w div 2"/></xsl:call-template></xsl:attribute>
      <xsl:attribute name="y"><xsl:call-template name="n"><xsl:with-param name="v" select="$bottom - $h - 2.5"/></xsl:call-template></xsl:attribute>
      <xsl:value-of select="format-number($v, '#,##0')"/>
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
       when $total-name is given; name under each pie, legend below -->
  <xsl:template name="pie-chart">
    <xsl:param name="groups"/>
    <xsl:param name="total-name" select="''"/>
    <xsl:variable name="with-total" select="number($total-name != '')"/>
    <xsl:variable name="n" select="count($groups) + $with-total"/>
    <xsl:variable name="cell" select="440 div $n"/>
    <xsl:variable name="r0" select="$cell div 2 - 18"/>
    <xsl:variable name="r" select="$r0 * number($r0 &lt;= 60) + 60 * number($r0 &gt; 60)"/>
    <xsl:variable name="cy" select="$r + 10"/>
    <xsl:variable name="ns" select="2 + number(sum($groups/其他) &gt; 0)"/>
    <fo:instream-foreign-object><xsl:copy-of select="@gr:line"/>
      <svg:svg width="440" height="{format-number($cy + $r + 48, '0')}" viewBox="0 0 440 {format-number($cy + $r + 48, '0')}">
        <xsl:if test="$with-total = 1">
          <xsl:call-template name="pie">
            <xsl:with-param name="cx" select="$cell div 2"/>
            <xsl:with-param name="cy" select="$cy"/>
            <xsl:with-param name="r" select="$r"/>
            <xsl:with-param name="m" select="sum($groups/男)"/>
            <xsl:with-param name="f" select="sum($groups/女)"/>
            <xsl:with-param name="o" select="sum($groups/其他)"/>
            <xsl:with-param name="name" select="$total-name"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:for-each select="$groups">
          <xsl:call-template name="pie">
            <xsl:with-param name="cx" select="$cell * (position() - 1 + $with-total) + $cell div 2"/>
            <xsl:with-param name="cy" select="$cy"/>
            <xsl:with-param name="r" select="$r"/>
            <xsl:with-param name="m" select="number(男)"/>
            <xsl:with-param name="f" select="number(女)"/>
            <xsl:with-param name="o" select="sum(其他)"/>
            <xsl:with-param name="name" select="normalize-space(名稱)"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:call-template name="legend">
          <xsl:with-param name="x" select="220 - 31 * $ns"/>
          <xsl:with-param name="y" select="$cy + $r + 30"/>
          <xsl:with-param name="ns" select="$ns"/>
        </xsl:call-template>
      </svg:svg>
    </fo:instream-foreign-object>
  </xsl:template>

  <xsl:template name="pie">
    <xsl:param name="cx"/>
    <xsl:param name="cy"/>
    <xsl:param name="r"/>
    <xsl:param name="m"/>
    <xsl:param name="f"/>
    <xsl:param name="o"/>
    <xsl:param name="name"/>
    <xsl:variable name="t" select="$m + $f + $o"/>
    <xsl:if test="$t &gt; 0">
      <xsl:call-template name="slice">
        <xsl:with-param name="cx" select="$cx"/><xsl:with-param name="cy" select="$cy"/><xsl:with-param name="r" select="$r"/>
        <xsl:with-param name="from" select="0"/><xsl:with-param name="v" select="$m"/><xsl:with-param name="t" select="$t"/>
        <xsl:with-param name="s" select="1"/>
      </xsl:call-template>
      <xsl:call-template name="slice">
        <xsl:with-param name="cx" select="$cx"/><xsl:with-param name="cy" select="$cy"/><xsl:with-param name="r" select="$r"/>
        <xsl:with-param name="from" select="$m"/><xsl:with-param name="v" select="$f"/><xsl:with-param name="t" select="$t"/>
        <xsl:with-param name="s" select="2"/>
      </xsl:call-template>
      <xsl:call-template name="slice">
        <xsl:with-param name="cx" select="$cx"/><xsl:with-param name="cy" select="$cy"/><xsl:with-param name="r" select="$r"/>
        <xsl:with-param name="from" select="$m + $f"/><xsl:with-param name="v" select="$o"/><xsl:with-param name="t" select="$t"/>
        <xsl:with-param name="s" select="3"/>
      </xsl:call-template>
    </xsl:if>
    <svg:text text-anchor="middle" font-size="10" font-family="{$chart-font}" fill="#000000">
      <xsl:attribute name="x"><xsl:call-template name="n"><xsl:with-param name="v" select="$cx"/></xsl:call-template></xsl:attribute>
      <xsl:attribute name="y"><xsl:call-template name="n"><xsl:with-param name="v" select="$cy + $r + 16"/></xsl:call-template></xsl:attribute>
      <xsl:value-of select="$name"/>
    </svg:text>
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
      <!-- label: 「男性」 and 「60%」 at 60 % of the radius -->
      <xsl:variable name="sm"><xsl:call-template name="sin"><xsl:with-param name="x" select="$am"/></xsl:call-template></xsl:variable>
      <xsl:variable name="cm"><xsl:call-template name="sin"><xsl:with-param name="x" select="$am + $pi div 2"/></xsl:call-template></xsl:variable>
      <xsl:variable name="k" select="0.58 * number($v != $t)"/>
      <xsl:variable name="lx" select="$cx + $k * $r * $sm"/>
      <xsl:variable name="ly" select="$cy - $k * $r * $cm"/>
      <xsl:variable name="p">
        <xsl:call-template name="pct">
          <xsl:with-param name="num" select="$v"/>
          <xsl:with-param name="den" select="$t"/>
          <xsl:with-param name="decimals" select="0"/>
        </xsl:call-template>
      </xsl:variable>
      <svg:text x="{format-number($lx, '0.##')}" y="{format-number($ly - 1, '0.##')}" text-anchor="middle"
          font-size="8.5" font-family="{$chart-font}" fill="#000000">
        <xsl:value-of select="substring('男性女性其他', 2 * $s - 1, 2)"/>
      </svg:text>
      <svg:text x="{format-number($lx, '0.##')}" y="{format-number($ly + 9, '0.##')}" text-anchor="middle"
          font-size="8.5" font-family="{$chart-font}" fill="#000000">
        <xsl:value-of select="concat($p, '%')"/>
      </svg:text>
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

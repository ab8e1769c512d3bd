<?xml version="1.0" encoding="UTF-8"?>
<!--
  lib.xsl — helpers shared by every section of the 112 results form:
  styles (attribute sets), computed-figure lookup (templates/schema/computed.md),
  number/percentage/ROC-date formatting, names (printed as given), check boxes, and the
  rendering of running text, paragraphs and lists (<段落>, <清單>, <姓名>,
  <非姓名>).
  Uses only XSLT 1.0 and the FO subset of docs/DESIGN.md.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:gr="urn:x-gereport:source">

  <!-- ===================================================== styles -->
  <xsl:attribute-set name="h1">
    <xsl:attribute name="font-size">14pt</xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="space-before">14pt</xsl:attribute>
    <xsl:attribute name="space-after">4pt</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
    <xsl:attribute name="text-align">start</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="h2">
    <xsl:attribute name="font-size">12pt</xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="space-before">8pt</xsl:attribute>
    <xsl:attribute name="space-after">3pt</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
    <xsl:attribute name="text-align">start</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="para">
    <xsl:attribute name="text-align">justify</xsl:attribute>
    <xsl:attribute name="space-after">3pt</xsl:attribute>
  </xsl:attribute-set>

  <!-- "*…" notes printed right under a table or heading -->
  <xsl:attribute-set name="note">
    <xsl:attribute name="font-size">10pt</xsl:attribute>
    <xsl:attribute name="line-height">1.4</xsl:attribute>
    <xsl:attribute name="text-align">justify</xsl:attribute>
    <xsl:attribute name="space-before">2pt</xsl:attribute>
    <xsl:attribute name="space-after">4pt</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="table">
    <xsl:attribute name="width">100%</xsl:attribute>
    <xsl:attribute name="table-layout">fixed</xsl:attribute>
    <xsl:attribute name="border-collapse">collapse</xsl:attribute>
    <xsl:attribute name="font-size">10.5pt</xsl:attribute>
    <xsl:attribute name="line-height">1.35</xsl:attribute>
    <xsl:attribute name="space-before">3pt</xsl:attribute>
    <xsl:attribute name="space-after">4pt</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="cell">
    <xsl:attribute name="border">0.5pt solid black</xsl:attribute>
    <xsl:attribute name="padding">1mm 1.2mm</xsl:attribute>
    <xsl:attribute name="display-align">center</xsl:attribute>
    <xsl:attribute name="text-align">start</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="cell-c" use-attribute-sets="cell">
    <xsl:attribute name="text-align">center</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="cell-r" use-attribute-sets="cell">
    <xsl:attribute name="text-align">end</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="head">
    <xsl:attribute name="border">0.5pt solid black</xsl:attribute>
    <xsl:attribute name="padding">1mm 1.2mm</xsl:attribute>
    <xsl:attribute name="display-align">center</xsl:attribute>
    <xsl:attribute name="text-align">center</xsl:attribute>
    <xsl:attribute name="background-color">#EDEDED</xsl:attribute>
  </xsl:attribute-set>

  <!-- ============================================ computed figures -->
  <!-- A figure computed by the pipeline is a child <計算 名稱="…"> of the
       element it belongs to (templates/schema/computed.md, defined in
       templates/results/figures.xml); it is printed as is. The templates
       never compute a figure themselves: one place, one rule. -->
  <xsl:template name="fig">
    <xsl:param name="at" select="."/>
    <xsl:param name="name"/>
    <xsl:value-of select="$at/計算[@名稱 = $name][1]"/>
  </xsl:template>

  <!-- ============================================ numbers -->
  <!-- 2,526 -->
  <xsl:template name="int">
    <xsl:param name="n"/>
    <xsl:value-of select="format-number($n, '#,##0')"/>
  </xsl:template>

  <!-- percentage number, rounded half up (computed as num*10^k div den so that
       integer fractions round exactly); 100 and other whole values print
       without decimals, the others with $decimals decimals; den 0 gives "-" -->
  <xsl:template name="pct">
    <xsl:param name="num"/>
    <xsl:param name="den"/>
    <xsl:param name="decimals" select="2"/>
    <xsl:choose>
      <xsl:when test="not(number($den) &gt; 0)">-</xsl:when>
      <!-- a share that is not zero never prints 0, one short of the whole
           never 100 (docs/layout.md: 「<1%」, 「>99%」) -->
      <xsl:when test="$decimals = 0 and $num &gt; 0 and round($num * 100 div $den) = 0">&lt;1</xsl:when>
      <xsl:when test="$decimals = 0 and $num &lt; $den and round($num * 100 div $den) = 100">&gt;99</xsl:when>
      <xsl:when test="$decimals = 0">
        <xsl:value-of select="round($num * 100 div $den)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="v" select="round($num * 10000 div $den) div 100"/>
        <xsl:choose>
          <xsl:when test="$v = floor($v)"><xsl:value-of select="$v"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="format-number($v, '0.00')"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 一 … 九十九 -->
  <xsl:template name="cn-num">
    <xsl:param name="n"/>
    <xsl:variable name="d" select="'一二三四五六七八九'"/>
    <xsl:choose>
      <xsl:when test="$n &lt; 10"><xsl:value-of select="substring($d, $n, 1)"/></xsl:when>
      <xsl:when test="$n &lt; 100">
        <xsl:if test="floor($n div 10) &gt; 1">
          <xsl:value-of select="substring($d, floor($n div 10), 1)"/>
        </xsl:if>
        <xsl:text>十</xsl:text>
        <xsl:if test="$n mod 10 != 0"><xsl:value-of select="substring($d, $n mod 10, 1)"/></xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$n"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 一 → 1 (category codes 一…六) -->
  <xsl:template name="cn-digit-value">
    <xsl:param name="c"/>
    <xsl:value-of select="string-length(substring-before('一二三四五六七八九', $c)) + 1"/>
  </xsl:template>

  <!-- ============================================ ROC dates -->
  <!-- $d is ISO YYYY-MM-DD (Gregorian). Styles, as the 112 form prints them:
       cn        113年2月22日   (approval line)
       dash0     112-09-01      (自辦訓練)
       slash     112/8/28       (性別分析)
       slash0    112/08/28      (性別影響評估) -->
  <xsl:template name="roc-date">
    <xsl:param name="d"/>
    <xsl:param name="style" select="'cn'"/>
    <xsl:variable name="iso" select="normalize-space($d)"/>
    <xsl:variable name="y" select="number(substring($iso, 1, 4)) - 1911"/>
    <xsl:variable name="m" select="number(substring($iso, 6, 2))"/>
    <xsl:variable name="dd" select="number(substring($iso, 9, 2))"/>
    <xsl:choose>
      <xsl:when test="$style = 'cn'">
        <xsl:value-of select="concat($y, '年', $m, '月', $dd, '日')"/>
      </xsl:when>
      <xsl:when test="$style = 'dash0'">
        <xsl:value-of select="concat($y, '-', substring($iso, 6, 2), '-', substring($iso, 9, 2))"/>
      </xsl:when>
      <xsl:when test="$style = 'slash0'">
        <xsl:value-of select="concat($y, '/', substring($iso, 6, 2), '/', substring($iso, 9, 2))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat($y, '/', $m, '/', $dd)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================ names -->
  <!-- A name is printed as the data has it: in the public edition the
       program has already replaced every declared name, wherever it
       occurs, by its masked form (generator/domain/mask.c, the one place
       names are masked; docs/data-format.md 〈姓名〉). Never mask or
       rebuild a name here. <非姓名> is text the author marked as not a
       person's name (林森北路); it prints as written. A name is never
       broken over two lines (layout: one piece). -->
  <xsl:template match="姓名" mode="inline">
    <fo:inline keep-together.within-line="always"><xsl:value-of select="normalize-space(.)"/></fo:inline>
  </xsl:template>

  <!-- a declared name found in running text: the program puts it, in its
       printed form, in <gr:name> (generator/domain/mask.c,
       gr_data_print_names); it too is one unbreakable piece -->
  <xsl:template match="gr:name" mode="inline">
    <fo:inline keep-together.within-line="always"><xsl:value-of select="."/></fo:inline>
  </xsl:template>

  <xsl:template match="非姓名" mode="inline">
    <xsl:value-of select="normalize-space(.)"/>
  </xsl:template>

  <!-- names joined by a separator -->
  <xsl:template name="names">
    <xsl:param name="list"/>
    <xsl:param name="sep" select="'、'"/>
    <xsl:param name="suffix" select="''"/>
    <xsl:for-each select="$list">
      <xsl:if test="position() &gt; 1"><xsl:value-of select="$sep"/></xsl:if>
      <xsl:apply-templates select="." mode="inline"/>
      <xsl:value-of select="$suffix"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ============================================ check boxes -->
  <xsl:template name="box">
    <xsl:param name="on" select="false()"/>
    <xsl:choose>
      <xsl:when test="$on">☑</xsl:when>
      <xsl:otherwise>☐</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- one option per line: ☑一般公務人員 -->
  <xsl:template name="option">
    <xsl:param name="on" select="false()"/>
    <xsl:param name="label"/>
    <fo:block><xsl:copy-of select="@gr:line"/>
      <fo:inline keep-together.within-line="always">
        <xsl:call-template name="box"><xsl:with-param name="on" select="$on"/></xsl:call-template>
        <xsl:value-of select="substring($label, 1, 2)"/>
      </fo:inline>
      <xsl:value-of select="substring($label, 3)"/>
    </fo:block>
  </xsl:template>

  <!-- ============================================ running text -->
  <!-- Text nodes: a line break typed in the data (with its indentation)
       disappears between two CJK characters and becomes one space between
       two Latin letters or digits; leading/trailing white space of a text
       run next to a block or the container edge is dropped. -->
  <xsl:template match="text()" mode="inline">
    <xsl:variable name="joined">
      <xsl:call-template name="join-lines">
        <xsl:with-param name="s" select="translate(., '&#9;&#13;', '&#10;&#10;')"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="lead" select="not(preceding-sibling::node()[1][self::姓名 or self::非姓名 or self::gr:name])"/>
    <xsl:variable name="trail" select="not(following-sibling::node()[1][self::姓名 or self::非姓名 or self::gr:name])"/>
    <xsl:call-template name="trim">
      <xsl:with-param name="s" select="$joined"/>
      <xsl:with-param name="lead" select="$lead"/>
      <xsl:with-param name="trail" select="$trail"/>
    </xsl:call-template>
  </xsl:template>

  <!-- accented Latin letters (U+00C0–U+024F, U+1E00–U+1EFF): a line break
       between them and a Latin letter is a space too (Nguyễn Thị / Lan) -->
  <xsl:variable name="latin-letters" select="'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĲĳĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŉŊŋŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƀƁƂƃƄƅƆƇƈƉƊƋƌƍƎƏƐƑƒƓƔƕƖƗƘƙƚƛƜƝƞƟƠơƢƣƤƥƦƧƨƩƪƫƬƭƮƯưƱƲƳƴƵƶƷƸƹƺƻƼƽƾƿǀǁǂǃǄǅǆǇǈǉǊǋǌǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǝǞǟǠǡǢǣǤǥǦǧǨǩǪǫǬǭǮǯǰǱǲǳǴǵǶǷǸǹǺǻǼǽǾǿȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȜȝȞȟȠȡȢȣȤȥȦȧȨȩȪȫȬȭȮȯȰȱȲȳȴȵȶȷȸȹȺȻȼȽȾȿɀɁɂɃɄɅɆɇɈɉɊɋɌɍɎɏḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẚẛẜẝẞẟẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹỺỻỼỽỾỿ'"/>

  <xsl:template name="join-lines">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '&#10;')">
        <xsl:variable name="left">
          <xsl:call-template name="trim">
            <xsl:with-param name="s" select="substring-before($s, '&#10;')"/>
            <xsl:with-param name="lead" select="false()"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="rest" select="substring-after($s, '&#10;')"/>
        <xsl:variable name="right-raw">
          <xsl:call-template name="trim">
            <xsl:with-param name="s" select="$rest"/>
            <xsl:with-param name="trail" select="false()"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="a" select="substring($left, string-length($left), 1)"/>
        <xsl:variable name="b" select="substring($right-raw, 1, 1)"/>
        <xsl:value-of select="$left"/>
        <xsl:if test="$a != '' and $b != '' and string-length(translate(concat($a, $b),
            concat('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789,.;:!?)(%', $latin-letters), '')) = 0">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:call-template name="join-lines">
          <xsl:with-param name="s" select="$right-raw"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- strip spaces (and line breaks) at the start and/or end -->
  <xsl:template name="trim">
    <xsl:param name="s"/>
    <xsl:param name="lead" select="true()"/>
    <xsl:param name="trail" select="true()"/>
    <xsl:choose>
      <xsl:when test="$lead and (starts-with($s, ' ') or starts-with($s, '&#10;'))">
        <xsl:call-template name="trim">
          <xsl:with-param name="s" select="substring($s, 2)"/>
          <xsl:with-param name="lead" select="$lead"/>
          <xsl:with-param name="trail" select="$trail"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$trail and string-length($s) &gt; 0 and
          (substring($s, string-length($s)) = ' ' or substring($s, string-length($s)) = '&#10;')">
        <xsl:call-template name="trim">
          <xsl:with-param name="s" select="substring($s, 1, string-length($s) - 1)"/>
          <xsl:with-param name="lead" select="false()"/>
          <xsl:with-param name="trail" select="$trail"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the inline part of an element: its text, <姓名>, <非姓名> and
       <gr:name> children -->
  <xsl:template name="inline-content">
    <xsl:param name="of" select="."/>
    <xsl:apply-templates select="$of/text() | $of/姓名 | $of/非姓名 | $of/gr:name" mode="inline"/>
  </xsl:template>

  <!-- ============================================ data fields -->
  <!-- Every text field of the data (a title, a course or programme name, a
       caption, a cell filled from a field) is printed through this mode,
       never with value-of: a declared name found in it is a <gr:name>
       (generator/domain/mask.c, already masked in the public edition) and
       prints as one unbreakable piece, and a line break typed inside the
       field joins as in running text. -->
  <xsl:template match="*" mode="field">
    <xsl:call-template name="inline-content"/>
  </xsl:template>

  <!-- ============================================ body (text or blocks) -->
  <!-- A field of type "body" holds either running text or <段落>/<清單>. -->
  <xsl:template name="body">
    <xsl:param name="of" select="."/>
    <xsl:param name="empty" select="''"/>
    <xsl:choose>
      <xsl:when test="$of/段落 | $of/清單">
        <xsl:apply-templates select="$of/段落 | $of/清單" mode="block"/>
      </xsl:when>
      <xsl:when test="normalize-space($of) != ''">
        <fo:block xsl:use-attribute-sets="para"><xsl:copy-of select="$of/@gr:line"/>
          <xsl:call-template name="inline-content"><xsl:with-param name="of" select="$of"/></xsl:call-template>
        </fo:block>
      </xsl:when>
      <xsl:otherwise>
        <fo:block xsl:use-attribute-sets="para"><xsl:copy-of select="@gr:line"/><xsl:value-of select="$empty"/></fo:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the same inside a table cell: no paragraph spacing, start-aligned -->
  <xsl:template name="cell-body">
    <xsl:param name="of" select="."/>
    <xsl:choose>
      <xsl:when test="$of/段落 | $of/清單">
        <xsl:apply-templates select="$of/段落 | $of/清單" mode="block">
          <xsl:with-param name="in-cell" select="true()"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <fo:block><xsl:copy-of select="$of/@gr:line"/>
          <xsl:call-template name="inline-content"><xsl:with-param name="of" select="$of"/></xsl:call-template>
        </fo:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="段落" mode="block">
    <xsl:param name="in-cell" select="false()"/>
    <xsl:choose>
      <xsl:when test="$in-cell">
        <fo:block><xsl:copy-of select="@gr:line"/><xsl:call-template name="inline-content"/></fo:block>
      </xsl:when>
      <xsl:otherwise>
        <fo:block xsl:use-attribute-sets="para"><xsl:copy-of select="@gr:line"/><xsl:call-template name="inline-content"/></fo:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- lists: label from 樣式, nested lists and paragraphs inside items -->
  <xsl:template match="清單" mode="block">
    <xsl:param name="in-cell" select="false()"/>
    <xsl:variable name="style">
      <xsl:choose>
        <xsl:when test="@樣式"><xsl:value-of select="@樣式"/></xsl:when>
        <xsl:when test="ancestor::清單">○</xsl:when>
        <xsl:otherwise>●</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="n" select="count(項)"/>
    <xsl:variable name="dist">
      <xsl:choose>
        <xsl:when test="$style = '無'">0em</xsl:when>
        <xsl:when test="$style = '(一)' or $style = '(1)'">2.3em</xsl:when>
        <xsl:when test="$style = '一.' or $style = '一、' or $style = '1、'">2em</xsl:when>
        <xsl:when test="$style = '1.' and $n &gt; 9">1.9em</xsl:when>
        <xsl:when test="$style = '1.'">1.4em</xsl:when>
        <xsl:otherwise>1.4em</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <fo:list-block provisional-distance-between-starts="{$dist}"
                   provisional-label-separation="0.2em"><xsl:copy-of select="@gr:line"/>
      <xsl:if test="not($in-cell)">
        <xsl:attribute name="space-after">3pt</xsl:attribute>
      </xsl:if>
      <xsl:for-each select="項">
        <fo:list-item><xsl:copy-of select="@gr:line"/>
          <fo:list-item-label end-indent="label-end()"><xsl:copy-of select="@gr:line"/>
            <fo:block><xsl:copy-of select="@gr:line"/>
              <xsl:call-template name="list-label">
                <xsl:with-param name="style" select="$style"/>
                <xsl:with-param name="i" select="position()"/>
              </xsl:call-template>
            </fo:block>
          </fo:list-item-label>
          <fo:list-item-body start-indent="body-start()"><xsl:copy-of select="@gr:line"/>
            <fo:block text-align="justify"><xsl:copy-of select="@gr:line"/>
              <xsl:call-template name="inline-content"/>
            </fo:block>
            <xsl:apply-templates select="段落 | 清單" mode="block">
              <xsl:with-param name="in-cell" select="true()"/>
            </xsl:apply-templates>
          </fo:list-item-body>
        </fo:list-item>
      </xsl:for-each>
    </fo:list-block>
  </xsl:template>

  <xsl:template name="list-label">
    <xsl:param name="style"/>
    <xsl:param name="i"/>
    <xsl:choose>
      <xsl:when test="$style = '1.'"><xsl:value-of select="concat($i, '.')"/></xsl:when>
      <xsl:when test="$style = '1、'"><xsl:value-of select="concat($i, '、')"/></xsl:when>
      <xsl:when test="$style = '(1)'"><xsl:value-of select="concat('(', $i, ')')"/></xsl:when>
      <xsl:when test="$style = '一.' or $style = '一、' or $style = '(一)'">
        <xsl:variable name="cn">
          <xsl:call-template name="cn-num"><xsl:with-param name="n" select="$i"/></xsl:call-template>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$style = '一.'"><xsl:value-of select="concat($cn, '.')"/></xsl:when>
          <xsl:when test="$style = '一、'"><xsl:value-of select="concat($cn, '、')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('(', $cn, ')')"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$style = '無'"/>
      <xsl:otherwise><xsl:value-of select="$style"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================ table helpers -->
  <xsl:template name="head-cell">
    <xsl:param name="text"/>
    <xsl:param name="of" select="/.."/>
    <xsl:param name="cols" select="1"/>
    <xsl:param name="rows" select="1"/>
    <fo:table-cell xsl:use-attribute-sets="head"><xsl:copy-of select="@gr:line"/>
      <xsl:if test="$cols &gt; 1">
        <xsl:attribute name="number-columns-spanned"><xsl:value-of select="$cols"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="$rows &gt; 1">
        <xsl:attribute name="number-rows-spanned"><xsl:value-of select="$rows"/></xsl:attribute>
      </xsl:if>
      <fo:block><xsl:copy-of select="@gr:line"/><xsl:call-template name="text-or-field"><xsl:with-param name="text" select="$text"/><xsl:with-param name="of" select="$of"/></xsl:call-template></fo:block>
    </fo:table-cell>
  </xsl:template>

  <!-- a plain body cell with one line of text: the form's own $text, or
       the data field $of (printed through mode "field": names kept whole) -->
  <xsl:template name="text-cell">
    <xsl:param name="text"/>
    <xsl:param name="of" select="/.."/>
    <xsl:param name="align" select="'start'"/>
    <xsl:param name="cols" select="1"/>
    <fo:table-cell xsl:use-attribute-sets="cell" text-align="{$align}"><xsl:copy-of select="@gr:line"/>
      <xsl:if test="$cols &gt; 1">
        <xsl:attribute name="number-columns-spanned"><xsl:value-of select="$cols"/></xsl:attribute>
      </xsl:if>
      <fo:block><xsl:copy-of select="@gr:line"/><xsl:call-template name="text-or-field"><xsl:with-param name="text" select="$text"/><xsl:with-param name="of" select="$of"/></xsl:call-template></fo:block>
    </fo:table-cell>
  </xsl:template>

  <xsl:template name="text-or-field">
    <xsl:param name="text"/>
    <xsl:param name="of" select="/.."/>
    <xsl:choose>
      <xsl:when test="$of"><xsl:apply-templates select="$of[1]" mode="field"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- $cols empty cells, each with its column rules (the form keeps the
       grid of a 「1. 無」 row; never one merged cell) -->
  <xsl:template name="empty-cell">
    <xsl:param name="cols" select="1"/>
    <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
      <fo:block/>
    </fo:table-cell>
    <xsl:if test="$cols &gt; 1">
      <xsl:call-template name="empty-cell"><xsl:with-param name="cols" select="$cols - 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- note "*…": under a table it stays with the table; under a heading
       (keep = 'next') it stays with the heading and what the heading
       introduces, so a heading and its note never end a page -->
  <xsl:template name="note">
    <xsl:param name="text"/>
    <xsl:param name="keep" select="'previous'"/>
    <fo:block xsl:use-attribute-sets="note"><xsl:copy-of select="@gr:line"/>
      <xsl:choose>
        <xsl:when test="$keep = 'next'"><xsl:attribute name="keep-with-next">always</xsl:attribute></xsl:when>
        <xsl:otherwise><xsl:attribute name="keep-with-previous">always</xsl:attribute></xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="$text"/>
    </fo:block>
  </xsl:template>

</xsl:stylesheet>

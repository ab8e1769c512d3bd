<?xml version="1.0" encoding="UTF-8"?>
<!--
  strategy.xsl — 七、推展性別平等工作策略及具體措施類別及項目: the group rules,
  and the grid 類別 | 項目 | entries, with the wording of the 112 form
  (109–112 master plan, item (一)1 already renamed, footnote ¹).

  The wording lives in the named templates below so that a later form
  (templates/results/113/) imports this file and overrides only them:
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

    <fo:block xsl:use-attribute-sets="h1" id="sec-7"><xsl:copy-of select="@gr:line"/>七、推展性別平等工作策略及具體措施類別及項目</fo:block>
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
          <fo:table-cell xsl:use-attribute-sets="cell" number-rows-spanned="{$n}" display-align="before"><xsl:copy-of select="@gr:line"/>
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

  <!-- ===================================== wording of the 112 form -->
  <xsl:template name="strategy-group-rules">
    <fo:block keep-with-next="always"><xsl:copy-of select="@gr:line"/>辦理單位及規範：各執行辦理單位依組別每年辦理類別及項目如下：</fo:block>
    <fo:block start-indent="1em" keep-with-next="always"><xsl:copy-of select="@gr:line"/>(一) A群：下開(一)至(六)類，每年至少辦理5類，總計至少7項以上。</fo:block>
    <fo:block start-indent="1em" keep-with-next="always"><xsl:copy-of select="@gr:line"/>(二) B群：下開(一)至(六)類，每年至少辦理4類，總計至少5項以上。</fo:block>
    <fo:block start-indent="1em" keep-with-next="always"><xsl:copy-of select="@gr:line"/>(三) C群：下開(一)至(六)類，每年至少辦理3類，總計至少3項以上。</fo:block>
    <fo:block start-indent="1em" keep-with-next="always"><xsl:copy-of select="@gr:line"/>(四) D群：下開(一)至(六)類，每年至少辦理3類，總計至少5項以上。</fo:block>
    <fo:block start-indent="1em" space-after="3pt"><xsl:copy-of select="@gr:line"/>(五) D1組、E1組：下開(一)至(六)類，每年至少辦理2類，總計至少3項以上。</fo:block>
  </xsl:template>

  <xsl:template name="strategy-item-label">
    <xsl:param name="i"/>
    <xsl:value-of select="concat($i, '、')"/>
  </xsl:template>

  <xsl:template name="strategy-category-title">
    <xsl:param name="c"/>
    <xsl:choose>
      <xsl:when test="$c = 1">針對本府重要性別平等議題，主動規劃辦理促進性別平等或相較於現行法令更加友善之政策、措施、方案、計畫等之一</xsl:when>
      <xsl:when test="$c = 2">針對本府重要性別平等議題，主動規劃辦理促進性別平等或相較於現行法令更加友善之政策、措施、方案、計畫等之二</xsl:when>
      <xsl:when test="$c = 3">積極運用與結合資源拓展性別平等業務，鼓勵、督導區公所、所屬機關、民間組織(如人民團體、基金會、機構等)與企業推動性別平等</xsl:when>
      <xsl:when test="$c = 4">推動及實踐性別友善環境、設計及服務</xsl:when>
      <xsl:when test="$c = 5">市民性別平等宣導及教育</xsl:when>
      <xsl:when test="$c = 6">依業務屬性自編性別平等教材或案例</xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="strategy-item-count">
    <xsl:param name="c"/>
    <xsl:value-of select="substring('454453', $c, 1)"/>
  </xsl:template>

  <xsl:template name="strategy-item-footnote">
    <xsl:param name="c"/>
    <xsl:param name="i"/>
    <xsl:if test="$c = 1 and $i = 1">考量本府性平政策自112年起由「以性別觀點建構之因應少子化高齡化政策」轉換為「2030邁向永續發展的臺北市性別平等政策」，並已納入「臺北市政府暨各機關(構)落實性別主流化暨推展性別平等工作總計畫(113-116年)」(草案)，為符實際業務運作及成果提報，爰於本次成果報告項目先行列入。</xsl:if>
  </xsl:template>

  <xsl:template name="strategy-item-text">
    <xsl:param name="c"/>
    <xsl:param name="i"/>
    <xsl:variable name="k" select="$c * 10 + $i"/>
    <xsl:choose>
      <xsl:when test="$k = 11">以性別觀點建構之因應少子化高齡化政策、2030邁向永續發展的臺北市性別平等政策。</xsl:when>
      <xsl:when test="$k = 12">女性經濟賦權與照顧、勞動職場性別平等、促進工作與家庭平衡等。</xsl:when>
      <xsl:when test="$k = 13">與性別相關之交織歧視議題，例如身心障礙女性、高齡女性、女童等。</xsl:when>
      <xsl:when test="$k = 14">關注男性處境及需求，提供具性別觀點之政策、計畫或服務。</xsl:when>

      <xsl:when test="$k = 21">因應司法院釋字第748號解釋施行法施行，同志家庭及其第二代相關服務與措施。</xsl:when>
      <xsl:when test="$k = 22">研析跨性別者與雙性人等性少數之困境及需求，於政策措施層面檢視及改善。</xsl:when>
      <xsl:when test="$k = 23">於各業務或各類型計畫涉及人數、人次、人口比例等之 KPI，倘其性別數據卻有差異且確有可能達致性別不平等，於整體目標值外，分設男女目標值。</xsl:when>
      <xsl:when test="$k = 24">國際參與融入性別平等議題，如參與各類主題之研討會、工作坊、參訪或拜會等國際交流，分享或發表機關構或本府推動性別平等相關成果。</xsl:when>
      <xsl:when test="$k = 25">各機關辦理府級政策規劃或管考業務融入性別平等概念，例如(委託)研究發展項目先期審查、市府策略地圖、創意提案競賽、智慧城市、運用統計資訊支援決策情形等。</xsl:when>

      <xsl:when test="$k = 31">鼓勵、督導所屬機關、自營館所等單位訂頒推動性別主流化實施計畫。</xsl:when>
      <xsl:when test="$k = 32">鼓勵、委託、合作或補助區公所、所屬機關、民間組織與企業訂定、辦理或推動性別平等計畫、方案或措施。</xsl:when>
      <xsl:when test="$k = 33">於各類補助、獎勵、徵選、評鑑及考核區公所、所屬機關、民間組織與企業之計畫或方案等，納入對象若有推動性別平等之事項得以加額補助、優先補助、加分等積極獎勵作為。</xsl:when>
      <xsl:when test="$k = 34">建立民間團體於性平小組間接提案機制，例如邀請民間團體於機關構性別平等專案小組列席、專案報告或提案。</xsl:when>

      <xsl:when test="$k = 41">建置或改建各類性別友善設施設備及服務，如友善育嬰設施、臨托服務、哺集乳室、衡平廁所性別比例、不分性別廁所或盥洗室、親子廁所盥洗室、照護床等。</xsl:when>
      <xsl:when test="$k = 42">辦理活動時優先考量設有性別友善設施設備之場地。</xsl:when>
      <xsl:when test="$k = 43">於活動場地設置各項性別友善設施設備及服務。</xsl:when>
      <xsl:when test="$k = 44">規劃性別友善專區提供服務。</xsl:when>

      <xsl:when test="$k = 51">辦理以性別平等為主軸之活動。</xsl:when>
      <xsl:when test="$k = 52">辦理活動時，於主題融入性別平等概念，或於內容納入性別平等專題活動。</xsl:when>
      <xsl:when test="$k = 53">依節日規劃與性別平等相關之專題活動或方案，例如兒童節、婦女節、社工日、母親節、護理師節、國際反恐同日、父親節、臺灣女孩日等。</xsl:when>
      <xsl:when test="$k = 54">運用多元宣導方式(含平面、網頁、廣播、影音、座談會、說明會、記者會、活動、性別意識培力課程等)或擴大宣導涵蓋範圍及對象(含屬學校教師學生、民間組織、人民團體、基金會、機構、企業、里長、一般民眾等)。</xsl:when>
      <xsl:when test="$k = 55">自製具性別平等意識之宣導文宣：須有具體宣導內容。</xsl:when>

      <xsl:when test="$k = 61">針對與機關構業務相關專業人員研發具性別平等意識之教材或案例，如社工、托育人員、警察、消防員、護理師、照顧服務員等。</xsl:when>
      <xsl:when test="$k = 62">針對機關構業務研發一般具性別平等意識之教材或案例彙編等。</xsl:when>
      <xsl:when test="$k = 63">針對一般民眾研發性別平等宣導教材，如繪本、桌遊、案例彙編等。</xsl:when>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  training.xsl — 性別意識培力 (含所屬機關): (一) 一般公務人員, (二) 實體課程參訓率,
  (三) 主管人員, (四) 性平聯絡人參訓時數, (五) 自辦訓練.
  Computed figures (computed.md): 總人數, 整體完成人數, 整體/男性/女性完成比率,
  實體課程參訓率, 參訓時數/完成比率, 訓練/參加總人數.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:gr="urn:x-gereport:source">

  <xsl:template match="性別意識培力">
    <fo:block xsl:use-attribute-sets="h1" id="sec-training"><xsl:copy-of select="@gr:line"/><xsl:value-of select="$form/sections/section[@id = 'sec-training']/@title"/></fo:block>

    <fo:block xsl:use-attribute-sets="h2"><xsl:copy-of select="@gr:line"/>(一) 一般公務人員*參訓比率</fo:block>
    <xsl:call-template name="note">
      <xsl:with-param name="keep" select="'next'"/>
      <xsl:with-param name="text">*「一般公務人員」係指1. 依法任用、派用之有給專任人員；2. 依法聘任、聘用及僱用人員；3. 公務人員考試錄用人員。<xsl:call-template name="training-hours-rule"/></xsl:with-param>
    </xsl:call-template>
    <xsl:apply-templates select="一般公務人員">
      <xsl:with-param name="labels" select="'總人數：|男性人數：|女性人數：'"/>
    </xsl:apply-templates>

    <xsl:apply-templates select="一般公務人員" mode="physical"/>

    <fo:block xsl:use-attribute-sets="h2"><xsl:copy-of select="@gr:line"/>(三) 主管人員*參訓比率</fo:block>
    <xsl:call-template name="note">
      <xsl:with-param name="keep" select="'next'"/>
      <xsl:with-param name="text">*「主管人員」係指市府及機關正副首長、正副幕僚長及單位主管，<xsl:call-template name="training-hours-rule"/></xsl:with-param>
    </xsl:call-template>
    <xsl:apply-templates select="主管人員">
      <xsl:with-param name="labels" select="'主管總人數：|男性主管人數：|女性主管人數：'"/>
    </xsl:apply-templates>

    <xsl:apply-templates select="參訓時數"/>
    <xsl:apply-templates select="自辦訓練"/>
  </xsl:template>

  <!-- the sentence shared by the notes of (一) and (三) -->
  <xsl:template name="training-hours-rule">每人每年均須完成3小時性別主流化訓練。</xsl:template>

  <!-- (一)/(三): three labelled lines and the completion table -->
  <xsl:template match="一般公務人員 | 主管人員">
    <xsl:param name="labels"/>
    <xsl:variable name="m" select="number(人數/男)"/>
    <xsl:variable name="f" select="number(人數/女)"/>
    <xsl:variable name="dm" select="number(完成人數/男)"/>
    <xsl:variable name="df" select="number(完成人數/女)"/>
    <xsl:variable name="total">
      <xsl:call-template name="fig">
        <xsl:with-param name="name" select="'總人數'"/>
      </xsl:call-template>
    </xsl:variable>
    <fo:block keep-with-next="always"><xsl:copy-of select="@gr:line"/><xsl:value-of select="concat(substring-before($labels, '|'), $total, '人')"/></fo:block>
    <fo:block keep-with-next="always"><xsl:copy-of select="@gr:line"/><xsl:value-of select="concat(substring-before(substring-after($labels, '|'), '|'), format-number($m, '#,##0'), '人')"/></fo:block>
    <fo:block keep-with-next="always"><xsl:copy-of select="@gr:line"/><xsl:value-of select="concat(substring-after(substring-after($labels, '|'), '|'), format-number($f, '#,##0'), '人')"/></fo:block>
    <fo:table xsl:use-attribute-sets="table"><xsl:copy-of select="@gr:line"/>
      <fo:table-column column-width="proportional-column-width(2.6)"/>
      <fo:table-column column-width="proportional-column-width(1.4)" number-columns-repeated="6"/>
      <fo:table-header><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="''"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'整體完成人數'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'整體完成比率'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'男性完成人數'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'男性完成比率'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'女性完成人數'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'女性完成比率'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="text-cell">
            <xsl:with-param name="text" select="'完成3小時性別主流化訓練'"/>
            <xsl:with-param name="align" select="'center'"/>
          </xsl:call-template>
          <xsl:call-template name="text-cell">
            <xsl:with-param name="text">
              <xsl:call-template name="fig">
                <xsl:with-param name="name" select="'整體完成人數'"/>
              </xsl:call-template>
            </xsl:with-param>
            <xsl:with-param name="align" select="'center'"/>
          </xsl:call-template>
          <xsl:call-template name="rate-cell">
            <xsl:with-param name="name" select="'整體完成比率'"/>
          </xsl:call-template>
          <xsl:call-template name="text-cell">
            <xsl:with-param name="text" select="format-number($dm, '#,##0')"/>
            <xsl:with-param name="align" select="'center'"/>
          </xsl:call-template>
          <xsl:call-template name="rate-cell">
            <xsl:with-param name="name" select="'男性完成比率'"/>
          </xsl:call-template>
          <xsl:call-template name="text-cell">
            <xsl:with-param name="text" select="format-number($df, '#,##0')"/>
            <xsl:with-param name="align" select="'center'"/>
          </xsl:call-template>
          <xsl:call-template name="rate-cell">
            <xsl:with-param name="name" select="'女性完成比率'"/>
          </xsl:call-template>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- 「100(%)」 -->
  <xsl:template name="rate-cell">
    <xsl:param name="name"/>
    <xsl:call-template name="text-cell">
      <xsl:with-param name="text">
        <xsl:call-template name="fig">
          <xsl:with-param name="name" select="$name"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="align" select="'center'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- (二) 實體課程參訓率 … 為64.29% -->
  <xsl:template match="一般公務人員" mode="physical">
    <fo:block xsl:use-attribute-sets="h2"><xsl:copy-of select="@gr:line"/>
      <xsl:text>(二) 實體課程參訓率 (一般公務人員完成3小時性別主流化訓練且其中含實體課程1小時以上者) 為</xsl:text>
      <xsl:call-template name="fig">
        <xsl:with-param name="name" select="'實體課程參訓率'"/>
      </xsl:call-template>
    </fo:block>
  </xsl:template>

  <!-- (四) 參訓時數：完成比率 = persons with at least the form's hours, of which the advanced hours ($form/training) -->
  <xsl:template match="參訓時數">
    <xsl:variable name="hours" select="number($form/training/@hours)"/>
    <xsl:variable name="advanced" select="number($form/training/@advanced-hours)"/>
    <fo:block xsl:use-attribute-sets="h2"><xsl:copy-of select="@gr:line"/>
      <xsl:text>(四) 性平聯絡人及辦理性別平等業務相關人員參訓時數*：完成比率</xsl:text>
      <xsl:call-template name="fig">
        <xsl:with-param name="name" select="'完成比率'"/>
      </xsl:call-template>
    </fo:block>
    <xsl:call-template name="note">
      <xsl:with-param name="keep" select="'next'"/>
      <xsl:with-param name="text" select="concat('*每人每年均須完成', $hours, '小時課程訓練，其中', $advanced, '小時以上應屬進階課程。年中間因職務異動者，則依人事處認定方式填列參訓時數。')"/>
    </xsl:call-template>
    <fo:table xsl:use-attribute-sets="table"><xsl:copy-of select="@gr:line"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(2.5)"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-header><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="''"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'姓名'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'年度培力總時數'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'進階課程時數'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body><xsl:copy-of select="@gr:line"/>
        <xsl:for-each select="人員">
          <fo:table-row><xsl:copy-of select="@gr:line"/>
            <xsl:call-template name="text-cell"><xsl:with-param name="of" select="身分"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <fo:table-cell xsl:use-attribute-sets="cell-c"><xsl:copy-of select="@gr:line"/>
              <fo:block><xsl:copy-of select="@gr:line"/><xsl:apply-templates select="姓名" mode="inline"/></fo:block>
            </fo:table-cell>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="normalize-space(年度培力總時數)"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="normalize-space(進階課程時數)"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
        <xsl:if test="not(人員)">
          <fo:table-row><xsl:copy-of select="@gr:line"/>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="'無'"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <xsl:call-template name="empty-cell"><xsl:with-param name="cols" select="3"/></xsl:call-template>
          </fo:table-row>
        </xsl:if>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- (五) 自辦訓練 -->
  <xsl:template match="自辦訓練">
    <fo:block xsl:use-attribute-sets="h2"><xsl:copy-of select="@gr:line"/>(五) 自辦訓練(含實體、視訊直播課程，且含跨機關聯合辦理；欄位不足請自行增加)</fo:block>
    <fo:table xsl:use-attribute-sets="table" font-size="9pt" line-height="1.3"><xsl:copy-of select="@gr:line"/>
      <fo:table-column column-width="proportional-column-width(7)"/>
      <fo:table-column column-width="18mm"/>
      <fo:table-column column-width="proportional-column-width(17)"/>
      <fo:table-column column-width="proportional-column-width(21)"/>
      <fo:table-column column-width="proportional-column-width(24)"/>
      <fo:table-column column-width="proportional-column-width(16)"/>
      <fo:table-column column-width="proportional-column-width(17)"/>
      <fo:table-column column-width="proportional-column-width(24)"/>
      <fo:table-column column-width="proportional-column-width(7)"/>
      <fo:table-column column-width="17mm"/>
      <fo:table-header><xsl:copy-of select="@gr:line"/>
        <fo:table-row><xsl:copy-of select="@gr:line"/>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'項次'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'辦理日期'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'訓練班期名稱'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'訓練對象(可複選)'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'訓練目標(內容)或活動簡介'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'講師資料'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'課程類別(可複選)'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'訓練方式(可複選)'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'時數'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="text" select="'參加人數'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body><xsl:copy-of select="@gr:line"/>
        <xsl:apply-templates select="訓練"/>
        <xsl:if test="not(訓練)">
          <fo:table-row><xsl:copy-of select="@gr:line"/>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="'1.'"/><xsl:with-param name="align" select="'center'"/></xsl:call-template>
            <xsl:call-template name="text-cell"><xsl:with-param name="text" select="'無'"/></xsl:call-template>
            <xsl:call-template name="empty-cell"><xsl:with-param name="cols" select="8"/></xsl:call-template>
          </fo:table-row>
        </xsl:if>
      </fo:table-body>
    </fo:table>
    <xsl:call-template name="note">
      <xsl:with-param name="text">*「訓練方式」之「多元形式」係指非僅以傳統講師授課方式辦理，如工作坊、座談會、參訪、電影賞析、讀書會、選讀性平相關媒材、個案研討、分組討論、角色扮演、體驗學習、案例演練、論壇、小旅行或實地踏查等；或其他具創意性且可提升前開各類受訓人員性別意識及知能等方式。</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="訓練">
    <xsl:variable name="who" select="訓練對象"/>
    <xsl:variable name="kind" select="課程類別"/>
    <xsl:variable name="how" select="訓練方式"/>
    <fo:table-row><xsl:copy-of select="@gr:line"/>
      <xsl:call-template name="text-cell">
        <xsl:with-param name="text" select="concat(position(), '.')"/>
        <xsl:with-param name="align" select="'center'"/>
      </xsl:call-template>
      <xsl:call-template name="text-cell">
        <xsl:with-param name="text">
          <xsl:call-template name="roc-date">
            <xsl:with-param name="d" select="辦理日期"/>
            <xsl:with-param name="style" select="'dash0'"/>
          </xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="align" select="'center'"/>
      </xsl:call-template>
      <xsl:call-template name="text-cell"><xsl:with-param name="of" select="訓練班期名稱"/></xsl:call-template>
      <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
        <xsl:call-template name="option"><xsl:with-param name="on" select="$who = '一般公務人員'"/><xsl:with-param name="label" select="'一般公務人員'"/></xsl:call-template>
        <xsl:call-template name="option"><xsl:with-param name="on" select="$who = '高階公務人員'"/><xsl:with-param name="label" select="'高階公務人員'"/></xsl:call-template>
        <xsl:call-template name="option"><xsl:with-param name="on" select="$who = '職工'"/><xsl:with-param name="label" select="'職工'"/></xsl:call-template>
        <fo:block><xsl:copy-of select="@gr:line"/>
          <fo:inline keep-together.within-line="always">
            <xsl:call-template name="box"><xsl:with-param name="on" select="$who = '其他'"/></xsl:call-template>
            <xsl:text>其他：</xsl:text>
          </fo:inline>
          <xsl:choose>
            <xsl:when test="normalize-space(其他訓練對象) != ''"><xsl:apply-templates select="其他訓練對象" mode="field"/></xsl:when>
            <xsl:otherwise><fo:leader leader-pattern="rule" leader-length="3em" rule-thickness="0.5pt"/></xsl:otherwise>
          </xsl:choose>
        </fo:block>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
        <xsl:call-template name="cell-body"><xsl:with-param name="of" select="訓練目標"/></xsl:call-template>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
        <xsl:call-template name="cell-body"><xsl:with-param name="of" select="講師資料"/></xsl:call-template>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
        <xsl:call-template name="option"><xsl:with-param name="on" select="$kind = '基礎課程'"/><xsl:with-param name="label" select="'基礎課程'"/></xsl:call-template>
        <xsl:call-template name="option"><xsl:with-param name="on" select="$kind = '進階課程'"/><xsl:with-param name="label" select="'進階課程'"/></xsl:call-template>
        <xsl:call-template name="option"><xsl:with-param name="on" select="$kind = 'CEDAW'"/><xsl:with-param name="label" select="'CEDAW'"/></xsl:call-template>
        <xsl:call-template name="option"><xsl:with-param name="on" select="$kind = '性別主流化'"/><xsl:with-param name="label" select="'性別主流化'"/></xsl:call-template>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
        <xsl:call-template name="option"><xsl:with-param name="on" select="$how = '一般講授'"/><xsl:with-param name="label" select="'一般講授'"/></xsl:call-template>
        <xsl:call-template name="option"><xsl:with-param name="on" select="$how = '多元形式'"/><xsl:with-param name="label" select="'多元形式*'"/></xsl:call-template>
        <xsl:call-template name="option"><xsl:with-param name="on" select="$how = '含實際案例討論'"/><xsl:with-param name="label" select="'含實際案例討論'"/></xsl:call-template>
        <xsl:call-template name="option"><xsl:with-param name="on" select="$how = '經課前問卷調查所辦理'"/><xsl:with-param name="label" select="'經課前問卷調查所辦理'"/></xsl:call-template>
        <xsl:call-template name="option"><xsl:with-param name="on" select="$how = '設計課後評估或滿意度調查問卷'"/><xsl:with-param name="label" select="'設計課後評估或滿意度調查問卷'"/></xsl:call-template>
      </fo:table-cell>
      <xsl:call-template name="text-cell">
        <xsl:with-param name="text" select="normalize-space(時數)"/>
        <xsl:with-param name="align" select="'center'"/>
      </xsl:call-template>
      <fo:table-cell xsl:use-attribute-sets="cell"><xsl:copy-of select="@gr:line"/>
        <fo:block><xsl:copy-of select="@gr:line"/>
          <xsl:text>總計</xsl:text>
          <xsl:call-template name="fig">
            <xsl:with-param name="name" select="'參加總人數'"/>
          </xsl:call-template>
          <xsl:text>人</xsl:text>
        </fo:block>
        <fo:block><xsl:copy-of select="@gr:line"/><xsl:value-of select="concat('男', format-number(參加人數/男, '#,##0'), '人')"/></fo:block>
        <fo:block><xsl:copy-of select="@gr:line"/><xsl:value-of select="concat('女', format-number(參加人數/女, '#,##0'), '人')"/></fo:block>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

</xsl:stylesheet>

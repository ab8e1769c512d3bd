<?xml version="1.0" encoding="UTF-8"?>
<!--
  results.xsl — 113–116 年「機關（構）推動性別平等工作成果報告」表單
  (master plan 113–116). Same data format (results-1.rng) and layout as the
  112 form, which it imports unchanged; it overrides only what the 113–116
  plan changed:
    - strategy categories (一)–(六): 27 items instead of 25, new wording
      (docs/DOMAIN.md §3.2); the ¹ note of item (一)1 is gone;
    - the years this form serves (113–116).

  Sources and choices:
    The only 113–116 wording in the seeds is the 資訊局's own plan (seed 001),
    localised with 「本局」. The city form is used by every agency, so the
    items say 「機關(構)」 / 「各機關」 where seed 001 says 「本局」, as the
    112 form did: (二)5, (二)6, (三)4, (六)1, (六)2. Everything else is
    verbatim from seed 001 (including 「倘其性別數據卻有差異」).
    Not known for 113–116 and therefore left as in the 112 form: the
    minimums per 組別 (七 intro), the training notes (3 hours; the 113–116
    plan adds 「其中1小時應為性騷擾相關課程」 for its own staff), and all other
    fixed texts. Change them here, never in ../112/.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:gr="urn:x-gereport:source">

  <xsl:import href="../112/results.xsl"/>

  <xsl:variable name="form-first-year" select="113"/>
  <xsl:variable name="form-last-year" select="116"/>

  <xsl:template name="strategy-item-count">
    <xsl:param name="c"/>
    <xsl:value-of select="substring('564453', $c, 1)"/>
  </xsl:template>

  <xsl:template name="strategy-item-footnote">
    <xsl:param name="c"/>
    <xsl:param name="i"/>
  </xsl:template>

  <xsl:template name="strategy-item-text">
    <xsl:param name="c"/>
    <xsl:param name="i"/>
    <xsl:variable name="k" select="$c * 10 + $i"/>
    <xsl:choose>
      <xsl:when test="$k = 11">2030邁向永續發展的臺北市性別平等政策。</xsl:when>
      <xsl:when test="$k = 12">女性經濟賦權與照顧、勞動職場性別平等、促進工作與家庭平衡、婚育後女性重返職場、男性參與家務分工及分擔照顧責任等。</xsl:when>
      <xsl:when test="$k = 13">與性別相關之交織歧視議題，例如身心障礙女性、高齡女性、女童等。</xsl:when>
      <xsl:when test="$k = 14">關注男性處境及需求，提供具性別觀點之政策、計畫或服務。</xsl:when>
      <xsl:when test="$k = 15">重視性騷擾、性侵害、家庭暴力、數位性別暴力等議題，將防治觀念及因應措施融入業務。</xsl:when>

      <xsl:when test="$k = 21">因應司法院釋字第748號解釋施行法施行，提供同志家庭及其第二代相關服務與措施。</xsl:when>
      <xsl:when test="$k = 22">研析同志、跨性別者與雙性人等性少數之困境及需求，於政策措施層面檢視及改善。</xsl:when>
      <xsl:when test="$k = 23">針對性別歧視或造成不利處境之行為，訂有改善措施、方案或計畫。</xsl:when>
      <xsl:when test="$k = 24">於各業務或各類型計畫涉及人數、人次、人口比例等之KPI，倘其性別數據卻有差異且確有可能達致性別不平等，於整體目標值外，分設男女目標值。</xsl:when>
      <xsl:when test="$k = 25">國際參與融入性別平等議題，如主辦或參與各類主題之年會、研討會、工作坊、參訪或拜會等國際交流，安排性別議題相關議程，分享或發表機關(構)或本府推動性別平等相關成果。</xsl:when>
      <xsl:when test="$k = 26">各機關辦理府級政策規劃或管考業務融入性別平等概念，例如(委託)研究發展項目先期審查、創意提案競賽、智慧城市、運用性別統計之情形、臺北市府企業社會責任納入評選項目表等。</xsl:when>

      <xsl:when test="$k = 31">鼓勵、督導所屬機關、自營館所等單位訂頒推動性別主流化實施計畫。</xsl:when>
      <xsl:when test="$k = 32">鼓勵、委託、合作或補助區公所、所屬機關、民間組織與企業訂定、辦理或推動性別平等計畫、方案或措施。</xsl:when>
      <xsl:when test="$k = 33">於各類補助、獎勵、徵選、評鑑及考核區公所、所屬機關、民間組織與企業之計畫或方案等，納入對象若有推動性別平等之事項得以加額補助、優先補助、加分等積極獎勵作為。</xsl:when>
      <xsl:when test="$k = 34">建立民間團體於性平小組間接提案機制，例如邀請民間團體於機關(構)性別平等專案小組列席、專案報告或提案。</xsl:when>

      <xsl:when test="$k = 41">建置或改建各類性別友善設施設備及服務，如友善育嬰設施、臨托服務、哺集乳室、廁所性別比例符合或優於法規、不分性別廁所或盥洗室、親子廁所盥洗室、照護床、男女廁均設置尿布臺等。</xsl:when>
      <xsl:when test="$k = 42">辦理活動時優先考量設有性別友善設施設備之場地。</xsl:when>
      <xsl:when test="$k = 43">於活動場地提供各項性別友善設施設備及服務，例如臨托服務、多功能親善流廁車、臨時哺(集)乳設施等。</xsl:when>
      <xsl:when test="$k = 44">規劃性別友善專區提供服務，例如兵役體檢友善服務、性別平等主題書展、市立聯合醫院親善服務櫃台等。</xsl:when>

      <xsl:when test="$k = 51">辦理以性別平等為主軸之活動。</xsl:when>
      <xsl:when test="$k = 52">辦理活動時，於主題融入性別平等概念，或於內容納入性別平等專題活動。</xsl:when>
      <xsl:when test="$k = 53">依節日規劃與性別平等相關之專題活動或方案，例如兒童節、婦女節、社工日、母親節、護理師節、國際不再恐同日、父親節、臺灣女孩日、性別平等教育日等。</xsl:when>
      <xsl:when test="$k = 54">運用多元宣導方式(含平面、網頁、廣播、影音、座談會、說明會、記者會、活動、性別意識培力課程等)或擴大宣導涵蓋範圍及對象(含屬學校教師學生、民間組織、人民團體、基金會、機構、企業、里長、一般民眾等)。</xsl:when>
      <xsl:when test="$k = 55">自製具性別平等意識之宣導文宣：須有具體宣導內容。</xsl:when>

      <xsl:when test="$k = 61">針對與機關(構)業務相關專業人員研發具性別平等意識之教材或案例，如社工、托育人員、警察、消防員、護理師、照顧服務員等。</xsl:when>
      <xsl:when test="$k = 62">針對機關(構)業務研發一般具性別平等意識之教材或案例彙編等。</xsl:when>
      <xsl:when test="$k = 63">針對一般民眾研發性別平等宣導教材，如繪本、桌遊、案例彙編等。</xsl:when>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

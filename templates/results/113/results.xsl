<?xml version="1.0" encoding="UTF-8"?>
<!--
  results.xsl — 113–116 年「機關（構）推動性別平等工作成果報告」表單
  (master plan 113–116). Same data format (results-1.rng) and layout as the
  112 form, which it imports unchanged; what the 113–116 plan changed
  (strategy categories (一)–(六): 27 items instead of 25, new wording,
  docs/DOMAIN.md §3.2; the ¹ note of item (一)1 is gone; the years 113–116)
  is in its form data, form.xml beside this file, which $form reads.

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

  <!-- this form's data: items, minimums, wording (docs/form-data.md) -->
  <xsl:variable name="form" select="document('form.xml')/form"/>
  <xsl:variable name="form-first-year" select="number($form/@first-year)"/>
  <xsl:variable name="form-last-year" select="number($form/@last-year)"/>

</xsl:stylesheet>

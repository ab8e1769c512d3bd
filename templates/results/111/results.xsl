<?xml version="1.0" encoding="UTF-8"?>
<!--
  results.xsl — 111 年「機關（構）推動性別平等工作成果報告」表單, serving the
  years 109–111 of the 109–112 master plan. Same data format and layout as
  the 112 form, which it imports unchanged; what differs (the strategy items
  with their 111 wording as seed 003 §六 quotes them, no footnote ¹ on (一)1,
  (三) with three items, the years 109–111) is in its form data, form.xml
  beside this file, which $form reads. Every assumption where the seeds are
  silent is listed in form.xml and docs/forms.md. Change 111 here, never in
  ../112/.
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

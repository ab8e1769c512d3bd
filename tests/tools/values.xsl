<?xml version="1.0" encoding="UTF-8"?>
<!-- values.xsl — every leaf element of a data file with text, one per line:
     "NAME<TAB>TEXT" (whitespace runs folded). For tests/t-results-text.sh. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:for-each select="//*[not(*)][normalize-space()]">
      <xsl:value-of select="name()"/>
      <xsl:text>&#9;</xsl:text>
      <xsl:value-of select="normalize-space()"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>

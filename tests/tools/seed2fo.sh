#!/bin/sh
# seed2fo.sh — turn plain-text files into one XSL-FO document for the tests
# and the benchmark: one fo:block per non-empty line, justified 12 pt TW-Kai
# on A4 (25 mm margins), xml:lang zh-TW. The text is only XML-escaped (& < >);
# Markdown/HTML debris in the seeds stays as literal text. Characters XML 1.0
# forbids (C0 controls other than tab/LF/CR) are dropped; CR is dropped.
#
# Usage: seed2fo.sh FILE... > OUT.fo      ("-" reads standard input)
# The page geometry here is what tools/margins.sh and the tests assume.
set -eu
[ $# -ge 1 ] || { echo "usage: seed2fo.sh FILE... > OUT.fo" >&2; exit 2; }
for f in "$@"; do
    [ "$f" = - ] || [ -r "$f" ] || { echo "seed2fo.sh: cannot read $f" >&2; exit 2; }
done
cat <<'HEAD'
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xml:lang="zh-TW">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm"
        margin-top="25mm" margin-bottom="25mm" margin-left="25mm" margin-right="25mm">
      <fo:region-body/>
    </fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="A4">
    <fo:flow flow-name="xsl-region-body">
      <fo:block font-family="TW-Kai" font-size="12pt" line-height="1.5"
          text-align="justify" xml:lang="zh-TW">
HEAD
# LC_ALL=C: the awk works on bytes; UTF-8 sequences pass through untouched.
LC_ALL=C awk '
function xml_escape(s) {
    gsub(/&/, "\\&amp;", s)
    gsub(/</, "\\&lt;", s)
    gsub(/>/, "\\&gt;", s)
    return s
}
{
    line = $0
    gsub(/[\001-\010\013\014\016-\037\r]/, "", line)
    if (line ~ /^[ \t]*$/) next
    printf "        <fo:block space-after=\"3pt\">%s</fo:block>\n", xml_escape(line)
}' "$@"
cat <<'TAIL'
      </fo:block>
    </fo:flow>
  </fo:page-sequence>
</fo:root>
TAIL

#!/bin/sh
# repeat-fo.sh — an FO document with its page sequences repeated N times,
# for the 50x benchmark (tests/bench.sh) and the linear-cost test: what
# comes before the first <fo:page-sequence (root, layout-master-set,
# bookmark-tree) is kept once, then everything from the first
# <fo:page-sequence to the last </fo:page-sequence> is written N times,
# then the rest. In copies 2..N every id, ref-id and internal-destination
# value gets the suffix "-repK" (K = copy number), so ids stay unique and each
# copy's citations and links point into that copy. Comments and CDATA are
# not understood: attribute values are rewritten wherever they appear in
# the repeated part (true of the fixtures).
#
# Usage: repeat-fo.sh N FILE.fo > OUT.fo
set -eu
if [ $# -ne 2 ] || [ ! -r "$2" ]; then echo "usage: repeat-fo.sh N FILE.fo > OUT.fo" >&2; exit 2; fi
case $1 in ''|*[!0-9]*|0) echo "repeat-fo.sh: N must be a positive integer" >&2; exit 2 ;; esac
LC_ALL=C awk -v n="$1" '
{ doc = doc $0 "\n" }
END {
    first = index(doc, "<fo:page-sequence")
    if (first == 0) { print "repeat-fo.sh: no fo:page-sequence" > "/dev/stderr"; exit 2 }
    rest = doc; last = 0; off = 0
    while ((i = index(rest, "</fo:page-sequence>")) > 0) {
        last = off + i + length("</fo:page-sequence>") - 1
        off += i; rest = substr(rest, i + 1)
    }
    if (last < first) { print "repeat-fo.sh: no </fo:page-sequence>" > "/dev/stderr"; exit 2 }
    head = substr(doc, 1, first - 1)
    body = substr(doc, first, last - first + 1)
    tail = substr(doc, last + 1)
    printf "%s", head
    for (k = 1; k <= n; k++) {
        printf "%s", (k == 1 ? body : suffixed(body, "-rep" k))
        if (k < n) printf "\n    "
    }
    printf "%s", tail
}
# every id="…", ref-id="…" and internal-destination="…" value + sfx
function suffixed(s, sfx,    out, m, pre) {
    out = ""
    while (match(s, /(^|[ \t\n])(id|ref-id|internal-destination)="[^"]*"/)) {
        pre = substr(s, 1, RSTART + RLENGTH - 2)
        out = out pre sfx "\""
        s = substr(s, RSTART + RLENGTH)
    }
    return out s
}' "$2"

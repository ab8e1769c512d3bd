#!/bin/sh
# margins.sh — the left and right page margins, in points, of the first
# fo:simple-page-master of an FO file (margin-left/-right, else the first and
# second value of the "margin" shorthand; units pt, mm, cm, in). Text never
# belongs left of the left margin or right of the right one: t-linerules.sh
# checks every word's box against them. Prints "LEFT RIGHT" ("0 0" if unknown).
#
# Usage: margins.sh FILE.fo
set -eu
if [ $# -ne 1 ] || [ ! -r "$1" ]; then echo "usage: margins.sh FILE.fo" >&2; exit 2; fi
LC_ALL=C awk '
function attr(s, name,    i, t) {
    i = index(s, " " name "=\"")
    if (i == 0) return ""
    t = substr(s, i + length(name) + 3)
    return substr(t, 1, index(t, "\"") - 1)
}
function pt(v,    n) {
    n = v + 0
    if (v ~ /mm$/) return n * 72 / 25.4
    if (v ~ /cm$/) return n * 72 / 2.54
    if (v ~ /in$/) return n * 72
    if (v ~ /pt$/) return n
    return 0
}
{ doc = doc " " $0 }
END {
    gsub(/[\t\r\n]/, " ", doc)
    i = index(doc, "<fo:simple-page-master")
    if (i == 0) { print "0 0"; exit }
    spm = substr(doc, i); spm = substr(spm, 1, index(spm, ">"))
    l = attr(spm, "margin-left"); r = attr(spm, "margin-right")
    m = attr(spm, "margin"); nm = split(m, mv, " ")
    if (l == "" && nm > 0) l = (nm >= 4) ? mv[4] : (nm >= 2 ? mv[2] : mv[1])
    if (r == "" && nm > 0) r = (nm >= 2) ? mv[2] : mv[1]
    printf "%.3f %.3f\n", pt(l), pt(r)
}' "$1"

#!/bin/sh
# linerules.sh — check the CLREQ line rules on the text lines of a PDF (the
# output of `pdflines.sh lines`: PAGE<TAB>TEXT per line):
#   - no line starts with a line-start-prohibited character
#       、。，．：；？！）」』】〕〉》﹞ ’ ”
#   - no line ends with a line-end-prohibited character
#       （「『【〔〈《﹝ ‘ “
#   - —— (U+2014 or U+2015) and …… (U+2026 or U+22EF) are never split: no
#     line ends with one half while the next line starts with the other.
# Exit 0 when clean; otherwise exit 1 and print each violation (at most 25,
# then a count) as "#   " detail lines.
#
# Usage: linerules.sh LINES.txt
set -eu
if [ $# -ne 1 ] || [ ! -r "$1" ]; then echo "usage: linerules.sh LINES.txt" >&2; exit 2; fi
# mawk works on bytes: each prohibited character is compared as the byte
# string of its UTF-8 form, at the start or at the end of the line.
# shellcheck disable=SC1112  # the curly quotes are meant
LC_ALL=C awk -F '\t' '
BEGIN {
    nstart = split("、 。 ， ． ： ； ？ ！ ） 」 』 】 〕 〉 》 ﹞ ’ ”", start_bad, " ")
    nend = split("（ 「 『 【 〔 〈 《 ﹝ ‘ “", end_bad, " ")
    nsplit = split("— ― … ⋯", unsplit, " ")
    shown = 0; count = 0
}
function starts(s, c) { return substr(s, 1, length(c)) == c }
function ends(s, c) { return length(s) >= length(c) && substr(s, length(s) - length(c) + 1) == c }
function report(msg) {
    count++
    if (++shown <= 25) printf "#   %s\n", msg
}
{
    page = $1
    text = substr($0, length($1) + 2)
    sub(/^ +/, "", text); sub(/ +$/, "", text)
    if (text == "") next
    for (i = 1; i <= nstart; i++)
        if (starts(text, start_bad[i]))
            report("page " page ": line starts with " start_bad[i] ": " text)
    for (i = 1; i <= nend; i++)
        if (ends(text, end_bad[i]))
            report("page " page ": line ends with " end_bad[i] ": " text)
    for (i = 1; i <= nsplit; i++)
        if (ends(prev, unsplit[i]) && starts(text, unsplit[i]))
            report("page " page ": " unsplit[i] unsplit[i] " split across lines: " prev " / " text)
    prev = text
}
END {
    if (count > 25) printf "#   … %d violations in all\n", count
    exit count > 0
}' "$1"

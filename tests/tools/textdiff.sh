#!/bin/sh
# textdiff.sh — compare two texts with all whitespace deleted (ASCII white
# space incl. form feeds, U+3000 ideographic space, U+00A0, U+200B, U+FEFF):
# pdftotext inserts line and page breaks, and an engine may drop spaces at
# line ends. Exit 0 when equal. Otherwise exit 1 and print, as "#   " detail
# lines, the first differing character position with 40 characters of
# context on each side of it, for both texts.
#
# Usage: textdiff.sh EXPECTED.txt ACTUAL.txt [WORKDIR]
# WORKDIR (default: the directory of ACTUAL) receives the normalised
# one-character-per-line files *.chars for inspection.
set -eu
[ $# -ge 2 ] || { echo "usage: textdiff.sh EXPECTED ACTUAL [WORKDIR]" >&2; exit 2; }
exp=$1 act=$2
work=${3:-$(dirname "$act")}
export LC_ALL=C.UTF-8        # GNU sed/grep: "." is one UTF-8 character

# One character per line, whitespace removed.
chars() {
    tr -d ' \t\n\r\f\v' < "$1" |
        sed 's/\xe3\x80\x80//g; s/\xc2\xa0//g; s/\xe2\x80\x8b//g; s/\xef\xbb\xbf//g' |
        sed 's/./&\n/g' | sed '/^$/d'
}
e=$work/$(basename "$act").expected.chars
a=$work/$(basename "$act").actual.chars
chars "$exp" > "$e"
chars "$act" > "$a"
cmp -s "$e" "$a" && exit 0
awk -v ctx=40 '
NR == FNR { x[NR] = $0; nx = NR; next }
{ y[FNR] = $0; ny = FNR }
function around(arr, n, pos,    s, i, lo) {
    lo = pos - ctx; if (lo < 1) lo = 1
    s = (lo > 1) ? "…" : ""
    for (i = lo; i < pos && i <= n; i++) s = s arr[i]
    s = s " >>"
    for (i = pos; i < pos + ctx && i <= n; i++) s = s arr[i]
    if (pos + ctx <= n) s = s "…"
    return s
}
END {
    for (p = 1; p <= nx && p <= ny; p++) if (x[p] != y[p]) break
    printf "#   texts differ at character %d (expected %d characters, got %d; whitespace ignored)\n", p, nx, ny
    printf "#   expected: %s\n", around(x, nx, p)
    printf "#   actual:   %s\n", around(y, ny, p)
}' "$e" "$a"
exit 1

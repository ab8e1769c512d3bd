#!/bin/sh
# pdflines.sh — the text lines (or words) of a PDF as poppler's pdftotext
# -bbox-layout finds them, independently of the engine that made the PDF.
#
# Usage: pdflines.sh lines PDF   one line per text line: PAGE<TAB>TEXT
#                                (the line's words joined by one space;
#                                pieces of one row side by side joined)
#        pdflines.sh words PDF   one line per word:
#                                PAGE<TAB>PAGEW<TAB>PAGEH<TAB>XMIN<TAB>YMIN<TAB>XMAX<TAB>YMAX<TAB>TEXT
#                                (points; y grows downwards from the top)
# pdftotext's messages go to standard error; exit status is pdftotext's.
set -eu
case ${1:-}:$# in
    lines:2|words:2) ;;
    *) echo "usage: pdflines.sh lines|words PDF" >&2; exit 2 ;;
esac
mode=$1 pdf=$2
tmp=${TMPDIR:-/tmp}/pdflines.$$
trap 'rm -f "$tmp"' EXIT
pdftotext -bbox-layout "$pdf" "$tmp"
LC_ALL=C awk -v mode="$mode" '
function attr(s, name,    i, t) {
    i = index(s, " " name "=\"")
    if (i == 0) return ""
    t = substr(s, i + length(name) + 3)
    return substr(t, 1, index(t, "\"") - 1)
}
function unescape(s) {
    gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s)
    gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s); gsub(/&#39;/, "\047", s)
    gsub(/&amp;/, "\\&", s)
    return s
}
function flush() {
    if (mode == "lines" && pending) printf "%d\t%s\n", ppage, text
    pending = 0
}
/<page / { flush(); page++; pw = attr($0, "width"); ph = attr($0, "height") }
/<line / {
    x0 = attr($0, "xMin") + 0; y0 = attr($0, "yMin") + 0
    x1 = attr($0, "xMax") + 0; y1 = attr($0, "yMax") + 0
    mid = (y0 + y1) / 2
    # A justified line with wide gaps (e.g. text-align-last="justify" on a
    # short last line) comes out of pdftotext as several <line>s side by
    # side: a <line> that continues the previous one on the same row, to its
    # right, is merged into it.
    if (!(pending && page == ppage && mid >= py0 && mid <= py1 && x0 >= px1 - 1)) {
        flush()
        pending = 1; ppage = page; py0 = y0; py1 = y1; text = ""; n = 0
    }
    px1 = x1
    inline = 1
}
/<word / && inline {
    w = $0
    sub(/^.*<word [^>]*>/, "", w); sub(/<\/word>.*$/, "", w)
    w = unescape(w)
    text = (n++ ? text " " : "") w
    if (mode == "words")
        printf "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", page, pw, ph,
            attr($0, "xMin"), attr($0, "yMin"), attr($0, "xMax"), attr($0, "yMax"), w
}
/<\/line>/ { inline = 0 }
END { flush() }' "$tmp"

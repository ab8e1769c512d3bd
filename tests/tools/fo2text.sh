#!/bin/sh
# fo2text.sh — the text an FO document should show in its flows: the
# character data inside every fo:flow (static content and the layout-master
# set are left out), tags and comments removed, the five predefined entities
# and numeric character references decoded. Whitespace is not meaningful in
# the comparison the tests make, so tags simply become spaces.
#
# Usage: fo2text.sh FILE.fo > FILE.txt
# Assumes the "fo:" prefix and no CDATA sections (true of our fixtures).
set -eu
if [ $# -ne 1 ] || [ ! -r "$1" ]; then echo "usage: fo2text.sh FILE.fo" >&2; exit 2; fi
LC_ALL=C awk '
function utf8(cp) {
    if (cp < 128) return sprintf("%c", cp)
    if (cp < 2048) return sprintf("%c%c", 192 + int(cp / 64), 128 + cp % 64)
    if (cp < 65536) return sprintf("%c%c%c", 224 + int(cp / 4096),
                                   128 + int(cp / 64) % 64, 128 + cp % 64)
    return sprintf("%c%c%c%c", 240 + int(cp / 262144), 128 + int(cp / 4096) % 64,
                   128 + int(cp / 64) % 64, 128 + cp % 64)
}
function hexval(h,    i, v) {
    v = 0
    for (i = 1; i <= length(h); i++)
        v = v * 16 + index("0123456789abcdef", tolower(substr(h, i, 1))) - 1
    return v
}
function decode(s,    out, i, j, ent, name) {
    out = ""
    while ((i = index(s, "&")) > 0) {
        out = out substr(s, 1, i - 1)
        s = substr(s, i)
        j = index(s, ";")
        if (j == 0) { out = out s; s = ""; break }
        ent = substr(s, 1, j); name = substr(ent, 2, j - 2)
        if (name == "amp") out = out "&"
        else if (name == "lt") out = out "<"
        else if (name == "gt") out = out ">"
        else if (name == "quot") out = out "\""
        else if (name == "apos") out = out "\047"
        else if (name ~ /^#[xX][0-9a-fA-F]+$/) out = out utf8(hexval(substr(name, 3)))
        else if (name ~ /^#[0-9]+$/) out = out utf8(substr(name, 2) + 0)
        else out = out ent
        s = substr(s, j + 1)
    }
    return out s
}
function drop_comments(s,    out, i, j) {
    out = ""
    while ((i = index(s, "<!--")) > 0) {
        out = out substr(s, 1, i - 1)
        s = substr(s, i + 4)
        j = index(s, "-->")
        if (j == 0) return out
        s = substr(s, j + 3)
    }
    return out s
}
{ doc = doc $0 "\n" }
END {
    doc = drop_comments(doc)
    while ((i = index(doc, "<fo:flow")) > 0) {
        doc = substr(doc, i)
        j = index(doc, "</fo:flow>")
        if (j == 0) j = length(doc) + 1
        flow = substr(doc, 1, j - 1)
        doc = substr(doc, j)
        gsub(/<[^>]*>/, " ", flow)
        printf "%s\n", decode(flow)
    }
}' "$1"

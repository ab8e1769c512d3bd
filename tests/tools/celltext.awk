# celltext.awk — the text of every table-cell fragment of a PDF, read from
# pdftotext's word boxes (pdftotext -bbox) inside the cell rectangles of the
# engine's box dump: one line per cell fragment, words in reading order and
# joined without spaces. pdftotext alone interleaves neighbouring cells line
# by line; cropping each cell keeps its text contiguous.
# Usage: awk -f celltext.awk DUMP BBOX.html
function attr(s, name,    i, t) {
    i = index(s, " " name "=\"")
    if (i == 0) return ""
    t = substr(s, i + length(name) + 3)
    return substr(t, 1, index(t, "\"") - 1) + 0
}
FNR == NR {
    if ($0 ~ /^cell\t/) {
        split($0, f, "\t")
        n++
        cp[n] = f[2]; cx[n] = f[3]; cy[n] = f[4]; cw[n] = f[5]; ch[n] = f[6]
    }
    next
}
/<page / { page++ }
/<word / {
    w = $0
    sub(/^.*<word [^>]*>/, "", w); sub(/<\/word>.*$/, "", w)
    gsub(/&lt;/, "<", w); gsub(/&gt;/, ">", w); gsub(/&quot;/, "\"", w); gsub(/&amp;/, "\\&", w)
    mx = (attr($0, "xMin") + attr($0, "xMax")) / 2
    my = (attr($0, "yMin") + attr($0, "yMax")) / 2
    for (i = 1; i <= n; i++)
        if (cp[i] == page && mx >= cx[i] && mx <= cx[i] + cw[i] && my >= cy[i] && my <= cy[i] + ch[i])
            text[i] = text[i] w
}
END { for (i = 1; i <= n; i++) print text[i] }

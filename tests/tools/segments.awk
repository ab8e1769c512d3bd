# segments.awk — the stroked straight segments of a PDF's page contents,
# read from `qpdf --qdf --object-streams=disable` output (uncompressed,
# each page's content introduced by a "%% Contents for page N" comment).
# For every "x1 y1 m x2 y2 l" subpath later stroked by S, prints
#   PAGE<TAB>STROKE-COLOUR<TAB>WIDTH<TAB>KIND<TAB>FIXED<TAB>FROM<TAB>TO
# with KIND h (horizontal: FIXED = y, FROM..TO = x range), v (vertical:
# FIXED = x, y range) or d (other: the four numbers in FIXED). Colour and
# width follow RG/G/w as the stream sets them (state from the start of the
# page's first content stream). Only the operators the writer uses are
# understood; anything else ends the pending path without stroking it.
BEGIN { page = 0; inpage = 0 }
/^%% Contents for page / { page = $5 + 0; inpage = 1; reset(); next }
/^endstream/ { inpage = 0; next }
!inpage { next }
{
    for (i = 1; i <= NF; i++) {
        t = $i
        if (t == "RG") { col = stack[n - 2] " " stack[n - 1] " " stack[n]; n = 0 }
        else if (t == "G") { col = stack[n] " " stack[n] " " stack[n]; n = 0 }
        else if (t == "w") { wid = stack[n]; n = 0 }
        else if (t == "m") { mx = stack[n - 1]; my = stack[n]; n = 0 }
        else if (t == "l") {
            np++; px1[np] = mx; py1[np] = my; px2[np] = stack[n - 1]; py2[np] = stack[n]
            mx = stack[n - 1]; my = stack[n]; n = 0
        }
        else if (t == "S") { flush(); n = 0 }
        else if (t ~ /^[-+.0-9]+$/) { stack[++n] = t + 0 }
        else { np = 0; n = 0 }
    }
}
function reset() { col = "0 0 0"; wid = 1; n = 0; np = 0 }
function flush(   k, a, b) {
    for (k = 1; k <= np; k++) {
        if (py1[k] == py2[k]) {
            a = px1[k] < px2[k] ? px1[k] : px2[k]; b = px1[k] < px2[k] ? px2[k] : px1[k]
            printf "%d\t%s\t%s\th\t%s\t%s\t%s\n", page, col, wid, py1[k], a, b
        } else if (px1[k] == px2[k]) {
            a = py1[k] < py2[k] ? py1[k] : py2[k]; b = py1[k] < py2[k] ? py2[k] : py1[k]
            printf "%d\t%s\t%s\tv\t%s\t%s\t%s\n", page, col, wid, px1[k], a, b
        } else {
            printf "%d\t%s\t%s\td\t%s %s %s %s\t0\t0\n", page, col, wid, px1[k], py1[k], px2[k], py2[k]
        }
    }
    np = 0
}

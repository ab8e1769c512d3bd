# dumpcheck.awk — reads a box dump (gereport render --dump-boxes) and
# answers the layout tests' questions about it. The dump has one record per
# line, tab-separated, pt from the page's top-left, y down:
#   page N W H | body N X Y W H | cell N X Y W H ROW COL RS CS FOLINE |
#   line N X Y W H TEXT
# A text line belongs to a cell when it comes before that cell's record in
# the dump (the engine dumps a cell after placing its content) on the same
# page and starts inside it: the owner is the first later cell record of
# the same page whose top is not below the line's top and whose column
# range holds the line's start. That also holds for tables inside cells:
# the lines of the outer cell above an inner table come before the inner
# cells, but those start lower down.
# Lines of static content (headers, footers) are those after the first
# record whose page number goes back (if static content is laid out once
# all pages exist), and those matching the regular expression `furniture`
# that lie wholly above or below the body region (the dump does not say
# which region a line belongs to; the tests name each fixture's header
# and footer text).
#
# Usage: awk -F '\t' -v mode=MODE [-v tol=0.5] [-v furniture=RE] -f dumpcheck.awk DUMP
# Modes:
#   geometry  one line per problem: a text line that extends beyond its
#             cell or, outside any cell, beyond the body region; a cell
#             beyond the body region (tolerance `tol` pt); a cell fragment
#             of zero height; nothing if fine
#   owners    every text line: PAGE TAB OWNER TAB Y TAB TEXT TAB X TAB W TAB H,
#             OWNER being the FO line of its cell, 0 outside cells, S for
#             static content
#   cells     every cell record: PAGE TAB FOLINE TAB ROW TAB COL TAB RS TAB
#             CS TAB X TAB Y TAB W TAB H
#   dupcells  one line per (page, FO line) that has more than one cell
#             record: a spanned cell must appear once per page fragment
#   tiling    one line per hole in a table fragment: on each page, cells
#             that touch or overlap vertically form one table fragment;
#             every column strip (between two cell edges) that some cell
#             of the fragment covers must be covered from the fragment's
#             top to its bottom — a cell whose row goes on to the next
#             page must have a fragment there too. A strip no cell covers
#             at all (the gap between a list label and its body) is not a
#             hole.
BEGIN { if (tol == "") tol = 0.5; n = 0; maxpage = 0; static_from = 0 }
{
    n++
    kind[n] = $1; pg[n] = $2 + 0
    if (!static_from && pg[n] < maxpage) static_from = n
    if (pg[n] > maxpage) maxpage = pg[n]
    if ($1 == "page") { pw[$2] = $3; ph[$2] = $4 }
    else if ($1 == "body") { bx[$2] = $3; by[$2] = $4; bw[$2] = $5; bh[$2] = $6 }
    else if ($1 == "cell" || $1 == "line") {
        x[n] = $3 + 0; y[n] = $4 + 0; w[n] = $5 + 0; h[n] = $6 + 0
        if ($1 == "cell") { row[n] = $7; col[n] = $8; rs[n] = $9; cs[n] = $10; foline[n] = $11 }
        else { t = $0; for (k = 1; k <= 6; k++) sub(/^[^\t]*\t/, "", t); text[n] = t }
    }
}
function is_static(i,   p) {
    p = pg[i]
    if (static_from && i >= static_from) return 1
    return furniture != "" && text[i] ~ furniture &&
        (y[i] + h[i] <= by[p] + tol || y[i] >= by[p] + bh[p] - tol)
}
function owner(i,   j) {
    for (j = i + 1; j <= n && pg[j] == pg[i]; j++) {
        if (kind[j] == "page") break
        if (kind[j] != "cell") continue
        if (y[j] <= y[i] + tol && x[i] >= x[j] - tol && x[i] <= x[j] + w[j]) return j
    }
    return 0
}
function outside(ax, ay, aw, ah, cx, cy, cw, ch) {
    return ax < cx - tol || ay < cy - tol || ax + aw > cx + cw + tol || ay + ah > cy + ch + tol
}
# insertion sort of idx[1..m] by key[]
function sort_by(idx, m, key,   a, b, t) {
    for (a = 2; a <= m; a++)
        for (b = a; b > 1 && key[idx[b - 1]] > key[idx[b]]; b--) { t = idx[b]; idx[b] = idx[b - 1]; idx[b - 1] = t }
}
# holes of the fragment made of cells gi[1..gm] (indices into the records)
function tiling_group(p, gi, gm,   k, a, nx, xs, xkey, xi, top, bot, xa, xb, m, iv, ykey, cur, j, s, e) {
    top = 1e9; bot = -1e9; nx = 0
    for (k = 1; k <= gm; k++) {
        a = gi[k]
        if (y[a] < top) top = y[a]
        if (y[a] + h[a] > bot) bot = y[a] + h[a]
        xs[++nx] = x[a]; xs[++nx] = x[a] + w[a]
    }
    for (k = 1; k <= nx; k++) { xi[k] = k; xkey[k] = xs[k] }
    sort_by(xi, nx, xkey)
    for (k = 1; k < nx; k++) {
        xa = xs[xi[k]]; xb = xs[xi[k + 1]]
        if (xb - xa <= 1) continue
        m = 0
        for (j = 1; j <= gm; j++) {
            a = gi[j]
            if (x[a] <= xa + tol && x[a] + w[a] >= xb - tol) { iv[++m] = a; ykey[a] = y[a] }
        }
        if (m == 0) continue
        sort_by(iv, m, ykey)
        cur = top
        for (j = 1; j <= m; j++) {
            s = y[iv[j]]; e = y[iv[j]] + h[iv[j]]
            if (s > cur + tol)
                printf "page %d: no cell covers x %.2f-%.2f, y %.2f-%.2f (a cell without its fragment on this page?)\n", p, xa, xb, cur, s
            if (e > cur) cur = e
        }
        if (cur < bot - tol)
            printf "page %d: no cell covers x %.2f-%.2f, y %.2f-%.2f (a cell without its fragment on this page?)\n", p, xa, xb, cur, bot
    }
}
function tiling(   p, i, m, ci, ykey2, gm, gi, gbot, k) {
    for (p = 1; p <= maxpage; p++) {
        m = 0
        for (i = 1; i <= n; i++)
            if (kind[i] == "cell" && pg[i] == p && !(static_from && i >= static_from)) { ci[++m] = i; ykey2[i] = y[i] }
        if (m == 0) continue
        sort_by(ci, m, ykey2)
        gm = 0; gbot = -1e9
        for (k = 1; k <= m; k++) {
            i = ci[k]
            if (gm > 0 && y[i] > gbot + tol) { tiling_group(p, gi, gm); gm = 0; gbot = -1e9 }
            gi[++gm] = i
            if (y[i] + h[i] > gbot) gbot = y[i] + h[i]
        }
        if (gm > 0) tiling_group(p, gi, gm)
    }
}
function box(i) { return sprintf("%.2f %.2f %.2f %.2f", x[i], y[i], w[i], h[i]) }
END {
    if (mode == "tiling") { tiling(); exit }
    for (i = 1; i <= n; i++) {
        if (mode == "owners" && kind[i] == "line") {
            o = is_static(i) ? "S" : owner(i)
            printf "%d\t%s\t%.2f\t%s\t%.2f\t%.2f\t%.2f\n", pg[i], o ? (o == "S" ? "S" : foline[o]) : 0, y[i], text[i],
                x[i], w[i], h[i]
        } else if (mode == "cells" && kind[i] == "cell") {
            printf "%d\t%s\t%s\t%s\t%s\t%s\t%.2f\t%.2f\t%.2f\t%.2f\n", pg[i], foline[i], row[i], col[i],
                rs[i], cs[i], x[i], y[i], w[i], h[i]
        } else if (mode == "dupcells" && kind[i] == "cell") {
            k = pg[i] SUBSEP foline[i]
            if (++seen[k] == 2) printf "page %d: the cell of FO line %s appears more than once\n", pg[i], foline[i]
        } else if (mode == "geometry" && kind[i] == "line") {
            if (is_static(i)) {
                if (outside(x[i], y[i], w[i], h[i], 0, 0, pw[pg[i]], ph[pg[i]]))
                    printf "page %d: static line (%s) beyond the page: %s\n", pg[i], box(i), text[i]
                continue
            }
            o = owner(i)
            if (o && outside(x[i], y[i], w[i], h[i], x[o], y[o], w[o], h[o]))
                printf "page %d: line (%s) beyond its cell (FO line %s: %s): %s\n", pg[i], box(i),
                    foline[o], box(o), text[i]
            else if (outside(x[i], y[i], w[i], h[i], bx[pg[i]], by[pg[i]], bw[pg[i]], bh[pg[i]]))
                printf "page %d: line (%s) beyond the body region (%.2f %.2f %.2f %.2f): %s\n", pg[i],
                    box(i), bx[pg[i]], by[pg[i]], bw[pg[i]], bh[pg[i]], text[i]
        } else if (mode == "geometry" && kind[i] == "cell") {
            if (!(static_from && i >= static_from) &&
                outside(x[i], y[i], w[i], h[i], bx[pg[i]], by[pg[i]], bw[pg[i]], bh[pg[i]]))
                printf "page %d: cell of FO line %s (%s) beyond the body region\n", pg[i], foline[i], box(i)
            if (h[i] < 0.01)
                printf "page %d: cell of FO line %s has an empty fragment (%s): a row that ended on the page before?\n", pg[i], foline[i], box(i)
        }
    }
}

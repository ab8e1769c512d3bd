#!/bin/sh
# t-layout.sh — tables (the layout-engine issue's table part), from the PDF
# (pdftotext, pixels) and from the box dump (gereport render --dump-boxes):
#   long-table (300 rows, tools/long-table.sh): header (two rows, spans) on
#     every page; every row's text exactly once and in order, in pdftotext
#     and in the dump; the footer at the foot of every page of the table
#     (XSL 1.1 6.7.7: repeated at each break, table-omit-footer-at-break
#     being false by default), below that page's last row;
#   tables.fo: column widths (absolute, %, proportional-column-width());
#     spans: one cell box per page fragment with its rowspan/colspan and the
#     width/height of the columns/rows it spans; text-align start/center/
#     end/justify and 均排 (justify + text-align-last justify) in cells;
#     display-align center/after; a cell background; a cell longer than a
#     page split over pages with all its text (dump and pdftotext of each
#     fragment's rectangle) and its row's other cells continuing with it; a
#     row whose three cells all run over pages; a category cell spanning
#     six rows over a page end, present on each page of its rows; borders
#     from the table and rows only (collapsing model) and a row background;
#     a keep-together row taller than a page still split with all its text;
#     the header repeated above each fragment;
#   for long-table, tables, form and keeps: no text line beyond its cell or
#     the body region (0.5pt) and no empty cell fragment; every table
#     fragment tiled by cell
#     fragments; the dump shows the same text as the PDF page by page; and
#     (long-table, tables, keeps: every cell bordered) every cell fragment
#     shows its four borders in the rendered page (tools/rastercheck.c).
. "$(dirname "$0")/lib.sh"
. "$TOOLS/layout-lib.sh"
require_gr
require_tools pdftotext pdfinfo pdftoppm

# ---- the 300-row table ---------------------------------------------------------
name=long-table
lay_render "$name"
if ! lay_failed "$name" "$name: renders with a box dump"; then
    ok "$name: renders with a box dump"
    np=$(pdf_pages "$L_PDF")
    if [ "${np:-0}" -ge 10 ]; then ok "$name: 300 rows run over many pages ($np)"
    else not_ok "$name: 300 rows run over many pages" "got ${np:-no} pages"; fi

    # header on every page, from pdftotext
    missing=""
    i=1
    while [ "$i" -le "${np:-0}" ]; do
        t=$(pdftotext -f "$i" -l "$i" "$L_PDF" - 2>/dev/null | squeeze)
        n1=$(printf '%s' "$t" | grep -o '表頭第一列' | wc -l)
        n2=$(printf '%s' "$t" | grep -o '說明欄' | wc -l)
        [ "$n1" -eq 1 ] && [ "$n2" -eq 1 ] || missing="$missing $i($n1,$n2)"
        i=$((i + 1))
    done
    if [ -z "$missing" ]; then ok "$name: pdftotext: the two header rows once on every page"
    else not_ok "$name: pdftotext: the two header rows once on every page" "pages (count of row 1, row 2):$missing"; fi

    # every row exactly once, in order, from pdftotext
    seq 1 300 | awk '{ printf "R%04d\n", $1 }' > "$LAY/$name.rows.expected"
    pdftotext -layout "$L_PDF" - 2>/dev/null | grep -o 'R[0-9][0-9][0-9][0-9]' > "$LAY/$name.rows.pdf"
    if cmp -s "$LAY/$name.rows.expected" "$LAY/$name.rows.pdf"; then
        ok "$name: pdftotext: R0001 … R0300 each exactly once, in order"
    else
        not_ok "$name: pdftotext: R0001 … R0300 each exactly once, in order" \
            "$(diff "$LAY/$name.rows.expected" "$LAY/$name.rows.pdf" | grep '^[<>]' | head -n 6 | tr '\n' ' ')"
    fi
    # … and from the dump (page order, then top to bottom)
    owners "$L_DUMP" > "$LAY/$name.owners"
    cut -f4 "$LAY/$name.owners" | grep -o 'R[0-9][0-9][0-9][0-9]' > "$LAY/$name.rows.dump"
    if cmp -s "$LAY/$name.rows.expected" "$LAY/$name.rows.dump"; then
        ok "$name: dump: R0001 … R0300 each exactly once, in order"
    else
        not_ok "$name: dump: R0001 … R0300 each exactly once, in order" \
            "$(diff "$LAY/$name.rows.expected" "$LAY/$name.rows.dump" | grep '^[<>]' | head -n 6 | tr '\n' ' ')"
    fi
    # dump: on every page with rows, the header line above them
    bad=$(awk -F '	' '
        $4 ~ /R[0-9][0-9][0-9][0-9]/ { if (!($1 in top) || $3 < top[$1]) top[$1] = $3 }
        $4 == "說明欄" { hdr[$1]++; hy[$1] = $3 }
        END { for (p in top) if (hdr[p] != 1 || hy[p] >= top[p]) printf " %s", p }' "$LAY/$name.owners")
    if [ -z "$bad" ]; then ok "$name: dump: the header once on every page, above that page's rows"
    else not_ok "$name: dump: the header once on every page, above that page's rows" "pages:$bad"; fi
    # the footer on every page with rows, below that page's last row
    bad=$(awk -F '	' '
        $4 ~ /R[0-9][0-9][0-9][0-9]/ { if ($3 > bottom[$1]) bottom[$1] = $3; rows[$1] = 1 }
        $4 == "表尾合計" { foot[$1]++; fy[$1] = $3 }
        END { for (p in rows) if (foot[p] != 1 || fy[p] <= bottom[p]) printf " %s", p
              for (p in foot) if (!(p in rows)) printf " %s(no rows)", p }' "$LAY/$name.owners")
    if [ -z "$bad" ]; then ok "$name: the table footer once on every page, below that page's last row"
    else not_ok "$name: the table footer once on every page, below that page's last row" "pages:$bad"; fi
    check_geometry "$name"
    check_tiling "$name"
    check_dump_matches_pdf "$name"
    check_borders "$name"
fi

# ---- tables.fo -------------------------------------------------------------------
name=tables
fo=$LAYFO/tables.fo
lay_render "$name"
if ! lay_failed "$name" "$name: renders with a box dump"; then
    ok "$name: renders with a box dump"
    D=$L_DUMP
    # geometry of a cell by its text: sets CX CY CW CH RS CS (first fragment)
    cellgeo() {
        _f=$(cell_of "$D" "$1")
        set -- $(cells_of "$D" "${_f:-none}" | head -n 1 | cut -f 5-10)
        RS=${1:-0} CS=${2:-0} CX=${3:-0} CY=${4:-0} CW=${5:-0} CH=${6:-0}
    }
    # line geometry by its text: LX LY LW LH (first line containing it)
    linegeo() {
        set -- $(awk -F '	' -v t="$1" '$1 == "line" && index($7, t) { print $3, $4, $5, $6; exit }' "$D")
        LX=${1:-0} LY=${2:-0} LW=${3:-0} LH=${4:-0}
    }

    # -- table 1: widths and spans
    k=0
    for t in 壬欄一 癸欄二 子欄三 丑欄四 寅欄五; do
        k=$((k + 1)); cellgeo "$t"; eval "w$k=$CW x$k=$CX y$k=$CY"
    done
    tw=$(echo "$w1 $w2 $w3 $w4 $w5" | awk '{ print $1 + $2 + $3 + $4 + $5 }')
    body_w=$(awk -F '	' '$1 == "body" { print $5; exit }' "$D")
    if approx "$w1" 56.69 0.1 && approx "$w4" 85.04 0.1 &&
       approx "$(echo "$w3 $w2" | awk '{ print ($2 > 0) ? $1 / $2 : 0 }')" 2 0.01 &&
       approx "$w5" "$(echo "$tw" | awk '{ print $1 * 0.15 }')" 0.5 &&
       approx "$tw" "$body_w" 2.5; then
        ok "$name: column widths 20mm, proportional 1 and 2, 30mm, 15% (table ${tw}pt in a ${body_w}pt body)"
    else
        not_ok "$name: column widths 20mm, proportional 1 and 2, 30mm, 15%" \
            "widths $w1 $w2 $w3 $w4 $w5 (want 56.69, w, 2w, 85.04, 15% of the sum $tw ≈ body $body_w)"
    fi
    spans_ok=1 detail=""
    cellgeo 乙跨兩欄
    { [ "$RS.$CS" = 1.2 ] && approx "$CW" "$(echo "$w2 $w3" | awk '{ print $1 + $2 }')" 0.1 &&
      approx "$CX" "$x2" 0.1; } || { spans_ok=0; detail="$detail 乙: rs $RS cs $CS x $CX w $CW;"; }
    cellgeo 辛跨兩欄
    { [ "$RS.$CS" = 1.2 ] && approx "$CW" "$(echo "$w2 $w3" | awk '{ print $1 + $2 }')" 0.1; } ||
        { spans_ok=0; detail="$detail 辛: rs $RS cs $CS w $CW;"; }
    cellgeo 庚跨兩欄兩列
    { [ "$RS.$CS" = 2.2 ] && approx "$CW" "$(echo "$w4 $w5" | awk '{ print $1 + $2 }')" 0.1 &&
      approx "$CX" "$x4" 0.1; } || { spans_ok=0; detail="$detail 庚: rs $RS cs $CS x $CX w $CW;"; }
    cellgeo 乙跨兩欄; top=$CY
    cellgeo 甲跨三列
    { [ "$RS.$CS" = 3.1 ] && approx "$CY" "$top" 0.1 && approx "$(echo "$CY $CH" | awk '{ print $1 + $2 }')" "$y1" 0.1; } ||
        { spans_ok=0; detail="$detail 甲: rs $RS cs $CS y $CY h $CH (rows end at $y1);"; }
    if [ "$spans_ok" -eq 1 ]; then ok "$name: spanned cells: one box each with rowspan/colspan and the spanned rows' and columns' extent"
    else not_ok "$name: spanned cells: one box each with rowspan/colspan and the spanned rows' and columns' extent" "$detail"; fi
    dump_q dupcells "$D" > "$LAY/$name.dup"
    if [ -s "$LAY/$name.dup" ]; then not_ok "$name: each cell appears once per page fragment"; show "$LAY/$name.dup" 5
    else ok "$name: each cell appears once per page fragment"; fi

    # -- table 2: alignment (insets measured on a start-aligned cell)
    cellgeo 垂直靠下; linegeo 垂直靠下; inset=$(echo "$LX $CX" | awk '{ print $1 - $2 }')
    cellgeo 置中一; linegeo 置中一; vinset=$(echo "$LY $CY" | awk '{ print $1 - $2 }')
    al_ok=1 detail=""
    for t in 姓名 聯絡電話; do
        cellgeo "$t"; linegeo "$t"
        approx "$LX" "$(echo "$CX $inset" | awk '{ print $1 + $2 }')" 0.5 &&
        approx "$(echo "$LX $LW" | awk '{ print $1 + $2 }')" "$(echo "$CX $CW $inset" | awk '{ print $1 + $2 - $3 }')" 1 ||
            { al_ok=0; detail="$detail $t (均排): line x $LX w $LW in cell x $CX w $CW (inset $inset);"; }
    done
    cellgeo 置中一; linegeo 置中一
    approx "$(echo "$LX $LW" | awk '{ print $1 + $2 / 2 }')" "$(echo "$CX $CW" | awk '{ print $1 + $2 / 2 }')" 0.5 ||
        { al_ok=0; detail="$detail center: line x $LX w $LW, cell x $CX w $CW;"; }
    cellgeo 靠右二; linegeo 靠右二
    approx "$(echo "$LX $LW" | awk '{ print $1 + $2 }')" "$(echo "$CX $CW $inset" | awk '{ print $1 + $2 - $3 }')" 0.5 ||
        { al_ok=0; detail="$detail end: line x $LX w $LW, cell x $CX w $CW;"; }
    cellgeo 垂直置中; linegeo 垂直置中
    approx "$(echo "$LY $LH" | awk '{ print $1 + $2 / 2 }')" "$(echo "$CY $CH" | awk '{ print $1 + $2 / 2 }')" 1 ||
        { al_ok=0; detail="$detail display-align center: line y $LY h $LH, cell y $CY h $CH;"; }
    cellgeo 垂直靠下; linegeo 垂直靠下
    approx "$(echo "$LY $LH" | awk '{ print $1 + $2 }')" "$(echo "$CY $CH $vinset" | awk '{ print $1 + $2 - $3 }')" 1 ||
        { al_ok=0; detail="$detail display-align after: line y $LY h $LH, cell y $CY h $CH;"; }
    if [ "$al_ok" -eq 1 ]; then ok "$name: 均排 labels fill their cells; center, end, display-align center/after"
    else not_ok "$name: 均排 labels fill their cells; center, end, display-align center/after" "$detail"; fi
    f=$(cell_of "$D" 左右對齊三); cellgeo 左右對齊三
    owners "$D" | awk -F '	' -v f="$f" '$2 == f' > "$LAY/$name.justify"
    nl=$(wc -l < "$LAY/$name.justify")
    full=$(echo "$CW $inset" | awk '{ print $1 - 2 * $2 }')
    short=$(awk -F '	' -v full="$full" -v n="$nl" '{ k++; d = $6 - full; if (d < 0) d = -d
            if (k < n && d > 0.5) bad = bad " line " k ": " $6
            if (k == n && $6 > full - 1) bad = bad " the last line is full" }
        END { print bad }' "$LAY/$name.justify")
    if [ "$nl" -ge 3 ] && [ -z "$short" ]; then ok "$name: justify in a cell: $((nl - 1)) full lines of ${full}pt, a shorter last line"
    else not_ok "$name: justify in a cell: full lines, a shorter last line" "$nl lines; want width $full:$short"; fi
    # background: the padding strip of the grey cell (#999999 = 153)
    rc_bin=$(lay_tool rastercheck)
    cellgeo 底色四
    if [ -n "$rc_bin" ]; then
        rm -f "$LAY/bg"*.pgm
        pg=$(cells_of "$D" "$(cell_of "$D" 底色四)" | head -n 1 | cut -f1)
        pdftoppm -gray -r 144 -f "${pg:-1}" -l "${pg:-1}" "$L_PDF" "$LAY/bg" 2>/dev/null
        mean=$(echo "mean $(echo "$CX $CY" | awk '{ print $1 + 1.2, $2 + 1.2 }') 1.2 1.2 bg" | "$rc_bin" "$(ls "$LAY/bg"*.pgm | head -n 1)" 144 | cut -d' ' -f2)
        rm -f "$LAY/bg"*.pgm
        if approx "${mean:-0}" 153 25; then ok "$name: cell background-color drawn (grey $mean in its padding)"
        else not_ok "$name: cell background-color drawn" "mean grey ${mean:-?} in the padding at ($CX,$CY), want about 153"; fi
    fi

    # -- a cell longer than a page, its row's short cells, the header above each fragment
    # check_split_cell DESC START END: the cell holding START … END: fragments
    # on consecutive pages, once each, all its text (dump and pdftotext of
    # each fragment's rectangle). Sets SPLIT_PAGES.
    check_split_cell() {
        _f=$(cell_of "$D" "$2")
        cells_of "$D" "${_f:-none}" > "$LAY/$name.frag"
        SPLIT_PAGES=$(cut -f1 "$LAY/$name.frag" | tr '\n' ' ')
        _want=$(fo_text "$fo" "$2" "$3")
        _np=$(wc -l < "$LAY/$name.frag")
        _consec=$(cut -f1 "$LAY/$name.frag" | awk 'NR > 1 && $1 != p + 1 { bad = 1 } { p = $1 } END { print bad + 0 }')
        if [ "$_np" -ge 2 ] && [ "$_consec" -eq 0 ]; then ok "$name: $1 split over consecutive pages ($SPLIT_PAGES)"
        else not_ok "$name: $1 split over consecutive pages" "fragments on pages: ${SPLIT_PAGES:-none}"; fi
        if _d=$(same_text "$name-$2-dump" "$_want" "$(cell_text "$D" "$_f")"); then ok "$name: $1: all its text in the dump, in order"
        else not_ok "$name: $1: all its text in the dump, in order"; printf '%s\n' "$_d"; fi
        _got=$(while IFS='	' read -r p _ _ _ _ _ x y w h; do
            pdftotext -layout -f "$p" -l "$p" -x "$(echo "$x" | awk '{ printf "%d", $1 }')" -y "$(echo "$y" | awk '{ printf "%d", $1 }')" \
                -W "$(echo "$w" | awk '{ printf "%d", $1 + 1.5 }')" -H "$(echo "$h" | awk '{ printf "%d", $1 + 1.5 }')" "$L_PDF" - 2>/dev/null
        done < "$LAY/$name.frag")
        if _d=$(same_text "$name-$2-pdf" "$_want" "$_got"); then ok "$name: $1: all its text in the PDF (pdftotext of each fragment's rectangle)"
        else not_ok "$name: $1: all its text in the PDF (pdftotext of each fragment's rectangle)"; printf '%s\n' "$_d"; fi
    }
    # same_pages DESC PAGES TEXT...: the cells holding TEXT have fragments on exactly PAGES
    same_pages() {
        _desc=$1 _want=$2; shift 2
        _bad=""
        for _t in "$@"; do
            _p=$(cells_of "$D" "$(cell_of "$D" "$_t")" | cut -f1 | tr '\n' ' ')
            [ "$_p" = "$_want" ] || _bad="$_bad $_t: pages ${_p:-none};"
        done
        if [ -z "$_bad" ]; then ok "$name: $_desc (pages $_want)"
        else not_ok "$name: $_desc" "want pages $_want:$_bad"; fi
    }
    # header_above DESC HEADER PAGES FOLINE...: on each page, the header
    # line above the topmost fragment of those cells
    header_above() {
        _desc=$1 _hdr=$2 _pages=$3; shift 3
        _bad=""
        for _p in $_pages; do
            _hy=$(awk -F '	' -v p="$_p" -v t="$_hdr" '$1 == "line" && $2 == p && $7 == t { print $4; exit }' "$D")
            _cy=$(for _f in "$@"; do cells_of "$D" "$_f"; done | awk -F '	' -v p="$_p" '$1 == p { print $8 }' | sort -n | head -n 1)
            [ -n "$_hy" ] && [ -n "$_cy" ] && awk -v a="$_hy" -v b="$_cy" 'BEGIN { exit !(a < b) }' || _bad="$_bad $_p"
        done
        if [ -z "$_bad" ]; then ok "$name: $_desc: the header repeated above the fragment on each page"
        else not_ok "$name: $_desc: the header repeated above the fragment on each page" "pages without it:$_bad"; fi
    }
    check_split_cell "a cell longer than a page" 長文起 長文止。
    long_pages=$SPLIT_PAGES
    same_pages "the split row's short cells continue with it (empty fragments, for their borders)" "$long_pages" 短格一 短格二
    header_above "table 3" 表三說明 "$long_pages" "$(cell_of "$D" 長文起)"
    for part in 左文 中文 右文; do check_split_cell "row of three long cells: $part" "${part}起" "${part}止。"; done
    row_pages=$(cells_of "$D" "$(cell_of "$D" 左文起)" | cut -f1 | tr '\n' ' ')
    same_pages "a row of three long cells: every cell continues on every page of the row" "$row_pages" 左文起 中文起 右文起
    header_above "table 4" 表四中欄 "$row_pages" "$(cell_of "$D" 左文起)"
    # category spanning six rows
    cat_f=$(cell_of "$D" 類別起)
    item_pages=$(for t in 項一 項二 項三 項四 項五 項六 辦一 辦二 辦三 辦四 辦五 辦六; do
        cells_of "$D" "$(cell_of "$D" "$t")" | cut -f1; done | sort -n -u | tr '\n' ' ')
    same_pages "the category cell (six rows) has a fragment on every page of its rows" "$item_pages" 類別起
    spans=$(cells_of "$D" "${cat_f:-none}" | awk -F '	' '{ printf "%s/%s ", $5, $6 }')
    if [ -n "$spans" ] && [ -z "$(echo "$spans" | tr ' ' '\n' | grep -v '^6/1$' | grep .)" ]; then
        ok "$name: the category cell keeps rowspan 6 in every fragment ($spans)"
    else not_ok "$name: the category cell keeps rowspan 6 in every fragment" "rowspan/colspan per fragment: ${spans:-none}"; fi
    if d=$(same_text "$name-category" "$(fo_text "$fo" 類別起 類別止。)" "$(cell_text "$D" "$cat_f")"); then
        ok "$name: the category cell's text complete"
    else not_ok "$name: the category cell's text complete"; printf '%s\n' "$d"; fi
    bad=""
    for t in 項一 項二 項三 項四 項五 項六; do
        want=$(fo_text "$fo" "$t：" "</fo:block>")
        same_text "$name-$t" "$want" "$(cell_text "$D" "$(cell_of "$D" "$t")")" > /dev/null || bad="$bad $t"
    done
    if [ -z "$bad" ]; then ok "$name: the six rows beside the category cell: each text complete"
    else not_ok "$name: the six rows beside the category cell: each text complete" "incomplete:$bad"; fi
    header_above "table 5" 表五項目 "$item_pages" "$cat_f" $(for t in 項一 項二 項三 項四 項五 項六; do cell_of "$D" "$t"; done)
    # table 6: the collapsed table and row borders make every side of every cell (checked
    # with all cells below); the row background fills its cell
    cellgeo 列框二
    if [ -n "$rc_bin" ]; then
        pg=$(cells_of "$D" "$(cell_of "$D" 列框二)" | head -n 1 | cut -f1)
        rm -f "$LAY/bg"*.pgm
        pdftoppm -gray -r 144 -f "${pg:-1}" -l "${pg:-1}" "$L_PDF" "$LAY/bg" 2>/dev/null
        mean=$(echo "mean $(echo "$CX $CY" | awk '{ print $1 + 1.2, $2 + 1.2 }') 1.2 1.2 bg" | "$rc_bin" "$(ls "$LAY/bg"*.pgm | head -n 1)" 144 | cut -d' ' -f2)
        rm -f "$LAY/bg"*.pgm
        if approx "${mean:-0}" 153 25; then ok "$name: table-row background-color fills its cells (grey $mean)"
        else not_ok "$name: table-row background-color fills its cells" "mean grey ${mean:-?} in the padding at ($CX,$CY), want about 153"; fi
    fi
    # table 7: keep-together cannot hold a row taller than a page: it splits all the same
    check_split_cell "a keep-together row taller than a page" 保文起 保文止。
    header_above "table 7" 表七說明 "$SPLIT_PAGES" "$(cell_of "$D" 保文起)"

    check_geometry "$name"
    check_tiling "$name"
    check_dump_matches_pdf "$name"
    check_borders "$name"
fi

# ---- the form and the keeps fixture: geometry, tiling, dump, borders ----------------
for name in form keeps; do
    lay_render "$name"
    lay_failed "$name" "$name: renders with a box dump" && continue
    ok "$name: renders with a box dump"
    check_geometry "$name"
    check_tiling "$name"
    check_dump_matches_pdf "$name"
    [ "$name" = keeps ] && check_borders "$name"
done
finish

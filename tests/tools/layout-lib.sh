# layout-lib.sh — shared helpers of tests/t-layout*.sh (sourced after
# lib.sh, POSIX sh). The layout fixtures, rendered once per suite run with
# their box dumps (gereport render --dump-boxes), and the questions the
# tests ask of dumps and pages.
#
# Fixtures (NAME → FO):
#   tables, blocks, form   tests/fo/layout/NAME.fo
#   graphics               tests/fo/layout/graphics.fo copied with img/ into
#                          build/tests/layout/graphics/, with alpha.png and
#                          grey.png written beside it by tools/mkpng.c
#   long-table             tools/long-table.sh 300 (generated)
#   keeps                  tools/keeps-fo.sh (generated)
# Everything goes to build/tests/layout/.

LAY=$WORK/layout
LAYFO=$TESTS_DIR/fo/layout
DUMPCHECK=$TOOLS/dumpcheck.awk
mkdir -p "$LAY/gen" "$LAY/bin"

# lay_tool NAME [LIBS...]: build tests/tools/NAME.c into build/tests/layout/bin
# (once); prints its path, or nothing if it does not compile.
lay_tool() {
    _t=$1; shift
    _exe=$LAY/bin/$_t
    if [ ! -x "$_exe" ] || [ "$TOOLS/$_t.c" -nt "$_exe" ]; then
        ${CC:-cc} -std=c11 -O2 -Wall -Wextra -o "$_exe" "$TOOLS/$_t.c" "$@" > "$LAY/bin/$_t.log" 2>&1 ||
            { rm -f "$_exe"; return 0; }
    fi
    echo "$_exe"
}

# lay_fo NAME: the FO file of a fixture (generated or copied if needed).
lay_fo() {
    case $1 in
        long-table)
            _f=$LAY/gen/long-table.fo
            [ -s "$_f" ] && [ "$_f" -nt "$TOOLS/long-table.sh" ] || "$TOOLS/long-table.sh" 300 > "$_f"
            echo "$_f" ;;
        keeps)
            _f=$LAY/gen/keeps.fo
            [ -s "$_f" ] && [ "$_f" -nt "$TOOLS/keeps-fo.sh" ] || "$TOOLS/keeps-fo.sh" > "$_f"
            echo "$_f" ;;
        graphics)
            _d=$LAY/graphics
            if [ ! -s "$_d/graphics.fo" ] || [ "$LAYFO/graphics.fo" -nt "$_d/graphics.fo" ]; then
                mkdir -p "$_d/img"
                cp "$LAYFO/graphics.fo" "$_d/graphics.fo"
                cp "$LAYFO/img/photo.jpg" "$_d/img/photo.jpg"
                _mk=$(lay_tool mkpng -lpng)
                if [ -n "$_mk" ]; then
                    "$_mk" alpha "$_d/alpha.png" && "$_mk" grey "$_d/grey.png"
                fi
            fi
            echo "$_d/graphics.fo" ;;
        *) echo "$LAYFO/$1.fo" ;;
    esac
}

# lay_render NAME: render once per suite run (redone when the FO or the
# program is newer, or another program is under test). Sets L_PDF, L_DUMP,
# L_ERR, L_RC and FURNITURE.
lay_render() {
    _fo=$(lay_fo "$1")
    FURNITURE=$(lay_furniture "$1")
    _d=$LAY/out
    mkdir -p "$_d"
    L_PDF=$_d/$1.pdf L_DUMP=$_d/$1.dump L_ERR=$_d/$1.err
    if [ -s "$_d/$1.rc" ] && [ "$_d/$1.rc" -nt "$_fo" ] && [ "$_d/$1.rc" -nt "$GR" ] &&
       [ "$(sed -n 2p "$_d/$1.rc")" = "$GR" ]; then
        L_RC=$(head -n 1 "$_d/$1.rc")
        return 0
    fi
    rm -f "$L_PDF" "$L_DUMP"
    run_gr render "$_fo" -o "$L_PDF" --dump-boxes "$L_DUMP" > "$_d/$1.out" 2> "$L_ERR"
    L_RC=$?
    printf '%s\n%s\n' "$L_RC" "$GR" > "$_d/$1.rc"
}

# lay_failed NAME DESCRIPTION: if the last lay_render failed (no PDF or no
# dump), report DESCRIPTION as not ok and return 0.
lay_failed() {
    if [ "$L_RC" -ne 0 ] || [ ! -s "$L_PDF" ] || [ ! -s "$L_DUMP" ]; then
        not_ok "$2" "gereport render $(lay_fo "$1") --dump-boxes failed (exit $L_RC):"
        show "$L_ERR" 8
        return 0
    fi
    return 1
}

# dump_q MODE DUMP: tools/dumpcheck.awk in MODE (see there), with the
# fixture's page furniture (FURNITURE: a regular expression matching its
# header and footer lines, set by lay_render).
dump_q() { awk -F '	' -v mode="$1" -v furniture="${FURNITURE:-}" -f "$DUMPCHECK" "$2"; }

# lay_furniture NAME: the text of the fixture's headers and footers.
lay_furniture() {
    case $1 in
        long-table|tables) echo '^第 [0-9]+ 頁$' ;;
        blocks) echo '^區塊與清單測試文件$|^第 [0-9]+ 頁，共 [0-9]+ 頁$' ;;
        form|form-*) echo '^臺北市政府資訊局112年推動性別平等工作成果報告$|^第 [0-9]+ 頁，共 [0-9]+ 頁$' ;;
        *) echo '' ;;
    esac
}

# owners DUMP: text lines as PAGE<TAB>OWNER<TAB>Y<TAB>TEXT<TAB>X<TAB>W<TAB>H,
# in page order
# then top to bottom (stable: the dump order within a row).
owners() { dump_q owners "$1" | sort -t '	' -k1,1n -k3,3n -s; }

# cell_of DUMP TEXT: the FO line of the cell holding the first text line
# that contains TEXT (empty if none).
cell_of() {
    dump_q owners "$1" | awk -F '	' -v t="$2" 'index($4, t) && $2 != "0" && $2 != "S" { print $2; exit }'
}

# cells_of DUMP FOLINE: that cell's records (cells mode), page order.
cells_of() { dump_q cells "$1" | awk -F '	' -v f="$2" '$2 == f' | sort -t '	' -k1,1n -s; }

# cell_text DUMP FOLINE: the text of that cell's lines, in order, joined.
cell_text() { owners "$1" | awk -F '	' -v f="$2" '$2 == f { printf "%s", $4 } END { print "" }'; }

# fo_text FO START END: the text of the FO from the first occurrence of
# START after <fo:flow to the first END after it (both included; END may
# be a tag such as </fo:block>), then tags removed.
fo_text() {
    tr '\n' ' ' < "$1" | awk -v s="$2" -v e="$3" '{
        f = index($0, "<fo:flow"); if (!f) exit
        $0 = substr($0, f); i = index($0, s); if (!i) exit
        r = substr($0, i); j = index(r, e); if (!j) exit
        print substr(r, 1, j + length(e) - 1) }' | sed 's/<[^>]*>//g'
}

# same_text NAME EXPECTED ACTUAL: compare two strings whitespace aside with
# tools/textdiff.sh; prints its detail lines. Exit status 0 when equal.
same_text() {
    printf '%s\n' "$2" > "$LAY/$1.expected.txt"
    printf '%s\n' "$3" > "$LAY/$1.actual.txt"
    "$TOOLS/textdiff.sh" "$LAY/$1.expected.txt" "$LAY/$1.actual.txt" "$LAY"
}

# check_geometry NAME: no text line beyond its cell or the body region, no
# cell beyond the body region (0.5pt), no empty (zero-height) cell fragment.
check_geometry() {
    dump_q geometry "$L_DUMP" > "$LAY/$1.geometry"
    if [ -s "$LAY/$1.geometry" ]; then
        not_ok "$1: no text line beyond its cell or the body region, no empty cell fragment (dump, 0.5pt)"
        show "$LAY/$1.geometry" 8
    else
        ok "$1: no text line beyond its cell or the body region, no empty cell fragment (dump, 0.5pt)"
    fi
}

# check_tiling NAME: on every page, the cell fragments of each table cover
# the table's whole area (no cell missing its fragment on a page its row
# or row group reaches).
check_tiling() {
    dump_q tiling "$L_DUMP" > "$LAY/$1.tiling"
    if [ -s "$LAY/$1.tiling" ]; then
        not_ok "$1: every table fragment is tiled by cell fragments (no cell missing on a page)"
        show "$LAY/$1.tiling" 8
    else
        ok "$1: every table fragment is tiled by cell fragments (no cell missing on a page)"
    fi
}

# check_dump_matches_pdf NAME: on every page the dump's text lines hold the
# same characters (as a multiset, whitespace aside) as pdftotext of that
# page — the dump describes the final layout and nothing else (no lines
# or cells of rolled-back attempts).
check_dump_matches_pdf() {
    _np=$(pdf_pages "$L_PDF")
    : > "$LAY/$1.dumpdiff"
    _i=1
    while [ "$_i" -le "${_np:-0}" ]; do
        awk -F '	' -v p="$_i" '$1 == "line" && $2 == p { t = $0; for (k = 1; k <= 6; k++) sub(/^[^\t]*\t/, "", t); print t }' \
            "$L_DUMP" | squeeze | grep -o . | sort > "$LAY/$1.d.chars"
        pdftotext -f "$_i" -l "$_i" "$L_PDF" - 2>/dev/null | squeeze | grep -o . | sort > "$LAY/$1.p.chars"
        if ! cmp -s "$LAY/$1.d.chars" "$LAY/$1.p.chars"; then
            _extra=$(comm -23 "$LAY/$1.d.chars" "$LAY/$1.p.chars" | head -c 120 | tr -d '\n')
            _miss=$(comm -13 "$LAY/$1.d.chars" "$LAY/$1.p.chars" | head -c 120 | tr -d '\n')
            echo "page $_i: only in the dump: '$_extra'; only in the PDF: '$_miss'" >> "$LAY/$1.dumpdiff"
        fi
        _i=$((_i + 1))
    done
    if [ -s "$LAY/$1.dumpdiff" ]; then
        not_ok "$1: the box dump shows the same text as the PDF, page by page" \
            "(a difference in the dump alone: records of rolled-back placements left in it)"
        show "$LAY/$1.dumpdiff" 6
    else
        ok "$1: the box dump shows the same text as the PDF, page by page (${_np:-0} pages)"
    fi
}

# check_borders NAME: every cell fragment of the dump shows its four sides
# in the rendered page, and no other rule inside it. Why pixels: see
# tools/rastercheck.c. pdftoppm -aaVector no: rules are drawn without
# anti-aliasing, so a 0.5pt rule is at least one solid pixel at 144 dpi
# wherever it falls; a side counts as present when 97% of the pixel
# positions along it have a dark pixel within 1pt across. This covers the
# bottom rule of each page's table fragment (the cells ending there) and
# the rules under a repeated header (the header's cells and the first body
# cells below them): a side left open at a page break fails. Inside a cell
# (1pt in from its edges) no pixel row or column may be dark over 90% of
# its length: a border drawn a second time around the cell's content is a
# defect too. For fixtures whose every cell has a border and no nested
# table (list items are cells in the dump too, without borders).
check_borders() {
    _rc=$(lay_tool rastercheck)
    if [ -z "$_rc" ]; then
        not_ok "$1: every cell fragment shows its four borders (pixels)" "tests/tools/rastercheck.c does not compile:"
        show "$LAY/bin/rastercheck.log" 5
        return
    fi
    _np=$(pdf_pages "$L_PDF")
    : > "$LAY/$1.borders"
    : > "$LAY/$1.inside"
    _i=1 _n=0 _nc=0
    while [ "$_i" -le "${_np:-0}" ]; do
        dump_q cells "$L_DUMP" | awk -F '	' -v p="$_i" '$1 == p {
            x = $7; y = $8; w = $9; h = $10; c = "FO line " $2 " (row " $3 " col " $4 ")"
            printf "h %.2f %.2f %.2f top of %s\n", x, x + w, y, c
            printf "h %.2f %.2f %.2f bottom of %s\n", x, x + w, y + h, c
            printf "v %.2f %.2f %.2f left of %s\n", x, y, y + h, c
            printf "v %.2f %.2f %.2f right of %s\n", x + w, y, y + h, c
            if (w > 3 && h > 3) printf "clear %.2f %.2f %.2f %.2f inside %s\n", x + 1, x + w - 1, y + 1, y + h - 1, c }' > "$LAY/$1.req"
        if [ -s "$LAY/$1.req" ]; then
            rm -f "$LAY/$1.page"*.pgm
            pdftoppm -gray -aaVector no -r 144 -f "$_i" -l "$_i" "$L_PDF" "$LAY/$1.page" 2>/dev/null
            _pgm=$(ls "$LAY/$1.page"*.pgm 2>/dev/null | head -n 1)
            if [ -z "$_pgm" ]; then
                echo "page $_i: pdftoppm gave no image" >> "$LAY/$1.borders"
            else
                "$_rc" "$_pgm" 144 < "$LAY/$1.req" > "$LAY/$1.res"
                grep '^missing ' "$LAY/$1.res" | sed "s/^/page $_i: /" >> "$LAY/$1.borders"
                grep '^rule ' "$LAY/$1.res" | sed "s/^/page $_i: /" >> "$LAY/$1.inside"
                _n=$((_n + $(grep -c '^[hv] ' "$LAY/$1.req")))
                _nc=$((_nc + $(grep -c '^clear ' "$LAY/$1.req")))
            fi
            rm -f "$_pgm"
        fi
        _i=$((_i + 1))
    done
    if [ -s "$LAY/$1.borders" ]; then
        not_ok "$1: every cell fragment shows its four borders (pixels at 144 dpi)"
        show "$LAY/$1.borders" 8
    else
        ok "$1: every cell fragment shows its four borders (pixels at 144 dpi, $_n sides)"
    fi
    if [ -s "$LAY/$1.inside" ]; then
        not_ok "$1: no rule inside a cell fragment besides its borders (a border drawn twice?)"
        show "$LAY/$1.inside" 6
    else
        ok "$1: no rule inside a cell fragment besides its borders ($_nc cells)"
    fi
}

# approx A B TOL: |A - B| <= TOL
approx() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'; }

#!/bin/sh
# t-layout-doc.sh — block-level layout, page furniture, footnotes, links,
# outline, keeps, images and charts (the layout-engine issue), from the PDF
# (pdftotext, qpdf, pdfimages, pixels) and the box dump:
#   blocks.fo: header and 「第 N 頁，共 M 頁」 (page-number-citation-last) on
#     every page; table of contents: dot leaders filling the line and the
#     cited page numbers right; space resolution (12pt, not 12+6) and space
#     discarded at a page top; break-before/-after; a bordered, padded
#     block with a background over a page break (text inset, borders and
#     background drawn on both pages); keep-together; nested lists
#     一、（一）1、(1) (label/body positions); footnotes at the foot of the
#     page of their reference; link annotations to the right page and URL;
#     the outline (qpdf --json outlines) with titles, nesting, pages;
#   keep-break.fo, keep-tall-row.fo: keeps that cannot hold give way
#     without an error (a keep-with-next before break-before="page"; a
#     heading kept with a keep-together row taller than a page);
#   keeps (tools/keeps-fo.sh, nine page-end positions): keep-with-next,
#     keep-with-previous, orphans/widows 3, keep-together on a block and on
#     a table row hold wherever the page ends;
#   graphics.fo: JPEG passed through byte for byte, PNG alpha flattened
#     onto white with no SMask, content-width/-height/scaling (pdfimages
#     ppi), intrinsic size; the SVG chart's text round-trips through
#     pdftotext at its text-anchor positions, its shapes are drawn (path
#     operators in the content stream, bar colours in the pixels);
#   form.fo: about twelve pages, footer on every page, ☑/☐ and ▲/▼ text,
#     captions kept with their tables, the footnote on its reference's page,
#     row-spanned cells (the contact label; a strategy category over a
#     page end) with all their text.
. "$(dirname "$0")/lib.sh"
. "$TOOLS/layout-lib.sh"
require_gr
require_tools pdftotext pdfinfo pdftoppm pdfimages qpdf

# line_at DUMP TEXT: "PAGE Y X W H" of the first dump line whose text is
# exactly TEXT (or, with a trailing *, starts with it)
line_at() {
    awk -F '	' -v t="$2" '$1 == "line" {
        s = $0; for (k = 1; k <= 6; k++) sub(/^[^\t]*\t/, "", s)
        if (substr(t, length(t)) == "*" ? index(s, substr(t, 1, length(t) - 1)) == 1 : s == t) {
            print $2, $4, $3, $5, $6; exit } }' "$1"
}
# la DUMP TEXT: line_at into LP LY LX LW LH (empty if there is no such line)
la() {
    LP="" LY="" LX="" LW="" LH=""
    set -- $(line_at "$1" "$2")
    [ $# -eq 5 ] && LP=$1 LY=$2 LX=$3 LW=$4 LH=$5
    return 0
}
# page_objs PDF: "OBJ PAGE" for every page object
page_objs() { qpdf --show-pages "$1" 2>/dev/null | awk '/^page [0-9]+:/ { sub(":", "", $2); print $3, $2 }'; }

# ---- blocks.fo --------------------------------------------------------------------
name=blocks
lay_render "$name"
if ! lay_failed "$name" "$name: renders with a box dump"; then
    ok "$name: renders with a box dump"
    D=$L_DUMP P=$L_PDF
    np=$(pdf_pages "$P")
    set -- $(awk -F '	' '$1 == "body" { print $3, $4, $5, $6; exit }' "$D") 0 0 0 0
    BX=$1 BY=$2 BW=$3 BH=$4

    # furniture
    bad=""
    i=1
    while [ "$i" -le "${np:-0}" ]; do
        t=$(pdftotext -f "$i" -l "$i" "$P" - 2>/dev/null | squeeze)
        case $t in *"第${i}頁，共${np}頁"*) ;; *) bad="$bad $i(footer)" ;; esac
        case $t in *區塊與清單測試文件*) ;; *) bad="$bad $i(header)" ;; esac
        i=$((i + 1))
    done
    if [ -z "$bad" ]; then ok "$name: header and 「第 N 頁，共 $np 頁」 on every page (page-number-citation-last)"
    else not_ok "$name: header and 「第 N 頁，共 $np 頁」 on every page (page-number-citation-last)" "pages:$bad"; fi

    # table of contents: the cited page is where the heading is; the leader fills the line
    rcb=$(lay_tool rastercheck)
    rm -f "$LAY/toc"*.pgm
    pdftoppm -gray -r 144 -f 1 -l 1 "$P" "$LAY/toc" 2>/dev/null
    toc_pgm=$(ls "$LAY/toc"*.pgm 2>/dev/null | head -n 1)
    bad=""
    for h in 一、區塊的邊框、內距與背景 二、分頁控制 三、清單 四、註腳 五、連結; do
        la "$D" "$h"; hp=${LP:-?}
        la "$D" "$h*"      # the TOC line comes first in the dump
        ty=${LY:-0} tx=${LX:-0} tw=${LW:-0} th=${LH:-0}
        ttext=$(awk -F '	' -v y="$ty" '$1 == "line" && $2 == 1 && $4 == y { s = $0; for (k = 1; k <= 6; k++) sub(/^[^\t]*\t/, "", s); print s; exit }' "$D")
        [ "$ttext" = "$h$hp" ] || bad="$bad $h: TOC says '${ttext#"$h"}', heading on page $hp;"
        approx "$tw" "$BW" 0.5 || bad="$bad $h: TOC line ${tw}pt wide, not the full ${BW}pt;"
        if [ -n "$rcb" ] && [ -n "$toc_pgm" ]; then
            m=$(echo "mean $(echo "$tx $ty" | awk '{ print $1 + 250, $2 }') 120 $th leader" | "$rcb" "$toc_pgm" 144 | cut -d' ' -f2)
            awk -v m="${m:-255}" 'BEGIN { exit !(m < 254.5) }' || bad="$bad $h: no dots in the leader (grey $m);"
        fi
    done
    rm -f "$toc_pgm"
    if [ -z "$bad" ]; then ok "$name: table of contents: page-number-citation gives each heading's page; dot leaders fill the lines"
    else not_ok "$name: table of contents: page-number-citation gives each heading's page; dot leaders fill the lines" "$bad"; fi

    # space resolution and breaks
    set -- $(awk -F '	' '$1 == "line" && index($0, "只留十二點") { print $2, $4, $6; exit }' "$D") x 0 0
    a_last_y=$2 a_last_h=$3
    la "$D" "段乙*"; b_y=${LY:-0}
    gap=$(echo "$b_y $a_last_y $a_last_h" | awk '{ printf "%.2f", $1 - $2 - $3 }')
    if approx "$gap" 12 0.3; then ok "$name: space-after 12pt + space-before 6pt resolve to 12pt"
    else not_ok "$name: space-after 12pt + space-before 6pt resolve to 12pt" "gap ${gap}pt"; fi
    la "$D" "段丙*"; c_p=${LP:-0}
    la "$D" "段丁*"; d_p=${LP:-0} d_y=${LY:-0}
    la "$D" 一、區塊的邊框、內距與背景; s1_p=${LP:-0} s1_y=${LY:-0}
    la "$D" 三、清單; s3_p=${LP:-0} s3_y=${LY:-0}
    if [ "$d_p" = "$((c_p + 1))" ] && approx "$d_y" "$BY" 0.3; then
        ok "$name: break-after=\"page\"; space-before discarded at the top of the next page"
    else not_ok "$name: break-after=\"page\"; space-before discarded at the top of the next page" \
        "段丙 on page $c_p, 段丁 on page $d_p at y $d_y (body top $BY)"; fi
    if [ "$s1_p" -gt 1 ] && approx "$s1_y" "$BY" 0.3 && approx "$s3_y" "$BY" 0.3; then
        ok "$name: break-before=\"page\" starts sections one and three at a page top"
    else not_ok "$name: break-before=\"page\" starts sections one and three at a page top" \
        "一 on page $s1_p y $s1_y; 三 on page $s3_p y $s3_y (body top $BY)"; fi

    # the bordered block: 10mm margins, 1pt border, 6pt padding, background #E6E6E6
    awk -F '	' -v by="$BY" -v bh="$BH" '$1 == "line" && $4 >= by - 0.5 && $4 < by + bh {
        s = $0; for (k = 1; k <= 6; k++) sub(/^[^\t]*\t/, "", s)
        if (index(s, "框甲起")) on = 1; if (on) print $2, $4, $3, $5, $6; if (index(s, "框甲止")) on = 0 }' "$D" > "$LAY/$name.frame"
    inset=$(echo "28.35 1 6" | awk '{ print $1 + $2 + $3 }')
    bad=$(awk -v bx="$BX" -v bw="$BW" -v in_="$inset" '{ if ($3 < bx + in_ - 0.5 || $3 + $4 > bx + bw - in_ + 0.5) printf " page %s y %s: x %s w %s;", $1, $2, $3, $4 }' "$LAY/$name.frame")
    fp=$(cut -d' ' -f1 "$LAY/$name.frame" | sort -n -u | tr '\n' ' ')
    if [ -z "$bad" ] && [ "$(echo $fp | wc -w)" -ge 2 ]; then
        ok "$name: bordered block over pages $fp: its text inside margin + border + padding"
    else not_ok "$name: bordered block over two pages: its text inside margin + border + padding" "pages ${fp:-none}:$bad"; fi
    if [ -n "$rcb" ]; then
        : > "$LAY/$name.frame.res"
        for p in $fp; do
            set -- $(awk -v p="$p" '$1 == p { if (!n++) top = $2; bot = $2 + $5 } END { print top + 0, bot + 0 }' "$LAY/$name.frame")
            top=$1 bot=$2
            rm -f "$LAY/frame"*.pgm
            pdftoppm -gray -aaVector no -r 144 -f "$p" -l "$p" "$P" "$LAY/frame" 2>/dev/null
            x0=$(echo "$BX" | awk '{ print $1 + 28.35 }'); x1=$(echo "$BX $BW" | awk '{ print $1 + $2 - 28.35 }')
            { echo "v $(echo "$x0" | awk '{ print $1 + 0.5 }') $top $bot left border page $p"
              echo "v $(echo "$x1" | awk '{ print $1 - 0.5 }') $top $bot right border page $p"
              echo "mean $(echo "$x0" | awk '{ print $1 + 2 }') $top 3 $(echo "$top $bot" | awk '{ print $2 - $1 }') background page $p"
            } | "$rcb" "$(ls "$LAY/frame"*.pgm | head -n 1)" 144 >> "$LAY/$name.frame.res"
            rm -f "$LAY/frame"*.pgm
        done
        bad=$(awk '$1 == "missing" || ($1 == "mean" && ($2 < 215 || $2 > 245)) { printf " %s;", $0 }' "$LAY/$name.frame.res")
        if [ -z "$bad" ]; then ok "$name: the bordered block's side borders and background drawn on each page"
        else not_ok "$name: the bordered block's side borders and background drawn on each page" "$bad"; fi
    fi

    # keep-together block
    kp=$(awk -F '	' '$1 == "line" { s = $0; for (k = 1; k <= 6; k++) sub(/^[^\t]*\t/, "", s)
        if (index(s, "段己")) on = 1; if (on) print $2; if (index(s, "亦同。")) on = 0 }' "$D" | sort -u | wc -l)
    if [ "$kp" -eq 1 ]; then ok "$name: keep-together.within-page block on one page"
    else not_ok "$name: keep-together.within-page block on one page" "on $kp pages"; fi

    # lists: label and body on one line; positions from provisional-distance-between-starts
    bad=""
    for spec in "一、 0 清單甲 36" "（一） 36 清單乙 84" "（二） 36 清單丙 84" "二、 0 清單丁 36" \
                "1、 0 清單戊 24" "(1) 24 清單己 54" "(2) 24 清單庚 54" "2、 0 清單辛 24"; do
        set -- $spec
        la "$D" "$1"; ly=${LY:-x} lx=${LX:-0}
        la "$D" "$3*"; by_=${LY:-y} bx_=${LX:-0}
        if ! approx "$lx" "$(echo "$BX $2" | awk '{ print $1 + $2 }')" 0.5 ||
           ! approx "$bx_" "$(echo "$BX $4" | awk '{ print $1 + $2 }')" 0.5 || [ "$ly" != "$by_" ]; then
            bad="$bad $1/$3: label x $lx y $ly, body x $bx_ y $by_ (want +$2, +$4 from $BX, same y);"
        fi
    done
    c2=$(awk -F '	' '$1 == "line" && index($0, "清單丙") { do getline; while ($1 != "line"); print $3; exit }' "$D")
    approx "${c2:-0}" "$(echo "$BX" | awk '{ print $1 + 84 }')" 0.5 || bad="$bad 清單丙's second line at x ${c2:-?};"
    if [ -z "$bad" ]; then ok "$name: nested lists 一、（一）1、(1): labels and bodies placed by provisional-distance-between-starts"
    else not_ok "$name: nested lists 一、（一）1、(1): labels and bodies placed by provisional-distance-between-starts" "$bad"; fi

    # footnotes: at the foot of the page of their reference, below the flow
    bad=""
    for spec in "註一 政策」1，" "註二 項目表」2，"; do
        set -- $spec
        la "$D" "$1*"; np_=$LP ny=${LY:-0}
        rp=$(awk -F '	' -v t="$2" '$1 == "line" && index($0, t) { print $2; exit }' "$D")
        # lines below the note's first line on its page: only the note's own
        # (line-height 13pt, used by nothing else in the flow)
        below=$(awk -F '	' -v p="$np_" -v y="$ny" -v lim="$BY $BH" 'BEGIN { split(lim, b, " ") }
            $1 == "line" && $2 == p && $4 > y + 0.1 && $4 < b[1] + b[2] && ($6 < 12.9 || $6 > 13.1) { n++ } END { print n + 0 }' "$D")
        if [ -z "$np_" ] || [ "$np_" != "$rp" ] || [ "$below" -ne 0 ] ||
           ! awk -v y="$ny" -v by="$BY" -v bh="$BH" 'BEGIN { exit !(y > by + bh / 2 && y < by + bh) }'; then
            bad="$bad $1: body on page ${np_:-none} at y ${ny:-?}, reference on page ${rp:-none}, $below flow lines below it;"
        fi
    done
    if [ -z "$bad" ]; then ok "$name: footnotes at the foot of the page where their reference falls"
    else not_ok "$name: footnotes at the foot of the page where their reference falls" "$bad"; fi

    # links
    page_objs "$P" > "$LAY/$name.pages"
    : > "$LAY/$name.links"
    while read -r obj pno; do
        for a in $(qpdf --show-object="$obj" "$P" 2>/dev/null | grep -o '/Annots \[[^]]*\]' | grep -o '[0-9]* 0 R' | cut -d' ' -f1); do
            qpdf --show-object="$a" "$P" 2>/dev/null | awk -v p="$pno" '{ print p "\t" $0 }' >> "$LAY/$name.links"
        done
    done < "$LAY/$name.pages"
    # "FROMPAGE TOPAGE" for internal links, "FROMPAGE URI" for external ones
    awk -F '	' 'NR == FNR { pg[$1 " 0 R"] = $2; next }
        { if (match($2, /\/Dest \[ [0-9]+ 0 R/)) { o = substr($2, RSTART + 8, RLENGTH - 8); print $1, pg[o] }
          else if (match($2, /\/URI \([^)]*\)/)) print $1, substr($2, RSTART + 6, RLENGTH - 7)
          else print $1, "?" }' FS=' ' "$LAY/$name.pages" FS='	' "$LAY/$name.links" > "$LAY/$name.links.sum"
    want=$(for h in 一、區塊的邊框、內距與背景 二、分頁控制 三、清單 四、註腳 五、連結; do la "$D" "$h"; echo "1 $LP"; done
           la "$D" "段癸*"; echo "$LP https://www.gov.taipei/"; echo "$LP $s1_p")
    got=$(cat "$LAY/$name.links.sum")
    if [ "$(echo "$want" | sort)" = "$(echo "$got" | sort)" ]; then
        ok "$name: link annotations: the TOC's five to their sections' pages, the external URL, the link back"
    else not_ok "$name: link annotations: the TOC's five to their sections' pages, the external URL, the link back" \
        "want (from-page to-page/URI): $(echo $want | tr '\n' ';')" "got: $(echo $got | tr '\n' ';')"; fi

    # outline
    qpdf --json --json-key=outlines "$P" > "$LAY/$name.outline.json" 2>&1
    # qpdf indents its JSON by two spaces a level: an item's keys stand 4
    # deeper than its parent's (the kids array, then the object)
    got=$(awk 'function ind(s) { match(s, /^ */); return RLENGTH }
        /"destpageposfrom1":/ { v = $0; sub(/.*: */, "", v); sub(/,.*/, "", v); p[ind($0)] = v }
        /"title":/ { t = $0; sub(/^ *"title": "/, "", t); sub(/",?$/, "", t); printf "%d %s %s\n", (ind($0) - 6) / 4, p[ind($0)], t }' "$LAY/$name.outline.json")
    want=$(printf '0 1 目錄\n'
        for h in 一、區塊的邊框、內距與背景 二、分頁控制; do la "$D" "$h"; echo "0 $LP $h"; done
        la "$D" 三、清單; echo "0 $LP 三、清單"
        for h in （一）第一層與第二層 （二）第三層與第四層; do la "$D" "$h"; echo "1 $LP $h"; done
        for h in 四、註腳 五、連結; do la "$D" "$h"; echo "0 $LP $h"; done)
    if [ "$(echo "$got" | sort)" = "$(echo "$want" | sort)" ] && [ "$(echo "$got" | wc -l)" -eq 8 ]; then
        ok "$name: outline (qpdf --json): eight bookmarks with their titles, nesting and pages"
    else not_ok "$name: outline (qpdf --json): eight bookmarks with their titles, nesting and pages" \
        "want (depth page title): $(echo $want)" "got: $(echo $got)"; fi
    check_geometry "$name"
    check_dump_matches_pdf "$name"
fi

# ---- keeps that cannot hold give way ----------------------------------------------------
name=keep-break
lay_render "$name"
if ! lay_failed "$name" "$name: keep-with-next before break-before=\"page\": the break wins, no error"; then
    la "$L_DUMP" "甲*"; a_p=$LP
    la "$L_DUMP" "乙*"; b_p=$LP b_y=$LY
    by=$(awk -F '	' '$1 == "body" { print $4; exit }' "$L_DUMP")
    if [ "$a_p" = 1 ] && [ "$b_p" = 2 ] && approx "${b_y:-0}" "$by" 0.3; then
        ok "$name: keep-with-next before break-before=\"page\": the break wins, no error"
    else not_ok "$name: keep-with-next before break-before=\"page\": the break wins, no error" \
        "甲 on page ${a_p:-none}, 乙 on page ${b_p:-none} at y ${b_y:-?}"; fi
fi
name=keep-tall-row
lay_render "$name"
if ! lay_failed "$name" "$name: a keep-together row taller than a page splits, its heading kept with its start, no error"; then
    la "$L_DUMP" "丙*"; c_p=$LP
    la "$L_DUMP" "丁起*"; d_p=$LP
    dl=$(awk -F '	' '$1 == "line" { s = $0; for (k = 1; k <= 6; k++) sub(/^[^\t]*\t/, "", s)
        if (index(s, "丁起")) on = 1; if (on) printf "%s", s; if (index(s, "丁止")) on = 0 }' "$L_DUMP")
    if [ -n "$c_p" ] && [ "$c_p" = "$d_p" ] && same_text "$name-row" "$(fo_text "$(lay_fo "$name")" 丁起 丁止。)" "$dl" > /dev/null; then
        ok "$name: a keep-together row taller than a page splits, its heading kept with its start, no error"
    else not_ok "$name: a keep-together row taller than a page splits, its heading kept with its start, no error" \
        "heading on page ${c_p:-none}, row starts on ${d_p:-none}, row text $(printf '%s' "$dl" | wc -m) characters"; fi
fi

# ---- keeps ------------------------------------------------------------------------
name=keeps
lay_render "$name"
if ! lay_failed "$name" "$name: renders with a box dump"; then
    ok "$name: renders with a box dump"
    by=$(awk -F '	' '$1 == "body" { print $4; exit }' "$L_DUMP")
    owners "$L_DUMP" > "$LAY/$name.owners"
    awk -F '	' -v by="$by" '
        function top(y) { return (y - by < 0.3 && by - y < 0.3) }
        { t = $4 }
        { for (k = 0; k < 9; k++) {
            if (index(t, "標題" k "：")) { hp[k] = $1; if (top($3)) moved_h++ }
            if (index(t, "段落" k "起")) { inp[k] = 1; pfirst[k] = $1 }
            if (inp[k]) { cnt[k, $1]++; plast[k] = $1 }
            if (index(t, "段落" k "止")) inp[k] = 0
            if (index(t, "圖說" k "：")) cp[k] = $1
            if (index(t, "整塊" k "起")) { inb[k] = 1; if (top($3)) moved_b++ }
            if (inb[k]) bp[k, $1] = 1
            if (index(t, "整塊" k "止")) inb[k] = 0
            if (index(t, "保列" k "起")) { inr[k] = 1 }
            if (inr[k] || index(t, "保列" k "甲")) rp[k, $1] = 1
            if (index(t, "保列" k "止")) inr[k] = 0
        } }
        END {
            for (k = 0; k < 9; k++) {
                if (hp[k] == "" || hp[k] != pfirst[k]) printf "K=%d: heading on page %s, paragraph starts on page %s\n", k, hp[k], pfirst[k]
                if (cp[k] == "" || cp[k] != plast[k]) printf "K=%d: caption on page %s, paragraph ends on page %s\n", k, cp[k], plast[k]
                if (pfirst[k] != plast[k]) {
                    split_n++
                    if (cnt[k, pfirst[k]] < 3 || cnt[k, plast[k]] < 3)
                        printf "K=%d: paragraph split %d/%d lines (orphans 3, widows 3)\n", k, cnt[k, pfirst[k]], cnt[k, plast[k]]
                }
                nb = 0; for (key in bp) { split(key, a, SUBSEP); if (a[1] == k) nb++ }
                if (nb != 1) printf "K=%d: keep-together block on %d pages\n", k, nb
                nr = 0; for (key in rp) { split(key, a, SUBSEP); if (a[1] == k) nr++ }
                if (nr != 1) printf "K=%d: keep-together row on %d pages\n", k, nr
            }
            printf "SWEEP %d %d %d\n", split_n, moved_h, moved_b
        }' "$LAY/$name.owners" > "$LAY/$name.keeps"
    set -- $(sed -n 's/^SWEEP //p' "$LAY/$name.keeps")
    grep -v '^SWEEP' "$LAY/$name.keeps" > "$LAY/$name.keeps.bad"
    if [ -s "$LAY/$name.keeps.bad" ]; then
        not_ok "$name: keep-with-next/-previous, orphans/widows 3, keep-together (block, row) at nine page-end positions"
        show "$LAY/$name.keeps.bad" 10
    else
        ok "$name: keep-with-next/-previous, orphans/widows 3, keep-together (block, row) at nine page-end positions"
    fi
    if [ "${1:-0}" -ge 1 ] && [ "${2:-0}" -ge 1 ] && [ "${3:-0}" -ge 1 ]; then
        ok "$name: the sweep reached the cases (split paragraphs: $1, headings moved: $2, blocks moved: $3)"
    else
        not_ok "$name: the sweep reached the cases" "split paragraphs ${1:-0}, headings moved to a page top ${2:-0}, blocks moved ${3:-0}: the fixture no longer straddles page ends"
    fi
fi

# ---- graphics.fo ---------------------------------------------------------------------
name=graphics
gdir=$(dirname "$(lay_fo "$name")")
lay_render "$name"
if ! lay_failed "$name" "$name: renders with a box dump"; then
    ok "$name: renders with a box dump"
    D=$L_DUMP P=$L_PDF
    pdfimages -list "$P" 2>/dev/null | awk 'NR > 2' > "$LAY/$name.images"
    imgs=$(awk '{ printf "%s/%sx%s/%s/%s ", $3, $4, $5, $6, $9 }' "$LAY/$name.images")
    want="image/32x24/rgb/jpeg image/48x32/rgb/image image/40x20/gray/image "
    if [ "$imgs" = "$want" ]; then ok "$name: pdfimages: the JPEG (DCT), the RGBA PNG as RGB, the grey PNG; no soft mask"
    else not_ok "$name: pdfimages: the JPEG (DCT), the RGBA PNG as RGB, the grey PNG; no soft mask" "want: $want" "got:  $imgs"; fi
    ppi=$(awk '{ printf "%s/%s ", $13, $14 }' "$LAY/$name.images")
    if [ "$ppi" = "14/14 36/72 96/96 " ]; then
        ok "$name: sizes: content-width 60mm (14 ppi), 96x32pt non-uniform (36x72 ppi), intrinsic 96 dpi"
    else not_ok "$name: sizes: content-width 60mm, 96x32pt non-uniform, intrinsic 96 dpi" "x/y ppi: want 14/14 36/72 96/96, got $ppi"; fi
    rm -rf "$LAY/$name.x"; mkdir -p "$LAY/$name.x"
    pdfimages -j "$P" "$LAY/$name.x/i" 2>/dev/null
    if cmp -s "$LAY/$name.x/i-000.jpg" "$gdir/img/photo.jpg"; then ok "$name: the JPEG is passed through byte for byte"
    else not_ok "$name: the JPEG is passed through byte for byte" "$(ls "$LAY/$name.x" | tr '\n' ' ')"; fi
    ppm=$LAY/$name.x/i-001.ppm
    px() { _o=$(( $(head -n 3 "$ppm" | wc -c) + ($2 * 48 + $1) * 3 )); od -An -tu1 -j "$_o" -N3 "$ppm" | awk '{ print $1, $2, $3 }'; }
    if [ -s "$ppm" ] && [ "$(px 10 2)" = "255 255 255" ] && [ "$(px 0 10)" = "0 0 0" ] &&
       px 5 20 | awk '{ exit !($1 > $2 + 50 && $1 > $3 + 50) }' && px 46 20 | awk '{ exit !($1 > 200 && $2 > 200 && $3 > 200) }'; then
        ok "$name: PNG alpha flattened onto white (transparent band white, frame black, opaque red)"
    else not_ok "$name: PNG alpha flattened onto white" "pixels (10,2) $(px 10 2), (0,10) $(px 0 10), (5,20) $(px 5 20), (46,20) $(px 46 20)"; fi

    # the chart
    t=$(pdftotext "$P" - 2>/dev/null | squeeze)
    bad=""
    for w in 參訓人數 男性 女性 合計2,676人; do case $t in *"$w"*) ;; *) bad="$bad $w" ;; esac; done
    if [ -z "$bad" ]; then ok "$name: the chart's text comes back from pdftotext"
    else not_ok "$name: the chart's text comes back from pdftotext" "missing:$bad"; fi
    set -- $(awk -F '	' '$1 == "line" && index($0, "▼ 圖四") { do getline; while ($1 != "line"); print $3, $4, $5, $6; exit }' "$D") 0 0 0 0
    gx=${1:-0} gy=$(echo "${2:-0} ${4:-0}" | awk '{ print $1 + $2 - 180 }') gw=${3:-0}
    pdftotext -bbox "$P" - 2>/dev/null | sed -n 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="[0-9.]*">\(.*\)<\/word>/\1 \2 \3 \4/p' > "$LAY/$name.words"
    mid=$(awk '$4 == "參訓人數" { print ($1 + $3) / 2; exit }' "$LAY/$name.words")
    start=$(awk '$4 == "男性" { print $1; exit }' "$LAY/$name.words")
    end=$(awk '$4 == "合計" { y = $2 } y != "" && ($2 - y < 2 && y - $2 < 2) { if ($3 > m) m = $3 } END { print m }' "$LAY/$name.words")
    if approx "$gw" 300 0.5 && approx "${mid:-0}" "$(echo "$gx" | awk '{ print $1 + 150 }')" 2 &&
       approx "${start:-0}" "$(echo "$gx" | awk '{ print $1 + 52.5 }')" 2 &&
       approx "${end:-0}" "$(echo "$gx" | awk '{ print $1 + 270 }')" 2; then
        ok "$name: chart text at its anchors (middle, start in a translated group, end; scale 0.75)"
    else not_ok "$name: chart text at its anchors (middle, start in a translated group, end; scale 0.75)" \
        "chart at x $gx width $gw; 參訓人數 centre ${mid:-?} (want gx+150), 男性 start ${start:-?} (gx+52.5), 合計… end ${end:-?} (gx+270)"; fi
    cobj=$(qpdf --show-object="$(page_objs "$P" | awk '$2 == 1 { print $1 }')" "$P" 2>/dev/null | sed -n 's/.*\/Contents \([0-9]*\) 0 R.*/\1/p')
    qpdf --show-object="${cobj:-0}" --filtered-stream-data "$P" > "$LAY/$name.content" 2>/dev/null
    ops=$(awk '{ op[$NF]++ } END { printf "c=%d l=%d re=%d f=%d S=%d Do=%d", op["c"], op["l"], op["re"], op["f"] + op["f*"] + op["B"] + op["b"], op["S"] + op["s"] + op["B"] + op["b"], op["Do"] }' "$LAY/$name.content")
    if echo "$ops" | awk '{ for (i = 1; i <= NF; i++) { split($i, a, "="); v[a[1]] = a[2] } exit !(v["c"] >= 4 && v["l"] + v["re"] >= 6 && v["f"] >= 3 && v["S"] >= 3 && v["Do"] == 3) }'; then
        ok "$name: page 1 draws paths (curves, lines, fills, strokes) and three image XObjects ($ops)"
    else not_ok "$name: page 1 draws paths (curves, lines, fills, strokes) and three image XObjects" "operators: $ops"; fi
    rcb=$(lay_tool rastercheck)
    if [ -n "$rcb" ]; then
        rm -f "$LAY/chart"*.pgm
        pdftoppm -gray -r 144 -f 1 -l 1 "$P" "$LAY/chart" 2>/dev/null
        res=$(printf 'mean %s %s 20 50 orange\nmean %s %s 15 15 blue\nmean %s %s 10 10 white\n' \
            "$(echo "$gx" | awk '{ print $1 + 120 }')" "$(echo "$gy" | awk '{ print $1 + 75 }')" \
            "$(echo "$gx" | awk '{ print $1 + 60 }')" "$(echo "$gy" | awk '{ print $1 + 128 }')" \
            "$(echo "$gx" | awk '{ print $1 + 10 }')" "$(echo "$gy" | awk '{ print $1 + 60 }')" |
            "$rcb" "$(ls "$LAY/chart"*.pgm | head -n 1)" 144 | awk '{ printf "%s=%s ", $3, $2 }')
        rm -f "$LAY/chart"*.pgm
        if echo "$res" | awk '{ for (i = 1; i <= NF; i++) { split($i, a, "="); v[a[1]] = a[2] } exit !(v["orange"] > 125 && v["orange"] < 175 && v["blue"] > 85 && v["blue"] < 135 && v["white"] > 245) }'; then
            ok "$name: the chart's bars filled in their colours ($res)"
        else not_ok "$name: the chart's bars filled in their colours" "grey: $res (want orange ≈150, blue ≈109, background 255)"; fi
    fi
    check_geometry "$name"
fi

# ---- form.fo ---------------------------------------------------------------------------
name=form
fo=$LAYFO/form.fo
lay_render "$name"
if ! lay_failed "$name" "$name: renders with a box dump"; then
    ok "$name: renders with a box dump"
    D=$L_DUMP P=$L_PDF
    np=$(pdf_pages "$P")
    if [ "${np:-0}" -ge 10 ] && [ "${np:-0}" -le 16 ]; then ok "$name: about twelve pages ($np)"
    else not_ok "$name: about twelve pages" "got ${np:-no} pages"; fi
    bad="" i=1
    while [ "$i" -le "${np:-0}" ]; do
        t=$(pdftotext -f "$i" -l "$i" "$P" - 2>/dev/null | squeeze)
        case $t in *"第${i}頁，共${np}頁"*) ;; *) bad="$bad $i" ;; esac
        i=$((i + 1))
    done
    if [ -z "$bad" ]; then ok "$name: 「第 N 頁，共 $np 頁」 on every page"
    else not_ok "$name: 「第 N 頁，共 $np 頁」 on every page" "missing on pages:$bad"; fi
    t=$(pdftotext "$P" - 2>/dev/null)
    bad=""
    for c in ☑ ☐ ▲ ▼; do
        w=$(sed -n '/<fo:flow/,$p' "$fo" | grep -o "$c" | wc -l)
        g=$(printf '%s' "$t" | grep -o "$c" | wc -l)
        [ "$w" -eq "$g" ] && [ "$w" -gt 0 ] || bad="$bad $c: $g of $w;"
    done
    if [ -z "$bad" ]; then ok "$name: ☑ ☐ ▲ ▼ all come back from pdftotext"
    else not_ok "$name: ☑ ☐ ▲ ▼ all come back from pdftotext" "$bad"; fi
    # ▼ captions on the page of the table below them
    bad=""
    for spec in "▼ 112年課程各年齡區間參與人數及性別統計表|銀髮族" "▼ 本局採購工作及審查小組委員名單|小組成員"; do
        cap=${spec%|*} first=${spec#*|}
        cp_=$(awk -F '	' -v t="$cap" '$1 == "line" && index($0, t) { print $2; exit }' "$D")
        fp_=$(awk -F '	' -v t="$first" -v c="$cp_" '$1 == "line" && $2 >= c && index($0, t) { print $2; exit }' "$D")
        [ -n "$cp_" ] && [ "$cp_" = "$fp_" ] || bad="$bad $cap on page ${cp_:-none}, table on ${fp_:-none};"
    done
    if [ -z "$bad" ]; then ok "$name: ▼ captions on the page of their tables (keep-with-next)"
    else not_ok "$name: ▼ captions on the page of their tables (keep-with-next)" "$bad"; fi
    # the footnote on the page of its reference (in a table cell)
    rp=$(awk -F '	' '$1 == "line" && index($0, "政策1") { print $2; exit }' "$D")
    fp_=$(awk -F '	' '$1 == "line" && index($0, "1考量本府性平政策") { print $2; exit }' "$D")
    if [ -n "$rp" ] && [ "$rp" = "$fp_" ]; then ok "$name: the footnote of a table cell at the foot of its reference's page ($rp)"
    else not_ok "$name: the footnote of a table cell at the foot of its reference's page" "reference on page ${rp:-none}, note on ${fp_:-none}"; fi
    # row-spanned cells
    set -- $(cells_of "$D" "$(cell_of "$D" 性平聯絡人)" | head -n 1 | cut -f5,6) "" ""
    if [ "${1:-0}.${2:-0}" = 2.1 ]; then ok "$name: the contact label spans two rows"
    else not_ok "$name: the contact label spans two rows" "rowspan/colspan ${1:-?}/${2:-?}"; fi
    # the strategy table's category cells (row-spanned): text complete
    # (groups that fit on the next page move there whole, so whether one
    # runs over a page end depends on the page breaks; said, not asserted)
    over="" bad=""
    for c in （一）針對本府重要性別平等議題，主動規劃辦理促進性別平等或相較於現行法令更加友善之政策、措施、方案、計畫等之一 \
             （二）針對本府重要性別平等議題，主動規劃辦理促進性別平等或相較於現行法令更加友善之政策、措施、方案、計畫等之二 \
             （三）積極運用與結合資源拓展性別平等業務 （四）推動及實踐性別友善環境、設計及服務 （五）市民性別平等宣導及教育 \
             （六）依業務屬性自編性別平等教材或案例; do
        key=$(printf '%s' "$c" | sed 's/^\(.\{8\}\).*/\1/')
        f=$(dump_q cells "$D" | awk -F '	' '$5 > 1 { print $2 }' | sort -n -u | while read -r fl; do
            case $(cell_text "$D" "$fl" | squeeze) in "$(printf '%s' "$c" | squeeze)"*) echo "$fl"; break ;; esac; done)
        if [ -z "$f" ]; then bad="$bad $key: no row-spanned cell;"; continue; fi
        same_text "$name-cat" "$(fo_text "$fo" "$c" "</fo:table-cell>")" "$(cell_text "$D" "$f")" > /dev/null ||
            bad="$bad $key: text incomplete;"
        n=$(cells_of "$D" "$f" | cut -f1 | sort -u | wc -l)
        [ "$n" -ge 2 ] && over="$over $key(pages $(cells_of "$D" "$f" | cut -f1 | tr '\n' ' '))"
    done
    if [ -z "$bad" ]; then
        ok "$name: the strategy table's row-spanned categories complete; running over a page end:${over:- none}"
    else not_ok "$name: the strategy table's row-spanned categories complete" "$bad"; fi
    # every strategy-grid row is as tall as its content: under the fullest
    # cell's last line no more than its 2pt padding (a row-spanning
    # category cell used to make the last row of its group 1-3 lines taller)
    s0=$(grep -n '（一）針對本府重要性別平等議題' "$fo" | head -n 1 | cut -d: -f1)
    s1=$(awk -v s="${s0:-0}" 'NR > s && /<\/fo:table>/ { print NR; exit }' "$fo")
    perl "$TOOLS/rowslack.pl" "${s0:-0}" "${s1:-0}" "$D" > "$LAY/$name.slack"
    tall=$(awk -F '	' '$3 > 2.5' "$LAY/$name.slack")
    if [ -n "$s0" ] && [ -s "$LAY/$name.slack" ] && [ -z "$tall" ]; then
        ok "$name: every strategy-grid row as tall as its content ($(wc -l < "$LAY/$name.slack") row fragments)"
    else not_ok "$name: every strategy-grid row as tall as its content" "${tall:-no rows found}"; fi
fi
finish

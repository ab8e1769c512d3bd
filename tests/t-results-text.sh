#!/bin/sh
# t-results-text.sh — the sample report prints everything its data holds and
# everything seed 004 shows:
#   - every text value of data/taipei/112/results.xml is in the internal
#     edition's PDF text (ISO dates in any of the form's ROC styles, long
#     integers with thousands separators), apart from values the form does
#     not print, listed below with the reason for each;
#   - every line of tests/fixtures/seeds/004-…txt (the official report as text) is
#     in the public edition's PDF text, table rows cell by cell, apart from
#     the extraction artefacts listed below with the reason for each.
# Table cells are read through their rectangles in the box dump
# (tools/celltext.awk), so a cell's text stays whole where pdftotext would
# interleave neighbouring cells.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools pdftotext xsltproc awk
d=$WORK/results-text
rm -rf "$d"
mkdir -p "$d"
SAMPLE=$ROOT/data/taipei/112/results.xml
cp -r "$ROOT/data/taipei/112/images" "$d/"

# corpus EDITION-OPTION NAME: the PDF's text as one line, whitespace and
# page footers removed: every cell fragment's text, then every page's
# running text
corpus() {
    run_gr build $1 "$SAMPLE" --fo "$d/$2.fo" -o "$d/$2.build.pdf" > /dev/null 2> "$d/$2.err" &&
    run_gr render "$d/$2.fo" -o "$d/$2.pdf" --dump-boxes "$d/$2.dump" > /dev/null 2>> "$d/$2.err" &&
    pdftotext -bbox "$d/$2.pdf" "$d/$2.bbox.html" 2>> "$d/$2.err" &&
    { awk -f "$TESTS_DIR/tools/celltext.awk" "$d/$2.dump" "$d/$2.bbox.html"
      pdftotext "$d/$2.pdf" - 2>> "$d/$2.err"; } | tr -d ' \t\r\n\f' |
        sed 's/第[0-9]*頁，共[0-9]*頁//g' > "$d/$2.txt"   # footers inside paragraphs split over pages
}

# found CORPUS: reads "LABEL<TAB>VALUE" lines and prints those whose VALUE
# (whitespace removed) is not in CORPUS
found() {
    awk -F '\t' -v cf="$1" '
        BEGIN { while ((getline l < cf) > 0) c = c l }
        { v = $2; gsub(/[ \t\r]/, "", v); if (v != "" && index(c, v) == 0) print }'
}

# ---- every text value of the data file (internal edition) ---------------
if ! corpus --internal internal; then
    not_ok "internal edition built and read" "$(head -n 3 "$d/internal.err")"
    finish
fi
# The values the form does not print as they are, with the reason:
#   檔案   photo file names (the photo itself is printed)
#   主席   the chair's choice is printed as a V under 首長/副首長/主秘/其他
#   性別   a member's gender feeds the computed 男性8人／女性8人 line
xsltproc "$TESTS_DIR/tools/values.xsl" "$SAMPLE" |
awk -F '\t' '
    $1 == "檔案" || $1 == "主席" || $1 == "性別" { next }
    $2 ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ {
        # ISO date: the form prints 113年2月22日, 112-09-01, 112/8/28 or 112/08/28
        y = substr($2, 1, 4) - 1911; m = substr($2, 6, 2) + 0; dd = substr($2, 9, 2) + 0
        printf "%s\t%d年%d月%d日|%03d-%02d-%02d|%d/%d/%d|%d/%02d/%02d\n", $1, y, m, dd, y, m, dd, y, m, dd, y, m, dd
        next
    }
    $2 ~ /^[0-9][0-9][0-9][0-9]+$/ {
        s = $2; out = ""
        while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
        printf "%s\t%s|%s\n", $1, $2, s out
        next
    }
    { print }' > "$d/values.txt"
awk -F '\t' -v cf="$d/internal.txt" '
    BEGIN { while ((getline l < cf) > 0) c = c l }
    { n = split($2, alt, "|"); hit = 0
      for (i = 1; i <= n; i++) { v = alt[i]; gsub(/[ \t\r]/, "", v); if (v == "" || index(c, v)) hit = 1 }
      if (!hit) print }' "$d/values.txt" > "$d/values.missing"
total=$(grep -c . "$d/values.txt")
if [ ! -s "$d/values.missing" ] && [ "$total" -gt 200 ]; then
    ok "every text value of the sample data in the PDF ($total values)"
else
    not_ok "every text value of the sample data in the PDF ($total values)" \
        "$(grep -c . "$d/values.missing") missing:"
    show "$d/values.missing" 12
fi

# ---- every line of seed 004 (public edition) ------------------------------
SEED=$SEED_DIR/004-results-taipei-doit-112.txt
if [ ! -r "$SEED" ] || ! corpus "" public; then
    not_ok "public edition built and seed 004 read" "$(head -n 3 "$d/public.err" 2>/dev/null) $SEED"
    finish
fi
# Extraction artefacts of the seed, removed before comparing, with why:
#   # and ** (Markdown headings and bold), \* (Markdown's escaped *),
#   "- " at a line start (Markdown list bullets), lines of - only (Markdown
#   table rules): marks of the text extraction, not of the form;
#   <input …/> tags: the ticked/unticked boxes, which the PDF prints as ☑/☐
#   (removed from the PDF side too, so the option words meet);
#   <sup>1</sup>: the footnote mark, printed as a superscript ¹ (read as 1);
#   other tags; no-break spaces; runs of _ (the blank after 其他：, which
#   the PDF draws as a rule).
# A table row's cells are separate pieces.
sed -e 's/<input[^>]*>//g' -e 's/<[^>]*>//g' -e 's/\*\*//g' -e 's/^#* *//' \
    -e 's/\\\*/*/g' -e 's/\xc2\xa0//g' -e 's/^- //' -e 's/^-*$//' -e 's/__*//g' "$SEED" |
awk -F '\t' '{ for (i = 1; i <= NF; i++) { v = $i; gsub(/[ \r]/, "", v)
                  if (v != "" && v !~ /^-+$/) printf "%d\t%s\n", NR, v } }' \
    > "$d/seed.pieces"
# Differences that are choices, not losses, with why:
#   004:143 「嚴祥鸞委員 彭敘明委員 陳芬苓委員」: the seed prints the three
#   experts in full here and masked (嚴○鸞 …) in 二(二); gereport masks every
#   personal name the same way everywhere (DESIGN.md, issue: privacy).
#   004:312 the category (三) with full-width （…）: the seed writes the same
#   wording with half-width (…) in the strategy grid (004:L191); the form
#   prints it one way, the grid's, in both places.
printf '143\t嚴祥鸞委員彭敘明委員陳芬苓委員\n' > "$d/seed.excepted"
printf '312\t(三)積極運用與結合資源拓展性別平等業務，鼓勵、督導區公所、所屬機關、民間組織（如人民團體、基金會、機構等）與企業推動性別平等\n' >> "$d/seed.excepted"
awk -F '\t' -v cf="$d/public.txt" -v ef="$d/seed.excepted" '
    BEGIN { while ((getline l < cf) > 0) c = c l
            gsub(/\342\230\220|\342\230\221/, "", c)      # ☐ ☑
            gsub(/\302\271/, "1", c)                           # ¹
            while ((getline l < ef) > 0) skip[l] = 1 }
    ($1 "\t" $2) in skip { next }
    { if (!index(c, $2)) print }' "$d/seed.pieces" > "$d/seed.missing"
total=$(grep -c . "$d/seed.pieces")
if [ ! -s "$d/seed.missing" ]; then
    ok "every line of seed 004 in the public edition ($total pieces)"
else
    not_ok "every line of seed 004 in the public edition ($total pieces)" \
        "$(grep -c . "$d/seed.missing") missing:"
    show "$d/seed.missing" 40
fi
finish

#!/bin/sh
# t-archive.sh — a report read back as an archive (issue 17,
# docs/archival.md): recorded fonts compared with the fonts at hand, build
# --like, a name tree split into /Kids, and a deflate bomb among the
# attachments.
#   - extract of a fresh report: program, library and font versions match;
#   - a report recording another checksum of TW-Kai: extract names the font,
#     both descriptions, the file here and the Debian package to install;
#     a recorded face that is not here (TW-Kai face #3): "本機沒有", the
#     package;
#   - build --like OLD.pdf (an internal report with its data): the new PDF
#     is internal and carries its data, the same bytes, and says so; like
#     the altered report: says which recorded fact differs (Fonts) and that
#     the bytes differ; --like a PDF without provenance: exit 1; --like with
#     -o - or without -o: exit 2; --internal against a public report: exit 2;
#   - a report with 40 more attachments (qpdf splits the name tree into
#     /Kids): extract writes all 47 files;
#   - an attachment inflating to 70 MiB: refused by its recorded /Size
#     before decoding; with its /Size rewritten to 1000, refused while
#     inflating; nothing written, not even the other files or the folder.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools qpdf pdfinfo pdfdetach cmp
d=$WORK/archive
rm -rf "$d"
mkdir -p "$d/s"
cp -r "$ROOT/data/taipei/112/." "$d/s/"
S=$d/s
info() { pdfinfo -custom "$1" 2>/dev/null | sed -n "s/^$2: *//p"; }

"$GR" build -q --internal --embed-source "$S/results.xml" -o "$d/old.pdf" > "$d/out" 2>&1 || { not_ok "build the old report"; show "$d/out"; }
"$GR" extract "$d/old.pdf" "$d/x1" > "$d/x1.out" 2>&1
rc=$?
[ "$rc" -eq 0 ] && grep -q 'font versions match' "$d/x1.out" && ! grep -q '字型不同\|本機沒有' "$d/x1.out" \
    && ok "extract of a fresh report: program, library and font versions match" \
    || { not_ok "extract of a fresh report: versions match" "exit $rc"; show "$d/x1.out"; }

# another TW-Kai (its head checksum), and a face that is not here (#3); the
# Info strings are edited in place (same length: the cross-reference holds;
# '#' is written \043 there)
kai=$(info "$d/old.pdf" Fonts | tr '|' '\n' | sed 's/^ *//' | grep '^TW-Kai-98_1.ttf#0')
sum=$(echo "$kai" | sed -n 's/.*head 0x\([0-9a-f]*\).*/\1/p')
alt=$(printf '%08x' $(( (0x$sum + 1) & 0xffffffff )))
sed "s/head 0x$sum/head 0x$alt/g" "$d/old.pdf" > "$d/other-font.pdf"
sed 's/TW-Kai-98_1\.ttf\\0430/TW-Kai-98_1.ttf\\0433/' "$d/old.pdf" > "$d/missing-font.pdf"
"$GR" extract "$d/other-font.pdf" "$d/x2" > "$d/x2.out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && grep -q "字型不同 font differs: 報告 recorded TW-Kai-98_1.ttf#0, .*head 0x$alt.*本機 here TW-Kai-98_1.ttf#0, .*head 0x$sum" "$d/x2.out" &&
   grep -q 'fonts-cns11643-kai' "$d/x2.out" && grep -q '1 項版本或字型不同' "$d/x2.out"; then
    ok "extract: a font whose checksum differs is named, with both descriptions and the package (fonts-cns11643-kai)"
else
    not_ok "extract: a font whose checksum differs is named" "exit $rc"; show "$d/x2.out" 4
fi
"$GR" extract "$d/missing-font.pdf" "$d/x3" > "$d/x3.out" 2>&1
if grep -q 'TW-Kai-98_1.ttf#3.*本機沒有.*fonts-cns11643-kai' "$d/x3.out"; then
    ok "extract: a recorded face not installed here: 本機沒有, install fonts-cns11643-kai"
else
    not_ok "extract: a recorded face not installed here" ""; show "$d/x3.out" 4
fi

# build --like
"$GR" build "$d/x1/results.xml" --like "$d/old.pdf" -o "$d/new.pdf" > "$d/like.out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && cmp -s "$d/new.pdf" "$d/old.pdf" && grep -q '位元組完全相同' "$d/like.out" &&
   [ "$(info "$d/new.pdf" Edition)" = internal ] && pdfdetach -list "$d/new.pdf" | grep -q 'results.xml'; then
    ok "build --like an internal report with its data: internal, carries its data, the same bytes, and says so"
else
    not_ok "build --like: the same bytes" "exit $rc"; show "$d/like.out" 4
fi
"$GR" build "$d/x1/results.xml" --like "$d/other-font.pdf" -o "$d/new2.pdf" > "$d/like2.out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && grep -q '字型不同 font differs' "$d/like2.out" && grep -q 'Fonts 不同 differs' "$d/like2.out" &&
   grep -q '位元組不同；以上 1 項紀錄不同' "$d/like2.out"; then
    ok "build --like a report made with another font: says so before, then that the bytes and Fonts differ"
else
    not_ok "build --like a report made with another font" "exit $rc"; show "$d/like2.out" 6
fi
"$GR" render "$TESTS_DIR/fo/sample.fo" -o "$d/plain.pdf" > /dev/null 2>&1
"$GR" build "$d/x1/results.xml" --like "$d/plain.pdf" -o "$d/new3.pdf" > "$d/like3.out" 2>&1
rc=$?
[ "$rc" -eq 1 ] && [ ! -e "$d/new3.pdf" ] && grep -q 'provenance' "$d/like3.out" \
    && ok "build --like a PDF without provenance: exit 1, no PDF" \
    || { not_ok "build --like a PDF without provenance: exit 1" "exit $rc"; show "$d/like3.out" 3; }
"$GR" build "$d/x1/results.xml" --like "$d/old.pdf" -o - > /dev/null 2> "$d/like4.out"
rc1=$?
"$GR" build "$d/x1/results.xml" --like "$d/old.pdf" > /dev/null 2>&1
rc2=$?
"$GR" build -q --embed-source "$S/results.xml" -o "$d/public.pdf" > /dev/null 2>&1
"$GR" build --internal "$d/x1/results.xml" --like "$d/public.pdf" -o "$d/new5.pdf" > "$d/like5.out" 2>&1
rc3=$?
[ "$rc1" -eq 2 ] && [ "$rc2" -eq 2 ] && [ "$rc3" -eq 2 ] && [ ! -e "$d/new5.pdf" ] \
    && ok "--like with -o -, without -o, or --internal against a public report: usage errors (exit 2)" \
    || not_ok "--like usage errors" "exits $rc1 $rc2 $rc3"

# a name tree with /Kids
args=""
for i in $(seq 1 40); do echo "extra $i" > "$d/a$i.txt"; args="$args --add-attachment $d/a$i.txt --key=extra/a$i.txt --filename=extra/a$i.txt --"; done
# shellcheck disable=SC2086
qpdf "$d/old.pdf" $args "$d/kids.pdf" 2>/dev/null
qpdf --qdf --object-streams=disable "$d/kids.pdf" "$d/kids-q.pdf" 2>/dev/null
leaves=$(grep -ac '/Limits' "$d/kids-q.pdf")
"$GR" extract -q "$d/kids.pdf" "$d/xk" > "$d/xk.out" 2>&1
rc=$?
n=$(find "$d/xk" -type f | wc -l)
[ "$leaves" -ge 2 ] && [ "$rc" -eq 0 ] && [ "$n" -eq 47 ] && cmp -s "$d/xk/extra/a40.txt" "$d/a40.txt" \
    && ok "a name tree split into /Kids ($leaves leaves): extract writes all 47 files" \
    || { not_ok "a name tree split into /Kids: extract writes all 47 files" "leaves $leaves, exit $rc, $n files"; show "$d/xk.out" 3; }

# a deflate bomb: 70 MiB of zeros (qpdf compresses it to ~70 KB)
head -c $((70 * 1024 * 1024)) /dev/zero > "$d/zeros.bin"
qpdf "$d/old.pdf" --add-attachment "$d/zeros.bin" --key=bomb.bin --filename=bomb.bin -- "$d/bomb.pdf" 2>/dev/null
rm -f "$d/zeros.bin"
"$GR" extract "$d/bomb.pdf" "$d/xb" > "$d/xb.out" 2>&1
rc=$?
[ "$rc" -eq 1 ] && [ ! -e "$d/xb" ] && grep -q 'bomb.bin.*太大' "$d/xb.out" \
    && ok "an attachment recorded as 70 MiB: refused before decoding (exit 1), nothing written (not even the folder)" \
    || { not_ok "an attachment recorded as 70 MiB: refused" "exit $rc"; show "$d/xb.out" 3; }
# the same with its /Size rewritten to 1000 (same length): stopped while inflating
qpdf --qdf --object-streams=disable --stream-data=preserve "$d/bomb.pdf" "$d/bomb-q.pdf" 2>/dev/null
sed 's|/Size 73400320|/Size 00001000|' "$d/bomb-q.pdf" > "$d/bomb-lie.pdf"
"$GR" extract "$d/bomb-lie.pdf" "$d/xl" > "$d/xl.out" 2>&1
rc=$?
[ "$rc" -eq 1 ] && [ ! -e "$d/xl" ] && grep -q 'bomb.bin.*解壓後超過' "$d/xl.out" \
    && ok "an attachment whose /Size says 1000 but inflates to 70 MiB: stopped while inflating (exit 1)" \
    || { not_ok "an attachment that inflates past its /Size: stopped while inflating" "exit $rc"; show "$d/xl.out" 3; }
rm -f "$d/bomb.pdf" "$d/bomb-q.pdf" "$d/bomb-lie.pdf"
finish

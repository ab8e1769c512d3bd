#!/bin/sh
# t-results-photos.sh — photos fit for publishing (generator/graphics/photo.c):
#   - a large bureau's report with twenty distinct 4032x3024 phone photos
#     (tests/tools/mkjpeg: smooth colour fields plus per-pixel noise, ~5 MB
#     each, ~110 MB in all) builds to a PDF under 10 MB in which
#     `pdfimages -list` shows every image at no more than 300 ppi (plus
#     rounding) at its placed size; a rebuild gives the same bytes;
#   - -v says one line per resampled image; without it (stderr not a
#     terminal) nothing;
#   - a CMYK photo (Adobe, inverted) and a YCCK photo build with exit 0,
#     become RGB and are resampled too; their colours are not inverted (the
#     CMYK test picture is light: mean grey level above the middle);
#   - a PNG screenshot without transparency and a PNG with alpha are
#     resampled; the one with alpha stays lossless (Flate, not DCT).
# Peak memory of the twenty-photo build is a figure of `make bench`.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools pdfimages pdftoppm cc
d=$WORK/results-photos
FIX=$TESTS_DIR/fixtures/results
rm -rf "$d"
mkdir -p "$d/images"
cache=$WORK/photo-cache                 # the photos, made once per tool version
CACHE=$cache "$TOOLS/phone-report.sh" "$d" > "$d/phone-report.log" 2>&1 ||
    { not_ok "tools/phone-report.sh makes twenty phone photos"; show "$d/phone-report.log"; finish; }
mk=$cache/mkjpeg
[ -s "$cache/cmyk.jpg" ] || "$mk" cmyk 31 4032 3024 "$cache/cmyk.jpg"
[ -s "$cache/ycck.jpg" ] || "$mk" ycck 32 3024 4032 "$cache/ycck.jpg"
cp "$cache/cmyk.jpg" "$cache/ycck.jpg" "$d/images/"
bytes_in=$(cat "$d"/images/phone-*.jpg | wc -c)
echo "# twenty phone photos: $bytes_in bytes"
[ "$(grep -o 'phone-[0-9]*.jpg' "$d/bureau.xml" | sort -u | wc -l)" -eq 20 ] ||
    not_ok "the test data names twenty photos"

run_gr build -v "$d/bureau.xml" -o "$d/bureau.pdf" > /dev/null 2> "$d/bureau.err"
rc=$?
size=$(wc -c < "$d/bureau.pdf" 2> /dev/null || echo 0)
if [ "$rc" -eq 0 ] && [ "$size" -gt 0 ] && [ "$size" -lt 10000000 ]; then
    ok "twenty 4032x3024 photos ($bytes_in bytes): PDF of $size bytes, under 10 MB"
else
    not_ok "twenty 4032x3024 photos: PDF under 10 MB" "exit $rc, $size bytes"; show "$d/bureau.err" 8
fi
pdfimages -list "$d/bureau.pdf" > "$d/bureau.list" 2>&1
n=$(awk 'NR > 2 && $3 == "image"' "$d/bureau.list" | wc -l)
over=$(awk 'NR > 2 && $3 == "image" && ($13 > 301 || $14 > 301)' "$d/bureau.list" | wc -l)
jpeg=$(awk 'NR > 2 && $3 == "image" && $9 == "jpeg" && $6 == "rgb"' "$d/bureau.list" | wc -l)
if [ "$n" -eq 20 ] && [ "$over" -eq 0 ] && [ "$jpeg" -eq 20 ]; then
    ok "pdfimages: 20 RGB JPEG images, none above 300 ppi (+rounding) at its placed size"
else
    not_ok "pdfimages: 20 RGB JPEG images, none above 300 ppi at its placed size" \
        "$n images, $over above 301 ppi, $jpeg RGB JPEG"; show "$d/bureau.list" 24
fi
if [ "$(grep -c 'resampled to' "$d/bureau.err")" -eq 20 ] &&
   [ "$(grep -c 'phone-7.jpg.*4032x3024 pixels resampled' "$d/bureau.err")" -eq 1 ]; then
    ok "-v: one line per resampled image"
else
    not_ok "-v: one line per resampled image"; show "$d/bureau.err" 6
fi
run_gr build "$d/bureau.xml" -o "$d/bureau2.pdf" > /dev/null 2> "$d/bureau2.err"
rc=$?
if [ "$rc" -eq 0 ] && cmp -s "$d/bureau.pdf" "$d/bureau2.pdf"; then
    ok "rebuild: byte-identical PDF"
else
    not_ok "rebuild: byte-identical PDF" "exit $rc"
fi
if ! grep -q 'resampled\|縮為' "$d/bureau2.err"; then
    ok "without -v and not on a terminal: nothing said about images"
else
    not_ok "without -v and not on a terminal: nothing said about images"; show "$d/bureau2.err" 4
fi

# ---- CMYK and YCCK ---------------------------------------------------------
sed -e 's#images/phone-1.jpg#images/cmyk.jpg#; s#images/phone-2.jpg#images/ycck.jpg#' \
    "$FIX/d1-district-112.xml" > "$d/cmyk.xml"
run_gr build -v "$d/cmyk.xml" -o "$d/cmyk.pdf" > /dev/null 2> "$d/cmyk.err"
rc=$?
pdfimages -list "$d/cmyk.pdf" > "$d/cmyk.list" 2>&1
if [ "$rc" -eq 0 ] && [ "$(awk 'NR > 2 && $3 == "image" && $6 == "rgb" && $13 <= 301 && $14 <= 301' "$d/cmyk.list" | wc -l)" -eq 4 ] &&
   grep -q 'cmyk.jpg.*4032x3024 pixels resampled' "$d/cmyk.err" &&
   grep -q 'ycck.jpg.*3024x4032 pixels resampled' "$d/cmyk.err"; then
    ok "a CMYK and a YCCK photo: exit 0, RGB, resampled to at most 300 ppi"
else
    not_ok "a CMYK and a YCCK photo: exit 0, RGB, resampled to at most 300 ppi" "exit $rc"
    show "$d/cmyk.err" 6; show "$d/cmyk.list" 8
fi
# the CMYK picture holds light inks (a quarter on average): read right, its
# mean grey level is about 140; read without the Adobe inversion, about 16
kit=$d/pngkit
cc -std=c11 -O2 -o "$kit" "$TOOLS/pngkit.c" -lpng 2> "$d/pngkit.log" || show "$d/pngkit.log"
pdfimages -png "$d/cmyk.pdf" "$d/cmyk-img" 2> /dev/null     # image 0: cmyk.jpg
c=$("$kit" mean "$d/cmyk-img-000.png")
if [ -n "$c" ] && [ "$c" -gt 100 ]; then      # inverted, it would be about 16
    ok "the CMYK photo keeps its colours (mean level $c of 255: light, not inverted)"
else
    not_ok "the CMYK photo keeps its colours (light, not inverted)" "mean level: ${c:-none}"
fi

# ---- PNG: a screenshot, and a picture with transparency ------------------
if "$kit" screenshot "$d/images/phone-3.png" && "$kit" alpha "$d/images/phone-4.png"; then
    sed -e 's#images/phone-3.jpg#images/phone-3.png#; s#images/phone-4.jpg#images/phone-4.png#' \
        "$FIX/d1-district-112.xml" > "$d/png.xml"
    run_gr build -v "$d/png.xml" -o "$d/png.pdf" > /dev/null 2> "$d/png.err"
    rc=$?
    pdfimages -list "$d/png.pdf" > "$d/png.list" 2>&1
    # page 8 holds the two PNGs: the screenshot first, then the one with alpha
    if [ "$rc" -eq 0 ] && grep -q 'phone-3.png.*resampled' "$d/png.err" &&
       grep -q 'phone-4.png.*resampled' "$d/png.err" &&
       [ "$(awk 'NR > 2 && $3 == "image" && $13 <= 301 && $14 <= 301' "$d/png.list" | wc -l)" -eq 4 ] &&
       [ "$(awk 'NR > 2 && $1 == 8 && $3 == "image" {print $9}' "$d/png.list" | tail -1)" = image ]; then
        ok "PNGs resampled to at most 300 ppi; the one with alpha stays lossless (Flate)"
    else
        not_ok "PNGs resampled to at most 300 ppi; the one with alpha stays lossless (Flate)" "exit $rc"
        show "$d/png.err" 6; show "$d/png.list" 8
    fi
else
    not_ok "tests/tools/pngkit.c makes the test PNGs"
fi
finish

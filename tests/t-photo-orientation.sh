#!/bin/sh
# t-photo-orientation.sh — phone photos are stored as the sensor saw them,
# with an Exif Orientation tag saying how to turn them upright; every
# phone, viewer and Word shows them turned, so the report must too
# (graphics/image.c reads the tag, layout takes the upright size,
# graphics/photo.c turns the pixels).
#   - a test picture (tools/mkjpeg "corner": a red block over the stored
#     top-left quarter) with each orientation 1..8 (big- and little-endian
#     Exif) is placed 80 mm wide: the PDF's image has the upright size
#     (5..8 portrait) and the red block in the corner the tag says
#     (1 TL, 2 TR, 3 BR, 4 BL, 5 TL, 6 TR, 7 BR, 8 BL);
#   - a 2000x1500 photo with orientation 6 is resampled and turned;
#   - orientation 1 at full resolution still passes through byte for byte;
#   - -v says which images were turned; a rebuild gives the same bytes.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools pdfimages cc python3 cmp
d=$WORK/photo-orientation
rm -rf "$d"
mkdir -p "$d/images"
mk=$d/mkjpeg
${CC:-cc} -std=c11 -O2 -o "$mk" "$TOOLS/mkjpeg.c" -ljpeg || { not_ok "tools/mkjpeg builds"; finish; }
blocks=""
for o in 1 2 3 4 5 6 7 8; do
    "$mk" corner "$o" 400 300 "$d/images/o$o.jpg" "$o"
    blocks="$blocks<fo:block><fo:external-graphic src=\"images/o$o.jpg\" content-width=\"80mm\" scaling=\"uniform\"/></fo:block>"
done
"$mk" corner 9 2000 1500 "$d/images/big6.jpg" 6
"$mk" corner 10 400 300 "$d/images/plain.jpg"
blocks="$blocks<fo:block><fo:external-graphic src=\"images/big6.jpg\" content-width=\"80mm\" scaling=\"uniform\"/></fo:block>"
blocks="$blocks<fo:block><fo:external-graphic src=\"images/plain.jpg\" content-width=\"80mm\" scaling=\"uniform\"/></fo:block>"
cat > "$d/o.fo" <<FO
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xml:lang="zh-TW">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm" margin="20mm"><fo:region-body/></fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="A4">
    <fo:flow flow-name="xsl-region-body" font-family="TW-Kai" font-size="12pt">$blocks</fo:flow>
  </fo:page-sequence>
</fo:root>
FO
run_gr render -v "$d/o.fo" -o "$d/o.pdf" > "$d/o.out" 2> "$d/o.err"
rc=$?
[ "$rc" -eq 0 ] && [ -s "$d/o.pdf" ] && ok "eight orientations, a big turned photo and a plain one render (exit 0)" \
    || { not_ok "render with Exif orientations" "exit $rc"; show "$d/o.err" 5; finish; }

mkdir -p "$d/img"
pdfimages "$d/o.pdf" "$d/img/i"
cat > "$d/corner.py" <<'PY'
import sys
def ppm(path):
    b = open(path, 'rb').read()
    parts, i = [], 0
    while len(parts) < 4:
        while b[i:i+1].isspace(): i += 1
        j = i
        while not b[j:j+1].isspace(): j += 1
        parts.append(b[i:j]); i = j
    w, h = int(parts[1]), int(parts[2])
    return w, h, b[i+1:]
for path in sys.argv[1:]:
    w, h, px = ppm(path)
    def red(x, y):
        o = (int(y) * w + int(x)) * 3
        return px[o] > 200 and px[o+1] < 90 and px[o+2] < 90
    c = ''.join(n for n, (x, y) in (('TL', (w*.1, h*.1)), ('TR', (w*.9, h*.1)),
                                    ('BL', (w*.1, h*.9)), ('BR', (w*.9, h*.9))) if red(x, y))
    print(w, h, c or '-')
PY
python3 "$d/corner.py" "$d"/img/i-*.ppm > "$d/corners.txt" 2>&1
i=0
for want in "1 TL" "2 TR" "3 BR" "4 BL" "5 TL" "6 TR" "7 BR" "8 BL" "big6 TR" "plain TL"; do
    i=$((i + 1))
    set -- $want
    line=$(sed -n "${i}p" "$d/corners.txt")
    set -- $want $line                       # name corner w h seen
    case $1 in 5|6|7|8|big6) shape=portrait ;; *) shape=landscape ;; esac
    if [ "$shape" = portrait ]; then upright=$([ "$3" -lt "$4" ] && echo y); else upright=$([ "$3" -gt "$4" ] && echo y); fi
    if [ "$upright" = y ] && [ "$5" = "$2" ]; then
        ok "orientation $1: printed $shape ($3x$4), the stored top-left corner at $2"
    else
        not_ok "orientation $1: $shape with the corner at $2" "seen: ${line:-no image}"
    fi
done

# orientation 1 within the resolution passes through untouched
pdfimages -j "$d/o.pdf" "$d/img/j" 2>/dev/null
last=$(ls "$d"/img/j-*.jpg 2>/dev/null | tail -n 1)
if [ -n "$last" ] && cmp -s "$last" "$d/images/plain.jpg"; then ok "a JPEG without orientation within 150 ppi is embedded as it is"
else not_ok "a JPEG without orientation passes through" "$last"; fi

n=$(grep -c 'Exif' "$d/o.err")
[ "$n" -eq 8 ] && ok "-v says each of the 8 turned images once" || { not_ok "-v names the turned images" "$n lines"; show "$d/o.err" 4; }

run_gr render "$d/o.fo" -o "$d/o2.pdf" > /dev/null 2>&1
cmp -s "$d/o.pdf" "$d/o2.pdf" && ok "a second render gives the same bytes" || not_ok "the same bytes twice"
finish

#!/bin/sh
# t-font-bad.sh — a font that cannot be read is an error, never a silent
# fallback: a truncated copy of a real font (its tables cut off) is the only
# font fontconfig sees, through a test configuration (FONTCONFIG_FILE; CI
# runs as root, so file permissions cannot make a font unreadable).
# build, check and render exit 2, name the font file, and write no PDF.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools fc-match
d=$WORK/font-bad
rm -rf "$d"
mkdir -p "$d/fonts" "$d/cache"
src=$(fc-match -f '%{file}' 'Liberation Serif')
if [ ! -s "$src" ]; then
    not_ok "a real font to truncate (Liberation Serif)" "fc-match gave '$src'"
    finish
fi
head -c 60000 "$src" > "$d/fonts/Cut-Serif.ttf"     # the glyphs are beyond the cut
cat > "$d/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>$d/fonts</dir>
  <cachedir>$d/cache</cachedir>
</fontconfig>
CONF
cp -r "$ROOT/data/taipei/112" "$d/a"
printf '<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:layout-master-set>
<fo:simple-page-master master-name="p"><fo:region-body margin="20mm"/></fo:simple-page-master>
</fo:layout-master-set><fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body">
<fo:block font-family="serif">Truncated font</fo:block></fo:flow></fo:page-sequence></fo:root>\n' > "$d/t.fo"

FONTCONFIG_FILE=$d/fonts.conf run_gr build "$d/a/results.xml" -o "$d/out.pdf" > /dev/null 2> "$d/build.err"
rc=$?
if [ "$rc" -eq 2 ] && [ ! -e "$d/out.pdf" ] && grep -q 'Cut-Serif.ttf: .*cannot read the font file' "$d/build.err"; then
    ok "build with a truncated font: exit 2, the font named, no PDF"
else
    not_ok "build with a truncated font: exit 2, the font named, no PDF" "exit $rc"
    show "$d/build.err" 5
fi
FONTCONFIG_FILE=$d/fonts.conf run_gr check "$d/a/results.xml" > /dev/null 2> "$d/check.err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'Cut-Serif.ttf: .*cannot read the font file' "$d/check.err"; then
    ok "check with a truncated font: exit 2, the font named (check never passes what build refuses)"
else
    not_ok "check with a truncated font: exit 2, the font named" "exit $rc"
    show "$d/check.err" 5
fi
FONTCONFIG_FILE=$d/fonts.conf run_gr render "$d/t.fo" -o "$d/t.pdf" > /dev/null 2> "$d/render.err"
rc=$?
if [ "$rc" -eq 2 ] && [ ! -e "$d/t.pdf" ] && grep -q 'Cut-Serif.ttf' "$d/render.err"; then
    ok "render with a truncated font: exit 2, no PDF"
else
    not_ok "render with a truncated font: exit 2, no PDF" "exit $rc"
    show "$d/render.err" 5
fi
finish

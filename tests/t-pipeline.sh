#!/bin/sh
# t-pipeline.sh — `check` does everything `build` does short of layout, and
# both name the user's data file and line, never the FO the template wrote:
#   - an image that is not JPEG or PNG (a GIF, a HEIC photo renamed .jpg):
#     check and build give the same message at the 圖檔 line, naming the
#     supported formats; exit 1 and no PDF
#   - a character no font has (U+10FFFD) and an emoji: check and build both
#     report it at the line of the text (<說明>), in the same words
#   - an image wider than the page: build's layout message names the data
#     file and the 圖檔 line
#   - no output of these runs names an .fo file
. "$(dirname "$0")/lib.sh"
require_gr
d=$WORK/pipeline
rm -rf "$d"
mkdir -p "$d"
cp -r "$ROOT/data/taipei/112" "$d/a"
cd "$d" || exit 1

# -- images: GIF under a .png name, a HEIC phone photo renamed .jpg --------
cp -r a b
printf 'GIF89a\001\000\001\000\200\000\000\377\377\377\000\000\000!\371\004\000\000\000\000\000,\000\000\000\000\001\000\001\000\000\002\002D\001\000;' \
    > b/images/hackathon-1.png
printf '\000\000\000\030ftypheic\000\000\000\000mif1heic\000\000\000\010mdat' > b/images/phone.jpg
sed 's#images/hackathon-2.png#images/phone.jpg#' b/results.xml > b/img.xml
gif_line=$(grep -n 'images/hackathon-1.png' b/img.xml | cut -d: -f1)
heic_line=$(grep -n 'images/phone.jpg' b/img.xml | cut -d: -f1)
run_gr check b/img.xml > check.out 2> check.err
crc=$?
run_gr build b/img.xml -o img.pdf > build.out 2> build.err
brc=$?
for f in gif:$gif_line:hackathon-1.png heic:$heic_line:phone.jpg; do
    what=${f%%:*}; rest=${f#*:}; line=${rest%%:*}; name=${rest#*:}
    c=$(grep -F "b/img.xml:$line: " check.err | grep -F "$name")
    b=$(grep -F "b/img.xml:$line: " build.err | grep -F "$name")
    if [ -n "$c" ] && [ "$c" = "$b" ] && printf '%s' "$c" | grep -q 'JPEG' && printf '%s' "$c" | grep -q 'PNG'; then
        ok "$what image: check and build say the same at img.xml:$line, naming JPEG and PNG"
    else
        not_ok "$what image: check and build say the same at img.xml:$line, naming JPEG and PNG"
        show check.err 5
        show build.err 5
    fi
done
if [ "$crc" -eq 1 ] && [ "$brc" -eq 1 ] && [ ! -e img.pdf ]; then
    ok "unsupported images: check and build exit 1, no PDF"
else
    not_ok "unsupported images: check and build exit 1, no PDF" "check $crc, build $brc"
fi

# -- characters no font has ---------------------------------------------------
sed 's#2023臺北程式設計節-城市儀表板大黑客松活動照片#黑客松\xf4\x8f\xbf\xbd活動😀照片#' a/results.xml > a/chars.xml
line=$(grep -n '黑客松.*活動.*照片' a/chars.xml | cut -d: -f1)
run_gr check a/chars.xml > /dev/null 2> chars-check.err
crc=$?
run_gr build a/chars.xml -o chars.pdf > /dev/null 2> chars-build.err
brc=$?
c=$(grep -F "a/chars.xml:$line: " chars-check.err | grep -F U+10FFFD)
b=$(grep -F "a/chars.xml:$line: " chars-build.err | grep -F U+10FFFD)
if [ -n "$c" ] && [ "$c" = "$b" ]; then
    ok "character U+10FFFD: check and build report it in the same words at chars.xml:$line"
else
    not_ok "character U+10FFFD: check and build report it in the same words at chars.xml:$line"
    show chars-check.err 5
    show chars-build.err 5
fi
# an emoji: reported by both in the same words, or by neither (a font has it)
if [ "$(grep -F U+1F600 chars-check.err)" = "$(grep -F U+1F600 chars-build.err)" ]; then
    ok "emoji U+1F600: check and build agree ($(grep -c -F U+1F600 chars-build.err) message(s))"
else
    not_ok "emoji U+1F600: check and build agree"
    show chars-check.err 5
    show chars-build.err 5
fi
if [ "$crc" -eq 0 ] && [ "$brc" -eq 0 ] && [ -s chars.pdf ]; then
    ok "characters no font has: check and build exit 0 (a warning), the PDF is written"
else
    not_ok "characters no font has: check and build exit 0 (a warning), the PDF is written" "check $crc, build $brc"
fi

# -- a photo wider than the form allows --------------------------------------
# (the template keeps it within the form's box; rule S3 says so at the 圖檔
# element; layout messages at the data line: t-layout-audit.sh, the cell
# text broken even at 80%)
sed 's#<圖檔 檔案="images/hackathon-2.png"/>#<圖檔 檔案="images/hackathon-2.png" 寬="400mm"/>#' a/results.xml > a/wide.xml
line=$(grep -n '寬="400mm"' a/wide.xml | cut -d: -f1)
run_gr build a/wide.xml -o wide.pdf > /dev/null 2> wide.err
rc=$?
if [ "$rc" -eq 0 ] && grep -q "^a/wide.xml:$line: 提醒.*「400mm」.*S3" wide.err; then
    ok "a photo 寬 beyond the form is reported at wide.xml:$line (the 圖檔 element)"
else
    not_ok "a photo 寬 beyond the form is reported at wide.xml:$line (the 圖檔 element)" "exit $rc"
    show wide.err 5
fi

# -- a user-written FO keeps its own lines, gr:line or not --------------------
printf '<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xmlns:gr="urn:x-gereport:source"><fo:layout-master-set>
<fo:simple-page-master master-name="p"><fo:region-body margin="20mm"/></fo:simple-page-master>
</fo:layout-master-set><fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body">
<fo:block gr:line="999" font-family="TW-Kai">缺字\364\217\277\275測試</fo:block></fo:flow></fo:page-sequence></fo:root>\n' > own.fo
run_gr render own.fo -o own.pdf > /dev/null 2> own.log
rc=$?
if [ "$rc" -eq 0 ] && grep -q '^own.fo:4: .*U+10FFFD' own.log && ! grep -q ':999:' own.log; then
    ok "render: gr:line is accepted in a user's FO, and messages keep naming the FO and its line (own.fo:4)"
else
    not_ok "render: gr:line is accepted in a user's FO, and messages keep naming the FO and its line (own.fo:4)" "exit $rc"
    show own.log 3
fi

# -- nothing names an FO file --------------------------------------------------
if cat ./*.err ./*.out | grep -q '\.fo\b'; then
    not_ok "no message names an .fo file"
    cat ./*.err | grep '\.fo\b' | head -3 | sed 's/^/#   | /'
else
    ok "no message names an .fo file"
fi
finish

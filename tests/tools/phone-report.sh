#!/bin/sh
# phone-report.sh DIR — a large bureau's report with twenty distinct phone
# photos, for tests/t-results-photos.sh and tests/bench.sh: DIR/bureau.xml
# (the sample tests/fixtures/results/base-112.xml with its four photos
# replaced by twenty, seven, seven and six per group) and DIR/images/
# phone-1.jpg … phone-20.jpg, 4032x3024 photo-like JPEGs of ~5 MB each from
# tools/mkjpeg.c (built into CACHE). The photos are kept in CACHE
# (default DIR/cache) and made again only when mkjpeg.c changes.
# Exit 0, or 2 if the tool does not compile or a photo cannot be made.
set -u
dir=$1
cache=${CACHE:-$dir/cache}
tools=$(cd "$(dirname "$0")" && pwd)
fix=$tools/../fixtures/results
mkdir -p "$dir/images" "$cache"
mk=$cache/mkjpeg
if [ ! -x "$mk" ] || [ "$tools/mkjpeg.c" -nt "$mk" ]; then
    rm -f "$cache"/*.jpg
    ${CC:-cc} -std=c11 -O2 -o "$mk" "$tools/mkjpeg.c" -ljpeg || exit 2
fi
i=1
while [ $i -le 20 ]; do
    [ -s "$cache/phone-$i.jpg" ] || "$mk" rgb $i 4032 3024 "$cache/phone-$i.jpg" || exit 2
    cp "$cache/phone-$i.jpg" "$dir/images/" || exit 2
    i=$((i + 1))
done
photos() { _s=$1; _n=$2; _o=""; _k=0
    while [ $_k -lt "$_n" ]; do _o="$_o<圖檔 檔案=\"images/phone-$((_s + _k)).jpg\"/>"; _k=$((_k + 1)); done
    echo "$_o"; }
sed -e "s#<圖檔 檔案=\"images/digital-equity-1.png\"/>#$(photos 1 7)#" \
    -e "s#<圖檔 檔案=\"images/digital-equity-3.png\"/>#$(photos 8 7)#" \
    -e "s#<圖檔 檔案=\"images/hackathon-1.png\"/>#$(photos 15 6)#" \
    -e '/digital-equity-[24].png\|hackathon-2.png/d' \
    -e 's#<全銜>臺北市政府資訊局#<全銜>臺北市政府工務局#' "$fix/base-112.xml" > "$dir/bureau.xml"

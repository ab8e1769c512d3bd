#!/bin/sh
# bench.sh — make bench: figures, never asserts. Whole-process figures from
# the kernel's accounting of each finished run (tests/tools/cputime.c, to the
# microsecond; /usr/bin/time, Debian package "time", if it cannot be
# compiled): cpu seconds (user + system), wall
# seconds, peak RSS; plus the PDF's bytes and pages and the cpu time per
# page. Each line is the median of RUNS runs (default 5; RUNS_BIG, default
# 3, for the 6,000-page document) of:
#   form      render tests/fo/layout/form.fo (the seed-004 report as FO,
#             12 pages: tables over page ends, footers citing page counts)
#   form-x50  the same with its page sequences repeated 50 times
#             (tools/repeat-fo.sh: ids made unique per copy; 600 pages)
#   form-x500 500 times (6,000 pages)
#   sample    gereport build of the sample agency's data file (the whole
#             pipeline: schema, figures, rules, XSLT, layout, PDF)
#   start-up  render of a one-character document: what every run pays
#             before its first page (libraries, fontconfig, a font subset,
#             the PDF/A parts)
#   libraries an empty program linked like gereport (tools/linked-empty.c):
#             exec and loading the libraries, under every figure above
#   fontconfig  the same program loading the system's fontconfig
#             configuration and font list, as every gereport run does
# and the cost of deflating form.pdf's TW-Kai subset at several levels, with
# the size form.pdf would have at each (the level trades the 12-page cpu aim
# against its 560 KB aim).
# Then Apache FOP (Debian package fop; installed by `make bench`, not by
# `make check`) on form and form-x50, with tools/fop-fonts.xml so that it
# embeds TW-Kai as we do (RUNS_FOP runs, default 3), and the ratio of FOP's
# cpu time to ours. FOP=no skips it. Files go to build/bench/.
set -u
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$TESTS_DIR/.." && pwd)
GR=${GEREPORT:-$ROOT/build/gereport}
case $GR in /*) ;; *) GR=$PWD/$GR ;; esac
RUNS=${RUNS:-5}
RUNS_BIG=${RUNS_BIG:-3}
RUNS_FOP=${RUNS_FOP:-3}
OUT=$ROOT/build/bench
TIME=${TIME_BIN:-/usr/bin/time}
export LC_ALL=C.UTF-8

[ -x "$GR" ] || { echo "bench: $GR is missing (make all)" >&2; exit 2; }
[ -x "$TIME" ] || { echo "bench: $TIME is missing (Debian package \"time\")" >&2; exit 2; }
rm -rf "$OUT"
mkdir -p "$OUT"
# tools/cputime.c reads the kernel's accounting to the microsecond (GNU
# time prints 10 ms steps, too coarse for a 30 ms aim); GNU time if no cc
CPUTIME=$OUT/cputime
${CC:-cc} -std=c11 -O2 -o "$CPUTIME" "$TESTS_DIR/tools/cputime.c" 2> /dev/null || CPUTIME=

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure TAG RUNS PDF CMD...: RUNS runs of CMD (which writes PDF, or "-"
# for a command that writes none); prints one line of medians; sets M_CPU
# (s) and M_PAGES.
measure() {
    _tag=$1 _n=$2 _pdf=$3
    shift 3
    : > "$OUT/$_tag.runs"
    _i=1
    while [ "$_i" -le "$_n" ]; do
        [ "$_pdf" = - ] || rm -f "$_pdf"
        if [ -n "$CPUTIME" ]; then
            "$CPUTIME" "$OUT/$_tag.time" -- "$@" > "$OUT/$_tag.out" 2>&1
        else
            "$TIME" -f '%e %U %S %M' -o "$OUT/$_tag.time" "$@" > "$OUT/$_tag.out" 2>&1
        fi
        _rc=$?
        if [ "$_rc" -ne 0 ] || { [ "$_pdf" != - ] && [ ! -s "$_pdf" ]; }; then
            echo "bench: $_tag failed (exit $_rc):" >&2
            tail -n 5 "$OUT/$_tag.out" >&2
            M_CPU=0 M_PAGES=0
            return 1
        fi
        if [ "$_pdf" = - ]; then _b=0; else _b=$(wc -c < "$_pdf"); fi
        echo "$(tail -n 1 "$OUT/$_tag.time") $_b" >> "$OUT/$_tag.runs"
        _i=$((_i + 1))
    done
    M_PAGES=
    [ "$_pdf" = - ] || M_PAGES=$(pdfinfo "$_pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    M_CPU=$(awk '{ printf "%.3f\n", $2 + $3 }' "$OUT/$_tag.runs" | median)
    _wall=$(cut -d' ' -f1 "$OUT/$_tag.runs" | median)
    _rss=$(cut -d' ' -f4 "$OUT/$_tag.runs" | median)
    _bytes=$(cut -d' ' -f5 "$OUT/$_tag.runs" | median)
    echo "$_tag $_n $M_CPU $_wall $_rss $_bytes ${M_PAGES:-0}" | awk '{
        per = ($7 > 0) ? sprintf("%.2f", $3 * 1000 / $7) : "?"
        printf "%-10s %2d runs  cpu %7.3f s  wall %7.3f s  peak %7.1f MiB", $1, $2, $3, $4, $5 / 1024
        if ($7 > 0) printf "  %10d bytes  %5d pages  %6s ms/page", $6, $7, per
        printf "\n" }'
}

form=$ROOT/tests/fo/layout/form.fo
x50=$OUT/form-x50.fo
x500=$OUT/form-x500.fo
"$TESTS_DIR/tools/repeat-fo.sh" 50 "$form" > "$x50"
"$TESTS_DIR/tools/repeat-fo.sh" 500 "$form" > "$x500"

echo "bench: whole-process medians (cpu = user + system; peak = maximum resident set)"
measure form "$RUNS" "$OUT/form.pdf" "$GR" render "$form" -o "$OUT/form.pdf"
c1=$M_CPU
measure form-x50 "$RUNS" "$OUT/form-x50.pdf" "$GR" render "$x50" -o "$OUT/form-x50.pdf"
c50=$M_CPU
measure form-x500 "$RUNS_BIG" "$OUT/form-x500.pdf" "$GR" render "$x500" -o "$OUT/form-x500.pdf"
measure sample "$RUNS" "$OUT/sample.pdf" "$GR" build "$ROOT/data/taipei/112/results.xml" -o "$OUT/sample.pdf"
cat > "$OUT/one.fo" <<'ONE'
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xml:lang="zh-TW">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="a4" page-width="210mm" page-height="297mm" margin="20mm">
      <fo:region-body/>
    </fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="a4">
    <fo:flow flow-name="xsl-region-body"><fo:block font-family="標楷體">性</fo:block></fo:flow>
  </fo:page-sequence>
</fo:root>
ONE
measure start-up "$RUNS" "$OUT/one.pdf" "$GR" render "$OUT/one.fo" -o "$OUT/one.pdf"

# ---- the floor under the 12-page figure ---------------------------------------
# Two costs no code of ours runs: exec and the dynamic loading of the Debian
# libraries gereport links (an empty main linked the same way, tools/
# linked-empty.c; the link line comes from the Makefile as GR_LIBS), and
# deflating the report's TW-Kai subset (tools/fontdeflate.c, in-process, at
# gereport's level and its neighbours: the level trades the 12-page cpu aim
# against its 560 KB aim).
c_lib=
if [ -n "${GR_LIBS:-}" ] &&
   ${CC:-cc} -O2 -o "$OUT/linked-empty" "$TESTS_DIR/tools/linked-empty.c" -Wl,--no-as-needed $GR_LIBS 2> /dev/null; then
    measure libraries "$RUNS" - "$OUT/linked-empty"
    c_lib=$M_CPU
    measure fontconfig "$RUNS" - "$OUT/linked-empty" fontconfig
else
    echo "bench: linked-empty skipped (run through make bench, which passes the link line)"
fi
font_level=$(awk '$2 == "PDF_LEVEL_FONT" { print $3 }' "$ROOT/generator/pdf/pdf_haru.h")
if ${CC:-cc} -std=c11 -O2 -o "$OUT/fontdeflate" "$TESTS_DIR/tools/fontdeflate.c" -ldeflate 2> /dev/null; then
    "$OUT/fontdeflate" "$OUT/form.pdf" "${font_level:-6}" > "$OUT/fontdeflate.out" &&
    awk -v lib="$c_lib" -v form="$c1" '
        / raw / { printf "bench: form.pdf'"'"'s TW-Kai subset, %d bytes of outlines, deflated in-process (best of 5; PDF: form.pdf'"'"'s size with the font at that level, aim 560,000 bytes):\n", $3 }
        /level/ { sub(/^fontdeflate: /, ""); print "  " $0 }
        /gereport/ { ms = $5 }
        END { if (lib != "" && ms != "")
                  printf "bench: floor under form'"'"'s cpu %.3f s: libraries %.3f s + font deflate %.3f s = %.3f s (aim 0.030 s)\n",
                         form, lib, ms / 1000, lib + ms / 1000 }' "$OUT/fontdeflate.out"
else
    echo "bench: tools/fontdeflate.c did not compile (libdeflate-dev): skipped"
fi

if [ "${FOP:-yes}" = no ]; then
    echo "bench: FOP=no: Apache FOP skipped"
elif ! command -v fop > /dev/null 2>&1; then
    echo "bench: Apache FOP not installed (Debian package fop; make bench installs it): skipped"
else
    conf=$TESTS_DIR/tools/fop-fonts.xml
    echo "bench: Apache FOP $(fop -version 2>/dev/null | awk '/FOP Version/ { print $3 }' | head -n 1) with TW-Kai embedded (tools/fop-fonts.xml), $RUNS_FOP runs:"
    measure fop-form "$RUNS_FOP" "$OUT/fop-form.pdf" fop -c "$conf" -fo "$form" -pdf "$OUT/fop-form.pdf" &&
        echo "$M_CPU $c1" | awk '$2 > 0 { printf "bench: FOP / gereport cpu, 12 pages: %.1fx\n", $1 / $2 }'
    measure fop-x50 "$RUNS_FOP" "$OUT/fop-x50.pdf" fop -c "$conf" -fo "$x50" -pdf "$OUT/fop-x50.pdf" &&
        echo "$M_CPU $c50" | awk '$2 > 0 { printf "bench: FOP / gereport cpu, 600 pages: %.1fx\n", $1 / $2 }'
fi

# ---- twenty phone photos (4032x3024, ~5 MB each) in one report ---------------
# Each photo is decoded again after layout, resampled to at most 300 ppi at its
# placed size and re-encoded (generator/graphics/photo.c); peak memory stays
# that of one photo's rows, not of all photos. Aim: under 200 MB.
photos=$OUT/photos
if CACHE=$ROOT/build/tests/photo-cache "$TESTS_DIR/tools/phone-report.sh" "$photos" > "$OUT/photos.log" 2>&1; then
    echo "bench: gereport build of a report with twenty 4032x3024 phone photos ($(cat "$photos"/images/*.jpg | wc -c) bytes of JPEG):"
    measure phone-photos "$RUNS" "$OUT/phone-photos.pdf" "$GR" build "$photos/bureau.xml" -o "$OUT/phone-photos.pdf"
else
    echo "bench: tools/phone-report.sh failed: phone-photo benchmark skipped"; head -n 5 "$OUT/photos.log"
fi

# the city year (issue 12): check, build -j 2 and combine of 50 agencies
"$TESTS_DIR/bench-city.sh"

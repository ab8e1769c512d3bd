#!/bin/sh
# bench.sh — make bench: figures, never asserts. Renders one FO document
# holding the text of all five seeds (shared/seeds/*.txt) as justified
# 12 pt TW-Kai paragraphs on A4 (tools/seed2fo.sh; ~33,000 characters,
# ~30 pages) RUNS times (default 5) and prints, per run and as the median,
# the whole-process wall time and peak RSS (/usr/bin/time; without it the
# shell's clock and no RSS), and the PDF size. Files go to build/bench/.
# Then the form-like report tests/fo/layout/form.fo (~12 pages, tables with
# spans over page ends, modelled on seed 004) once and fifty times over
# (tools/repeat-fo.sh 50): for each, the median of RUNS renders of wall
# time, peak RSS, PDF size and pages, and the time per page; the ratio of
# the two per-page times shows whether the cost grows linearly (about 1).
set -u
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$TESTS_DIR/.." && pwd)
GR=${GEREPORT:-$ROOT/build/gereport}
case $GR in /*) ;; *) GR=$PWD/$GR ;; esac
RUNS=${RUNS:-5}
OUT=$ROOT/build/bench
export LC_ALL=C.UTF-8

[ -x "$GR" ] || { echo "bench: $GR is missing (make all)" >&2; exit 2; }
if [ -n "${GEREPORT_SHARED:-}" ]; then SHARED=$GEREPORT_SHARED
elif [ -d "$ROOT/../shared/seeds" ]; then SHARED=$ROOT/../shared
else SHARED=$(git -C "$ROOT" rev-parse --show-toplevel 2>/dev/null)/../shared
fi
ls "$SHARED"/seeds/[0-9]*.txt > /dev/null 2>&1 ||
    { echo "bench: no seed texts in $SHARED/seeds (set GEREPORT_SHARED)" >&2; exit 2; }

rm -rf "$OUT"
mkdir -p "$OUT"
fo=$OUT/seeds-all.fo
"$TESTS_DIR/tools/seed2fo.sh" "$SHARED"/seeds/[0-9]*.txt > "$fo"
chars=$(cat "$SHARED"/seeds/[0-9]*.txt | tr -d ' \t\r\n' | wc -m)
blocks=$(grep -c '<fo:block space-after' "$fo")

TIME=${TIME_BIN:-/usr/bin/time}
if [ -x "$TIME" ]; then
    timer=gnu
else
    timer=shell
    echo "bench: $TIME not found (Debian package \"time\"): no peak RSS"
fi
# Wall time in milliseconds from the clock when date has %N (GNU), else
# from /usr/bin/time's %e (10 ms steps).
now() { date +%s.%N; }
case $(now) in *N*|*.) clock=coarse ;; *) clock=fine ;; esac

# run_once I: one render; appends "WALL_S RSS_KIB BYTES" to $OUT/runs.
run_once() {
    pdf=$OUT/seeds-all.pdf
    rm -f "$pdf"
    t0=$(now)
    if [ "$timer" = gnu ]; then
        "$TIME" -f '%e %M' -o "$OUT/time.$1" "$GR" render "$fo" -o "$pdf" 2> "$OUT/stderr.$1"
        rc=$?
    else
        "$GR" render "$fo" -o "$pdf" 2> "$OUT/stderr.$1"
        rc=$?
    fi
    t1=$(now)
    if [ "$timer" = gnu ]; then
        # shellcheck disable=SC2046  # two numbers: wall time and RSS
        set -- "$1" $(tail -n 1 "$OUT/time.$1")
        wall=$2 rss=$3
    else
        wall=- rss=-
    fi
    [ "$clock" = coarse ] || wall=$(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }')
    if [ "$rc" -ne 0 ] || [ ! -s "$pdf" ]; then
        echo "bench: gereport render failed (exit $rc):" >&2
        head -n 10 "$OUT/stderr.$1" >&2
        exit 1
    fi
    bytes=$(wc -c < "$pdf")
    echo "$wall $rss $bytes" >> "$OUT/runs"
    printf '  run %d: %7s s  %8s KiB  %9d bytes\n' "$1" "$wall" "$rss" "$bytes"
}

nseeds=$(find "$SHARED"/seeds/ -name "[0-9]*.txt" | wc -l)
echo "bench: $nseeds seeds as one document: $chars characters (whitespace aside), $blocks paragraphs, justified 12 pt TW-Kai, A4"
i=1
while [ "$i" -le "$RUNS" ]; do run_once "$i"; i=$((i + 1)); done

pages=$(pdfinfo "$OUT/seeds-all.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
wall=$(cut -d' ' -f1 "$OUT/runs" | median)
bytes=$(cut -d' ' -f3 "$OUT/runs" | median)
if [ "$timer" = gnu ]; then
    rss=$(cut -d' ' -f2 "$OUT/runs" | median)
    rss_mib=$(echo "$rss" | awk '{ printf "%.1f MiB", $1 / 1024 }')
else
    rss_mib="n/a (no /usr/bin/time)"
fi
size=$(echo "$bytes" | awk '{ printf "%.0f bytes (%.2f MB)", $1, $1 / 1e6 }')
echo "bench: median of $RUNS runs: wall $wall s, peak RSS $rss_mib, PDF $size, ${pages:-?} pages"

# ---- the form-like report, once and fifty times ------------------------------------
# measure TAG VERB INPUT: RUNS runs of gereport VERB INPUT (render an FO,
# build a data file); prints each run and the medians; sets M_WALL (s) and
# M_PAGES.
measure() {
    _tag=$1 _verb=$2 _fo=$3 _pdf=$OUT/$1.pdf
    : > "$OUT/$_tag.runs"
    _i=1
    while [ "$_i" -le "$RUNS" ]; do
        rm -f "$_pdf"
        _t0=$(now)
        if [ "$timer" = gnu ]; then
            "$TIME" -f '%e %M' -o "$OUT/$_tag.time" "$GR" "$_verb" "$_fo" -o "$_pdf" 2> "$OUT/$_tag.stderr"
        else
            "$GR" "$_verb" "$_fo" -o "$_pdf" 2> "$OUT/$_tag.stderr"
        fi
        _rc=$?
        _t1=$(now)
        if [ "$_rc" -ne 0 ] || [ ! -s "$_pdf" ]; then
            echo "bench: gereport $_verb $_fo failed (exit $_rc):" >&2
            head -n 10 "$OUT/$_tag.stderr" >&2
            exit 1
        fi
        if [ "$timer" = gnu ]; then
            # shellcheck disable=SC2046  # two numbers: wall time and RSS
            set -- $(tail -n 1 "$OUT/$_tag.time"); _wall=$1 _rss=$2
        else
            _wall=- _rss=-
        fi
        [ "$clock" = coarse ] || _wall=$(echo "$_t0 $_t1" | awk '{ printf "%.3f", $2 - $1 }')
        _bytes=$(wc -c < "$_pdf")
        echo "$_wall $_rss $_bytes" >> "$OUT/$_tag.runs"
        printf '  run %d: %7s s  %8s KiB  %9d bytes\n' "$_i" "$_wall" "$_rss" "$_bytes"
        _i=$((_i + 1))
    done
    M_PAGES=$(pdfinfo "$_pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    M_WALL=$(cut -d' ' -f1 "$OUT/$_tag.runs" | median)
    _bytes=$(cut -d' ' -f3 "$OUT/$_tag.runs" | median)
    if [ "$timer" = gnu ]; then
        _rss=$(cut -d' ' -f2 "$OUT/$_tag.runs" | median | awk '{ printf "%.1f MiB", $1 / 1024 }')
    else
        _rss="n/a"
    fi
    _per=$(echo "$M_WALL ${M_PAGES:-0}" | awk '{ if ($2 > 0) printf "%.2f", $1 * 1000 / $2; else print "?" }')
    echo "bench: $_tag: median of $RUNS runs: wall $M_WALL s, peak RSS $_rss, PDF $(echo "$_bytes" | awk '{ printf "%.0f bytes (%.2f MB)", $1, $1 / 1e6 }'), ${M_PAGES:-?} pages, $_per ms/page"
}

form=$ROOT/tests/fo/layout/form.fo
if [ -r "$form" ]; then
    form50=$OUT/form-x50.fo
    "$TESTS_DIR/tools/repeat-fo.sh" 50 "$form" > "$form50"
    echo "bench: form.fo (report modelled on seed 004), once:"
    measure form render "$form"
    w1=$M_WALL p1=$M_PAGES
    echo "bench: form.fo fifty times (tools/repeat-fo.sh 50):"
    measure form-x50 render "$form50"
    w50=$M_WALL p50=$M_PAGES
    echo "$w1 ${p1:-0} $w50 ${p50:-0}" | awk '{
        if ($2 > 0 && $4 > 0 && $1 > 0) {
            a = $1 / $2; b = $3 / $4
            printf "bench: per page: %.2f ms once, %.2f ms fifty times; ratio %.2f (1.00 = linear; the single run also pays start-up)\n", a * 1000, b * 1000, b / a
            printf "bench: whole run: %.1fx the time for %.1fx the pages\n", $3 / $1, $4 / $2
        } else print "bench: per-page ratio: n/a (no pages or no time)" }'
else
    echo "bench: $form not found: form benchmark skipped"
fi

# ---- the sample agency's yearly report, through the whole pipeline -----------
# (data file → schema, figures, rules → XSLT of the 112 form → layout → PDF)
sample=$ROOT/data/taipei/112/results.xml
echo "bench: gereport build of the sample agency (data/taipei/112/results.xml):"
measure sample-report build "$sample"

# ---- twenty phone photos (4032x3024, ~5 MB each) in one report ---------------
# Each photo is decoded again after layout, resampled to at most 300 ppi at its
# placed size and re-encoded (generator/graphics/photo.c); peak memory stays
# that of one photo's rows, not of all photos. Aim: under 200 MB.
photos=$OUT/photos
if CACHE=$ROOT/build/tests/photo-cache "$TESTS_DIR/tools/phone-report.sh" "$photos" > "$OUT/photos.log" 2>&1; then
    echo "bench: gereport build of a report with twenty 4032x3024 phone photos ($(cat "$photos"/images/*.jpg | wc -c) bytes of JPEG):"
    measure phone-photos build "$photos/bureau.xml"
else
    echo "bench: tools/phone-report.sh failed: phone-photo benchmark skipped"; head -n 5 "$OUT/photos.log"
fi

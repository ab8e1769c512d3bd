#!/bin/sh
# bench.sh — make bench: figures, never asserts. Renders one FO document
# holding the text of all five seeds (shared/seeds/*.txt) as justified
# 12 pt TW-Kai paragraphs on A4 (tools/seed2fo.sh; ~33,000 characters,
# ~30 pages) RUNS times (default 5) and prints, per run and as the median,
# the whole-process wall time and peak RSS (/usr/bin/time; without it the
# shell's clock and no RSS), and the PDF size. Files go to build/bench/.
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

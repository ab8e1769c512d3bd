#!/bin/sh
# bench-city.sh — make bench (called by bench.sh): a synthetic city year of
# 50 agencies without photos (tests/tools/gen-city.sh, seed 1): the
# whole-process wall time and peak RSS of `check DIR`, `build DIR -j 2` and
# `combine DIR` (median of RUNS, default 3), the pages written and the sum
# of the three. Figures only; never asserts. Files go to build/bench/city/.
set -u
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$TESTS_DIR/.." && pwd)
GR=${GEREPORT:-$ROOT/build/gereport}
case $GR in /*) ;; *) GR=$PWD/$GR ;; esac
RUNS=${CITY_RUNS:-3}
TIME=${TIME_BIN:-/usr/bin/time}
OUT=$ROOT/build/bench/city
export LC_ALL=C.UTF-8
[ -x "$GR" ] || { echo "bench-city: $GR is missing (make all)" >&2; exit 2; }
[ -x "$TIME" ] || { echo "bench-city: $TIME missing (Debian package \"time\")" >&2; exit 0; }
rm -rf "$OUT"
mkdir -p "$OUT"
"$TESTS_DIR/tools/gen-city.sh" 1 50 "$OUT/112"

# measure NAME CMD...: RUNS runs; prints the median wall time and RSS
measure() {
    name=$1; shift
    : > "$OUT/$name.runs"
    i=1
    while [ "$i" -le "$RUNS" ]; do
        rm -rf "$OUT/pdf" "$OUT/city.pdf"
        "$TIME" -f '%e %M' -o "$OUT/$name.time" "$@" > /dev/null 2> "$OUT/$name.err"
        tail -n 1 "$OUT/$name.time" >> "$OUT/$name.runs"
        i=$((i + 1))
    done
    sort -n "$OUT/$name.runs" | awk -v n="$name" '{ w[NR] = $1; r[NR] = $2 }
        END { m = int((NR + 1) / 2); printf "  %-26s %6.2f s  %8d KiB (median of %d)\n", n, w[m], r[m], NR; print w[m] > "/dev/stderr" }' 2>> "$OUT/walls"
}
echo "city year: 50 agencies (tests/tools/gen-city.sh 1 50), whole-process figures:"
: > "$OUT/walls"
measure "check DIR" "$GR" check "$OUT/112"
measure "build DIR -j 2" "$GR" build "$OUT/112" -o "$OUT/pdf" -j 2
pages=0
for f in "$OUT"/pdf/*.pdf; do
    p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    pages=$((pages + ${p:-0}))
done
measure "combine DIR" "$GR" combine "$OUT/112" -o "$OUT/city.pdf"
cpages=$(pdfinfo "$OUT/city.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
echo "  pages: $pages in the 50 agencies' PDFs, ${cpages:-?} in the city report"
awk '{ s += $1 } END { printf "  check + build -j 2 + combine: %.2f s (aim: under 3 s on 2 cores)\n", s }' "$OUT/walls"

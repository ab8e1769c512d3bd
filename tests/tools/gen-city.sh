#!/bin/sh
# gen-city.sh SEED N OUTDIR — a generated city year for the sum test and the
# bench: N agencies made from the three hand-written fixtures of
# tests/fixtures/city/three by a seeded generator (awk srand): each gets its
# own 全銜/簡稱 (臺北市第 i 測試局), random training counts (completed never
# more than required), sometimes one meeting fewer (never below 3) and fewer
# analyses. Half in subfolders, half flat, no office file. Prints nothing.
set -eu
seed=$1 n=$2 out=$3
src=$(cd "$(dirname "$0")/../fixtures/city/three" && pwd)
mkdir -p "$out"
i=1
while [ "$i" -le "$n" ]; do
    case $((i % 3)) in
        0) t=$src/social/results.xml ;;
        1) t=$src/daan-district.xml ;;
        *) t=$src/feitsui/results.xml ;;
    esac
    if [ $((i % 2)) -eq 0 ]; then mkdir -p "$out/a$i"; f=$out/a$i/results.xml; else f=$out/a$i.xml; fi
    awk -v seed=$((seed * 1000 + i)) -v i="$i" '
        BEGIN { srand(seed) }
        function r(lo, hi) { return lo + int(rand() * (hi - lo + 1)) }
        /<全銜>/ && !named { sub(/<全銜>[^<]*<\/全銜>/, "<全銜>臺北市第" i "測試局</全銜>"); sub(/<簡稱>[^<]*<\/簡稱>/, "<簡稱>測試" i "局</簡稱>"); named = 1 }
        /<一般公務人員>/ { sec = 1 } /<主管人員>/ { sec = 2 } /<\/主管人員>/ { sec = 0 }
        sec && /<人數><男>/ { m = r(1, sec == 1 ? 3000 : 300); f = r(1, sec == 1 ? 3000 : 300)
            sub(/<男>[0-9]+<\/男><女>[0-9]+<\/女>/, "<男>" m "</男><女>" f "</女>") }
        sec && /<完成人數><男>/ { sub(/<男>[0-9]+<\/男><女>[0-9]+<\/女>/, "<男>" (m - r(0, m < 4 ? m : 4)) "</男><女>" (f - r(0, f < 4 ? f : 4)) "</女>") }
        sec == 1 && /<實體課程參訓人數>/ { sub(/>[0-9]+</, ">" r(0, m + f) "<") }
        # a fourth meeting (社會局) kept or dropped
        /<會議>/ { nm++ } nm == 4 && /<會議>/ && rand() < 0.5 { skip = 1 }
        skip { if (/<\/會議>/) skip = 0; next }
        # analyses after the first: each kept or dropped
        /<專題>/ { na++; if (na > 1 && rand() < 0.4) next }
        { print }
    ' "$t" > "$f"
    i=$((i + 1))
done

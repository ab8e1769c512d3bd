#!/bin/sh
# seed.sh — (re)make the committed fuzz corpus tests/fuzz/corpus/ from the
# test fixtures: every FO under tests/fo (but the 120 KB form), every data
# fixture, the SVG charts cut out of the FO fixtures, the sample's photos
# and the small images below. Crash reproducers are added by hand next to
# them (named crash-*) and kept. Run from the repository root.
set -eu
C=tests/fuzz/corpus
mkdir -p "$C/fo" "$C/data" "$C/svg" "$C/image"
find "$C" -type f ! -name 'crash-*' ! -name 'hand-*' -delete
for f in tests/fo/*.fo tests/fo/bad/*.fo tests/fo/layout/*.fo tests/fo/layout/bad/*.fo; do
    case $f in */form.fo) continue ;; esac
    n=$(echo "$f" | sed 's#^tests/fo/##; s#/#-#g')
    cp "$f" "$C/fo/$n"
done
for f in tests/fixtures/results/*.xml tests/fixtures/results/bad/*.xml; do
    cp "$f" "$C/data/$(basename "$f")"
done
i=0
for f in tests/fo/*.fo tests/fo/layout/*.fo; do
    # each <svg …>…</svg> on its own (they are written on consecutive lines)
    awk -v out="$C/svg/$(basename "$f" .fo)" '
        !on && /<svg[ >]|<svg:svg/ { on = 1; n++; file = out "-" n ".svg"; $0 = substr($0, index($0, "<svg")) }
        on { line = $0; e = index(line, "</svg"); if (e) { line = substr(line, 1, e - 1); rest = substr($0, e); line = line substr(rest, 1, index(rest, ">")) }
             print line > file }
        on && /<\/svg>|<\/svg:svg>/ { on = 0; close(file) }' "$f"
done
cp data/taipei/112/images/*.png tests/fo/layout/img/photo.jpg "$C/image/"

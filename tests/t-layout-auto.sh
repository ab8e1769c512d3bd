#!/bin/sh
# t-layout-auto.sh — table-layout="auto" (XSL's initial value), columns
# without widths (tests/fo/layout/auto.fo), from the box dump:
#   table 1: 「項次」 and 「姓名」 each on one line, their columns as wide as
#     their content; the long column takes the rest: the table is exactly as
#     wide as the body;
#   table 2 (short content, no width): as wide as its content, not the body;
#   table 3: declared widths (30mm + proportional) kept: first column 85.04pt,
#     the table as wide as the body.
. "$(dirname "$0")/lib.sh"
require_gr
d=$WORK/layout-auto
mkdir -p "$d"
if ! run_gr render "$TESTS_DIR/fo/layout/auto.fo" -o "$d/auto.pdf" --dump-boxes "$d/auto.dump" 2> "$d/err"; then
    not_ok "auto.fo renders" "$(head -n 3 "$d/err")"
    finish
fi
bw=$(awk -F '\t' '$1 == "body" { print $5; exit }' "$d/auto.dump")
# tables in order: cells grouped by the y of their first row
awk -F '\t' -v bw="$bw" '
    $1 == "cell" { n++; x[n] = $3; w[n] = $5; row[n] = $7; col[n] = $8 }
    $1 == "line" { lt[$7] = $5; lc[$7]++ }
    END {
        # table 1: cells 1..6; table 2: 7..8; table 3: 9..10
        t1 = x[3] + w[3] - x[1]; t2 = x[8] + w[8] - x[7]; t3 = x[10] + w[10] - x[9]
        ok1 = lc["項次"] == 1 && lc["姓名"] == 1 && w[1] >= lt["項次"] && w[2] >= lt["姓名"] &&
              w[1] < 40 && w[2] < 50 && t1 > bw - 0.5 && t1 < bw + 0.5
        ok2 = t2 < 100
        ok3 = w[9] > 85.0 && w[9] < 85.1 && t3 > bw - 0.5 && t3 < bw + 0.5
        printf "%d %d %d %.2f %.2f %.2f %.2f %.2f\n", ok1, ok2, ok3, w[1], w[2], t1, t2, w[9]
    }' "$d/auto.dump" > "$d/result"
read -r ok1 ok2 ok3 w1 w2 t1 t2 w9 < "$d/result"
if [ "$ok1" = 1 ]; then ok "auto table: 項次/姓名 columns at their natural width ($w1, $w2 pt), table as wide as the body ($t1 pt)"
else not_ok "auto table: 項次/姓名 columns at their natural width, table as wide as the body" "widths $w1 $w2, table $t1, body $bw"; fi
if [ "$ok2" = 1 ]; then ok "auto table of short content: as wide as its content ($t2 pt)"
else not_ok "auto table of short content: as wide as its content" "table $t2 pt"; fi
if [ "$ok3" = 1 ]; then ok "declared column widths kept (30mm = $w9 pt)"
else not_ok "declared column widths kept (30mm = 85.04 pt)" "first column $w9 pt"; fi
finish

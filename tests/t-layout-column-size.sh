#!/bin/sh
# t-layout-column-size.sh — a column's body cells at one size (review T18):
# in tests/fo/layout/column-size.fo four 21pt share columns each hold a
# two-digit share (「11%」「37%」…) that is set smaller to fit and a
# one-digit share (「0%」「8%」…) that would fit at full size. Each column's
# body lines come out at the same line height (the smaller size), not 「8%」
# at full size beside 「59%」 at 90%; the header row and the label column
# keep their own size (14pt lines).
# Then tests/fo/layout/column-alike.fo (review T18 residual): columns of
# one declared width print at one size — the share columns 3 and 4, whose
# one-digit shares fit at full size, come out as small as columns 1 and 2,
# and the header's 「男」 「女」 as small as its 「其他」; the label column,
# of a width of its own, keeps 14pt.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools awk
D=$WORK/column-size
mkdir -p "$D"
FO=$TESTS_DIR/fo/layout/column-size.fo
if ! run_gr render "$FO" -o "$D/c.pdf" --dump-boxes "$D/c.dump" 2> "$D/c.err"; then
    not_ok "column-size.fo renders" "$(head -n 3 "$D/c.err")"
    finish
fi
# "col height text" for every body line (rows 1..), from the cell after it
awk -F '	' '$1 == "line" { n++; h[n] = $6; t[n] = $7; next }
    $1 == "cell" { for (i = 1; i <= n; i++) if ($7 >= 1) print $8, h[i], t[i]; n = 0 }' "$D/c.dump" > "$D/body"
for c in 1 2 3 4; do
    sizes=$(awk -v c=$c '$1 == c { print $2 }' "$D/body" | sort -u | tr '\n' ' ')
    texts=$(awk -v c=$c '$1 == c { printf "%s@%s ", $3, $2 }' "$D/body")
    case $sizes in
        "14 "|"") not_ok "share column $c: its cells set smaller together" "$texts" ;;
        *" "*" "*) not_ok "share column $c: one size for its body cells" "$texts" ;;
        *) ok "share column $c: one size for its body cells ($texts)" ;;
    esac
done
if [ "$(awk '$1 == 0 { print $2 }' "$D/body" | sort -u)" = 14 ]; then
    ok "the label column keeps its full size"
else
    not_ok "the label column keeps its full size" "$(cat "$D/body")"
fi

FO=$TESTS_DIR/fo/layout/column-alike.fo
if ! run_gr render "$FO" -o "$D/a.pdf" --dump-boxes "$D/a.dump" 2> "$D/a.err"; then
    not_ok "column-alike.fo renders" "$(head -n 3 "$D/a.err")"
    finish
fi
# "row col height text" for every line, from the cell after it
awk -F '	' '$1 == "line" { n++; h[n] = $6; t[n] = $7; next }
    $1 == "cell" { for (i = 1; i <= n; i++) print $7, $8, h[i], t[i]; n = 0 }' "$D/a.dump" > "$D/alike"
body=$(awk '$1 >= 1 && $2 >= 1 { print $3 }' "$D/alike" | sort -u | tr '\n' ' ')
head=$(awk '$1 == 0 && $2 >= 1 { print $3 }' "$D/alike" | sort -u | tr '\n' ' ')
label=$(awk '$2 == 0 { print $3 }' "$D/alike" | sort -u | tr '\n' ' ')
all=$(awk '{ printf "%s@%s ", $4, $3 }' "$D/alike")
case $body in
    "14 "|*" "*" "*) not_ok "the four alike share columns: one size, smaller, for all their body cells" "$all" ;;
    *) ok "the four alike share columns: one size, smaller, for all their body cells ($body)" ;;
esac
case $head in
    "14 "|*" "*" "*) not_ok "the header cells of the alike columns: one size (男 女 as 其他)" "$all" ;;
    *) ok "the header cells of the alike columns: one size (男 女 as 其他: $head)" ;;
esac
if [ "$label" = "14 " ]; then
    ok "the label column, of its own width, keeps its full size"
else
    not_ok "the label column, of its own width, keeps its full size" "$all"
fi
finish

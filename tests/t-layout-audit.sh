#!/bin/sh
# t-layout-audit.sh — the layout audit over every sample and fixture: each
# data file (data/, the results fixtures, tests/audit/*.xml) is
# built and each FO file (tests/fo/*.fo, tests/fo/layout/*.fo,
# tests/audit/*.fo) rendered with --dump-boxes; tests/tools/audit.pl counts
# the typesetter's faults (names taken from the data file) and prints them;
# every count must be zero unless tests/audit/expect.txt lists it, with its
# reason, for a fixture made to exercise a last resort. Data fixtures are
# built in both editions (FILE:internal prints full names).
. "$(dirname "$0")/lib.sh"
require_gr
require_tools perl
D=$WORK/audit
mkdir -p "$D"
EXPECT=$TESTS_DIR/audit/expect.txt
NAMES="empty_fragment row_start_split cell_orphan heading_last prohibited short_last number_broken name_broken cjk_gap outside underfull span_unlabelled merged_empty chart_overlap chart_outside photo_size"

# expected FILE NAME: the listed count (0 when not listed)
expected() {
    awk -v f="$1" -v k="$2" '$1 == f { for (i = 2; i <= NF; i++) if (index($i, k "=") == 1) { print substr($i, length(k) + 2); exit } }' "$EXPECT" |
        grep . || echo 0
}

# audit LABEL DUMP NAMES: count, print, compare with expect.txt's counts
# for LABEL
audit() {
    perl "$TOOLS/audit.pl" -v -n "$3" "$2" > "$2.audit"
    counts=$(head -n 1 "$2.audit")
    printf '# audit %s: %s\n' "$1" "$counts"
    bad=""
    for k in $NAMES; do
        got=$(printf '%s\n' "$counts" | tr ' ' '\n' | sed -n "s/^$k=//p")
        want=$(expected "$1" "$k")
        [ "$got" = "$want" ] || bad="$bad $k=$got (expected $want)"
    done
    if [ -z "$bad" ]; then
        ok "audit $1: counts as expected"
    else
        not_ok "audit $1: counts as expected" "$bad"
        tail -n +2 "$2.audit" | head -n 12 | sed 's/^#   /  /'
    fi
}

cd "$ROOT" || exit 2
# the fixtures' photos are the sample's (images/…, as t-results.sh copies them)
# or their own, in a folder beside them (tests/audit/held-district/…)
mkdir -p "$D/img" && rm -rf "$D/img/images" && cp -r data/taipei/112/images "$D/img/"
for d in tests/audit/*/; do
    [ -d "$d" ] || continue
    rm -rf "$D/img/$(basename "$d")" && cp -r "$d" "$D/img/"
done
for f in data/*/*/results.xml tests/fixtures/results/base-112.xml tests/audit/*.xml \
         tests/fo/*.fo tests/fo/layout/*.fo tests/audit/*.fo; do
    [ -f "$f" ] || continue
    b=$(echo "$f" | tr / _)
    case $f in
        tests/fixtures/results/*.xml|tests/audit/*.xml)
            grep -o '<姓名[^>]*>[^<]*</姓名>' "$f" | sed 's/<[^>]*>//g' | sort -u > "$D/$b.names"
            cp "$f" "$D/img/$b"
            # the internal edition too: full names are never broken either
            if run_gr build "$D/img/$b" --internal -o "$D/$b.int.pdf" --dump-boxes "$D/$b.int.dump" \
                   > /dev/null 2> "$D/$b.int.err"; then
                audit "$f:internal" "$D/$b.int.dump" "$D/$b.names"
            else
                not_ok "audit $f:internal: renders" "$(head -n 3 "$D/$b.int.err")"
            fi
            run_gr build "$D/img/$b" -o "$D/$b.pdf" --dump-boxes "$D/$b.dump" > /dev/null 2> "$D/$b.err" ;;
        tests/fo/layout/graphics.fo) continue ;;    # its images are made by t-layout.sh, audited there
        tests/audit/photo-*.fo)                      # beside the sample's images
            : > "$D/$b.names"
            cp "$f" "$D/img/$b"
            run_gr render "$D/img/$b" -o "$D/$b.pdf" --dump-boxes "$D/$b.dump" > /dev/null 2> "$D/$b.err" ;;
        *.xml)
            grep -o '<姓名[^>]*>[^<]*</姓名>' "$f" | sed 's/<[^>]*>//g' | sort -u > "$D/$b.names"
            run_gr build "$f" -o "$D/$b.pdf" --dump-boxes "$D/$b.dump" > /dev/null 2> "$D/$b.err" ;;
        *)
            : > "$D/$b.names"
            run_gr render "$f" -o "$D/$b.pdf" --dump-boxes "$D/$b.dump" > /dev/null 2> "$D/$b.err" ;;
    esac
    if [ $? -ne 0 ]; then
        not_ok "audit $f: renders" "$(head -n 3 "$D/$b.err")"
        continue
    fi
    audit "$f" "$D/$b.dump" "$D/$b.names"
done

# a count too wide for its cell even at 80% of its size is broken with a
# 提醒 at its data line (the metro table of wide-stats.xml); the district
# table's counts, which fit when set smaller, get none
w=tests/audit/wide-stats.xml
wl=$(grep -n '文湖線' "$w" | head -n 1 | cut -d: -f1)
dl=$(grep -n '松山區' "$w" | head -n 1 | cut -d: -f1)
werr=$D/$(echo "$w" | tr / _).err
if grep -q ":$wl: 提醒.*「2,345,678」.*縮小到 80% 仍" "$werr" && ! grep -q ":$dl: 提醒.*斷行" "$werr"; then
    ok "wide-stats.xml: a count broken even at 80% is a 提醒 at line $wl; the district counts (line $dl) set smaller, not broken"
else
    not_ok "wide-stats.xml: a count broken even at 80% is a 提醒 at line $wl; the district counts (line $dl) set smaller, not broken" \
        "$(grep '斷行' "$werr" | head -n 3)"
fi

# shares: a non-zero count is never 「0%」 (pie labels of wide-stats.xml:
# 3 of 42,409 is 「其他 <1%」), and a small slice is labelled outside
wd=$D/$(echo "$w" | tr / _).dump
if grep -q "$(printf '^svgtext\t.*\t其他 <1%%$')" "$wd" &&
   ! grep -q "$(printf '^svgtext\t.*\t\\(其他 \\)\\{0,1\\}0%%$')" "$wd"; then
    ok "wide-stats.xml: a tiny share prints 「其他 <1%」, never 「0%」"
else
    not_ok "wide-stats.xml: a tiny share prints 「其他 <1%」, never 「0%」" \
        "$(grep -c "$(printf '^svgtext')" "$wd") chart texts"
fi

# a no-break space is a space, not the CNS font's full-em 「NB SP」 box
nbw=$(awk -F'\t' '$1 == "line" { print $5; exit }' "$D/tests_audit_nbsp.fo.dump")
if [ -n "$nbw" ] && awk -v w="$nbw" 'BEGIN { exit !(w < 90) }'; then
    ok "nbsp.fo: 性別 平等 with a no-break space is ${nbw}pt wide (under 4.5 em)"
else
    not_ok "nbsp.fo: 性別 平等 with a no-break space is ${nbw}pt wide (under 4.5 em)"
fi

# a photo enlarged to fewer than 150 pixels an inch: a 提醒 at its line
if grep -q ":14: 提醒.*hackathon-1.png.*54 ppi" "$D/tests_audit_photo-enlarged.fo.err"; then
    ok "photo-enlarged.fo: the enlarged screenshot gets a 提醒 at line 14 (54 ppi)"
else
    not_ok "photo-enlarged.fo: the enlarged screenshot gets a 提醒 at line 14 (54 ppi)" \
        "$(head -n 3 "$D/tests_audit_photo-enlarged.fo.err")"
fi

# the strategy grid's category cell asks for its label on a continuation
# page (gr:continued): 「(二)（續）」 is a line of page 2 inside that cell
if awk -F'\t' '$1 == "line" && $2 == 2 && $7 == "(二)（續）" { f = 1 } END { exit !f }' \
       "$D/tests_audit_continued.fo.dump"; then
    ok "continued.fo: page 2 repeats the category label as 「(二)（續）」"
else
    not_ok "continued.fo: page 2 repeats the category label as 「(二)（續）」"
fi
finish

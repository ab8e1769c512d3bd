#!/bin/sh
# t-messages.sh — messages come from the one table (generator/util/
# messages.def) and are shown in one order:
#   - no reporting call in generator/ carries its own text (the scan
#     tests/tools/inline-messages.pl, with a short list of allowed
#     arguments that are names, not wording), and the scan finds one;
#   - every table entry is used somewhere (tests/unit/test_messages.c checks
#     both languages and the arguments of every entry);
#   - findings are shown by class — 錯誤, 未達規定, 提醒 — and by line within
#     a class, the same in check, build and check DIR --csv;
#   - system errors (errno) read in Chinese in the Chinese half.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools perl
d=$WORK/messages
rm -rf "$d"
mkdir -p "$d"

# ---- no inline message ----------------------------------------------------
# domain/compute.c and domain/figures.c: their messages move with the
# computed-figure definitions (issue 8); everything else is table-only.
# Allowed: arguments that are element, attribute or namespace names.
find "$ROOT/generator" -name '*.c' ! -name compute.c ! -name figures.c | LC_ALL=C sort |
    xargs perl "$TOOLS/inline-messages.pl" | sed "s|^$ROOT/||; s|:[0-9]*: |: |" > "$d/inline.txt"
cat > "$d/allowed.txt" <<'ALLOWED'
generator/domain/rules.c: gr_error: gr_line(gr_child(root, "年度"))
generator/fo/fo_parse.c: gr_error: x->ns ? href : "none"
generator/graphics/image.c: gr_warn: is_width ? "width" : "height"
generator/layout/build.c: gr_warn: n->type == GR_FO_EXTERNAL_GRAPHIC ? "fo:external-graphic" : "svg:svg"
ALLOWED
grep -v -x -F -f "$d/allowed.txt" "$d/inline.txt" > "$d/unexpected.txt"
if [ ! -s "$d/unexpected.txt" ]; then
    ok "no reporting call has its own text (messages.def only; $(wc -l < "$d/allowed.txt") allowed names)"
else
    not_ok "no reporting call has its own text" "move these into generator/util/messages.def:"
    show "$d/unexpected.txt" 20
fi
# the scan sees an inline text, a fragment and a usage error
cat > "$d/probe.c" <<'PROBE'
static void f(gr_ctx *ctx, const char *file, int n) {
    gr_error(ctx, file, 3, "缺少 %d", "missing %d", n);
    gr_warn(ctx, file, 4, GR_TEXT(OK_ONE), n ? "太多" : "");
    gr_opts_usage_error(p, GR_TEXT(OK_TWO), file);
    gr_syserror(ctx, NULL, 0, GR_TEXT(OK_THREE), GR_ERRNO(errno));
}
PROBE
perl "$TOOLS/inline-messages.pl" "$d/probe.c" | sed 's|^.*probe.c:||' > "$d/probe.txt"
if grep -q '^2: gr_error: "缺少 %d"$' "$d/probe.txt" && grep -q '^2: gr_error: "missing %d"$' "$d/probe.txt" &&
   grep -q '^3: gr_warn: n ? "太多" : ""$' "$d/probe.txt" && [ "$(wc -l < "$d/probe.txt")" -eq 3 ]; then
    ok "the scan finds inline texts and an inline fragment (and nothing else)"
else
    not_ok "the scan finds inline texts and an inline fragment (and nothing else)"; show "$d/probe.txt"
fi

# ---- every entry used -----------------------------------------------------
sed -n 's/^GR_MSG(\([A-Z0-9_]*\),.*/\1/p' "$ROOT/generator/util/messages.def" > "$d/ids.txt"
find "$ROOT/generator" \( -name '*.c' -o -name '*.h' \) | xargs cat > "$d/sources.txt"
: > "$d/unused.txt"
while read -r id; do
    grep -q -E "(GR_TEXT\\($id\\)|GR_M_$id\\b|gr_msg_(zh|en)_$id\\b)" "$d/sources.txt" || echo "$id" >> "$d/unused.txt"
done < "$d/ids.txt"
if [ "$(wc -l < "$d/ids.txt")" -gt 300 ] && [ ! -s "$d/unused.txt" ]; then
    ok "every one of the $(wc -l < "$d/ids.txt") table entries is used"
else
    not_ok "every table entry is used" "unused (delete them, or use them):"; show "$d/unused.txt"
fi

# ---- one order of findings ------------------------------------------------
# 113-edge (4 未達規定, 6 提醒) with one 錯誤 far down (R20c: 9 of 7 opinions
# adopted, line 140): the error comes first, each class by line.
mkdir -p "$d/city/edge"
sed '140s|<參採項數>5</參採項數>|<參採項數>9</參採項數>|' "$TESTS_DIR/fixtures/results/113-edge.xml" > "$d/edge.xml"
cp "$d/edge.xml" "$d/city/edge/results.xml"
(cd "$d" && run_gr check edge.xml) > /dev/null 2> "$d/check.err"
(cd "$d" && run_gr build edge.xml -o edge.pdf) > /dev/null 2> "$d/build.err"
classes() { grep -E '^[^ ]*:[0-9]+: (錯誤|未達規定|提醒) ' "$1" | sed -E 's/^[^:]*:([0-9]+): ([^ ]*) .*/\2 \1/'; }
classes "$d/check.err" > "$d/check.order"
classes "$d/build.err" > "$d/build.order"
# sorted: class rank, then line
awk '{ r = ($1 == "錯誤") ? 0 : ($1 == "未達規定") ? 1 : 2; print r, $2 }' "$d/check.order" > "$d/ranks"
if [ -s "$d/check.order" ] && head -n 1 "$d/check.order" | grep -q '^錯誤 140$' &&
   sort -n -s -k1,1 -k2,2 "$d/ranks" | cmp -s - "$d/ranks" &&
   [ "$(grep -c '^未達規定' "$d/check.order")" -eq 4 ] && [ "$(grep -c '^提醒' "$d/check.order")" -eq 6 ]; then
    ok "check: 錯誤 first (line 140), then 4 未達規定, then 6 提醒, each class by line"
else
    not_ok "check: findings by class, then line"; show "$d/check.order"
fi
if cmp -s "$d/check.order" "$d/build.order" && [ ! -e "$d/edge.pdf" ]; then
    ok "build shows the same findings in the same order (and writes no PDF)"
else
    not_ok "build shows the same findings in the same order"; show "$d/build.order"
fi
(cd "$d" && run_gr check city --csv city.csv) > /dev/null 2> "$d/city.err"
# CSV columns: 單位,資料檔,狀態,類別,規則,行,說明
perl -ne 'print "$1 $2\n" if /^"[^"]*","[^"]*","[^"]*","([^"]+)","[^"]*","([^"]*)"/' "$d/city.csv" > "$d/csv.order"
if [ -s "$d/csv.order" ] && cmp -s "$d/check.order" "$d/csv.order"; then
    ok "check DIR --csv lists the findings in the same order"
else
    not_ok "check DIR --csv lists the findings in the same order"; show "$d/csv.order"; show "$d/city.csv" 5
fi

# ---- system errors in Chinese ---------------------------------------------
cp -r "$ROOT/data/taipei/112" "$d/data"
long=$(printf 'a%.0s' $(seq 1 300))
ln -s loop2 "$d/loop1"; ln -s loop1 "$d/loop2"
while IFS='|' read -r what zh en; do
    case $what in
    notdir) args="check results.xml/x.xml" ;;
    long)   args="check $long.xml" ;;
    loop)   args="check ../loop1" ;;
    outdir) args="build results.xml -o results.xml/x.pdf" ;;
    esac
    # shellcheck disable=SC2086
    (cd "$d/data" && run_gr $args --lang zh) > /dev/null 2> "$d/errno-zh.err"
    rc_zh=$?
    # shellcheck disable=SC2086
    (cd "$d/data" && run_gr $args --lang en) > /dev/null 2> "$d/errno-en.err"
    if [ "$rc_zh" -ne 0 ] && grep -q "$zh" "$d/errno-zh.err" && ! grep -q -i "$en" "$d/errno-zh.err" &&
       grep -q -i "$en" "$d/errno-en.err"; then
        ok "$what: 「$zh」 in Chinese, \"$en\" only in English"
    else
        not_ok "$what: 「$zh」 in Chinese, \"$en\" only in English"; show "$d/errno-zh.err" 3; show "$d/errno-en.err" 3
    fi
done <<'ERRNO'
notdir|路徑中有一段不是資料夾|not a folder
long|檔名或路徑太長|too long
loop|符號連結太多層|symbolic links
outdir|路徑中有一段不是資料夾|not a folder
ERRNO
finish

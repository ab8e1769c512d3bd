#!/bin/sh
# t-hostile-text.sh — text a data file must not carry (issue 11, item 6):
# C1 controls, bidi controls (U+202E RIGHT-TO-LEFT OVERRIDE, U+200F …) in
# names, text and attributes, as characters or character references; XML
# 1.1 (which would admit &#1;); `new --agency` with control characters.
# Each: exit 1 (new: 2), a message at FILE:LINE naming the element and the
# code point, the raw character never echoed to the terminal, no output.
# Long values: a 100,000-character name is shown clipped, not echoed whole.
# Variants of the frozen sample tests/fixtures/results/base-112.xml.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_gr
d=$WORK/hostile-text
rm -rf "$d"
mkdir -p "$d/out"
SAMPLE=$TESTS_DIR/fixtures/results/base-112.xml
cp -r "$ROOT/data/taipei/112/images" "$d/"
T=${HOSTILE_TIMEOUT:-60}

variant() { sed -e "$2" "$SAMPLE" > "$d/$1.xml"; }

# expect_bad NAME LINE MENTION...: build and check fail with exit 1, a
# message at NAME.xml:LINE naming every MENTION, no PDF, and stderr free of
# the raw control characters (C1 as UTF-8, U+200E/F, U+202A–E, U+2066–9).
expect_bad() {
    _name=$1 _line=$2
    shift 2
    for _verb in build check; do
        if [ $_verb = build ]; then
            (cd "$d" && timeout "$T" "$GR" build "$_name.xml" -o "out/$_name.pdf") > /dev/null 2> "$d/$_name.err"
        else
            (cd "$d" && timeout "$T" "$GR" check "$_name.xml") > /dev/null 2> "$d/$_name.err"
        fi
        _rc=$?
        grep -F -- "$_name.xml:$_line: 錯誤 error:" "$d/$_name.err" > "$d/$_name.lines"
        for _m in "$@"; do
            grep -F -- "$_m" "$d/$_name.lines" > "$d/$_name.tmp"
            mv "$d/$_name.tmp" "$d/$_name.lines"
        done
        if [ "$_rc" -eq 1 ] && [ -s "$d/$_name.lines" ] && [ -z "$(ls -A "$d/out")" ]; then
            ok "$_name ($_verb): exit 1, message at line $_line naming $*, no PDF"
        else
            not_ok "$_name ($_verb): exit 1, message at line $_line naming $*, no PDF" \
                "exit $_rc; output: $(ls "$d/out")"
            show "$d/$_name.err" 6
        fi
        if LC_ALL=C grep -q "$(printf '\302[\200-\237]\|\342\200[\216\217\252-\256]\|\342\201[\246-\251]')" "$d/$_name.err"; then
            not_ok "$_name ($_verb): no raw control character echoed"
        else
            ok "$_name ($_verb): no raw control character echoed"
        fi
    done
}

RLO=$(printf '\342\200\256')     # U+202E
RLM=$(printf '\342\200\217')     # U+200F
NEL=$(printf '\302\205')         # U+0085, a C1 control
variant rlo-name "23s#<姓名>蕭雅勻#<姓名>蕭雅${RLO}勻#"
expect_bad rlo-name 23 '<姓名>' 'U+202E'
variant c1-text "24s#數位策略#數位${NEL}策略#"
expect_bad c1-text 24 '<科室>' 'U+0085'
variant c1-ref "24s#數位策略#數位\&\#x9B;策略#"
expect_bad c1-ref 24 '<科室>' 'U+009B'
variant rlm-attr "208s#項目=\"1\"#項目=\"1${RLM}\"#"
expect_bad rlm-attr 208 '<措施>' '項目' 'U+200F'
variant lri-multiline "35s#<亮點>112年#<亮點>\\
112年本局\\
舉辦$(printf '\342\201\246')#"
expect_bad lri-multiline 37 '<亮點>' 'U+2066'
variant xml11 "1s#version=\"1.0\"#version=\"1.1\"#; 24s#數位策略#數位\&\#1;策略#"
expect_bad xml11 1 'XML 1.0'

# a 100,000-character name: the message shows at most ~80 characters of it
awk 'BEGIN { printf "23s#<姓名>蕭雅勻</姓名>#<姓名>"; for (i = 0; i < 100000; i++) printf "蕭"; print "</姓名>#" }' > "$d/long.sed"
sed -f "$d/long.sed" "$SAMPLE" > "$d/long-name.xml"
(cd "$d" && timeout "$T" "$GR" check long-name.xml) > /dev/null 2> "$d/long.err"
rc=$?
max=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$d/long.err")
if [ "$rc" -ne 0 ] && [ "$max" -lt 1200 ] && grep -q 'long-name.xml:23:' "$d/long.err"; then
    ok "100,000-character name: exit $rc, message at line 23, longest stderr line $max bytes"
else
    not_ok "100,000-character name: exit non-zero, message at line 23, lines under 1200 bytes" \
        "exit $rc, longest line $max bytes"
    head -c 600 "$d/long.err" | sed 's/^/#   | /'
fi

# new --agency with control characters: refused, nothing written
for bad in "$(printf '臺北市政府\033[2J資訊局')" "臺北市政府${RLO}局訊資" "$(printf '資訊局\n第二行')"; do
    rm -f "$d/new.xml"
    timeout "$T" "$GR" new --year 113 --agency "$bad" --group C -o "$d/new.xml" > /dev/null 2> "$d/new.err"
    rc=$?
    if [ "$rc" -eq 2 ] && [ ! -e "$d/new.xml" ] && grep -q '控制字元' "$d/new.err"; then
        ok "new --agency with a control character: exit 2, 控制字元 named, no file"
    else
        not_ok "new --agency with a control character: exit 2, 控制字元 named, no file" "exit $rc"
        show "$d/new.err" 3
    fi
done
finish

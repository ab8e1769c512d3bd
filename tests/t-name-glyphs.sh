#!/bin/sh
# t-name-glyphs.sh — a declared name with a character no font of the chain
# has (R16): the public edition masks it (蕭𫝀勻 → 蕭○勻), so neither the
# media check nor layout meets the character, yet the internal edition
# prints a box. The sample's data, as a clerk would type a rare name:
#   - 蕭𫝀勻 (U+2B740, Ext-C: in no font; masked away in the public edition)
#     as a <姓名> (lines 23 and 88) and once unmarked in running text
#   - 楊志𰀀 (U+30000, Ext-G; the last character, which the mask keeps, so
#     the public edition prints a box too)
# `check`, `build` and `build --internal` each say it once per line where
# the name is printed, at that data line, in the same words (name, which
# character, what to do); no generic "character U+XXXX" message for the
# same line as well; other names (all in the fonts) draw no such note;
# the public PDF holds no full name.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools pdftotext
d=$WORK/name-glyphs
rm -rf "$d"
mkdir -p "$d"
cp -r "$ROOT/data/taipei/112" "$d/a"
cd "$d" || exit 1
sed -e 's#蕭雅勻#蕭\xf0\xab\x9d\x80勻#g' -e 's#楊志宏#楊志\xf0\xb0\x80\x80#g' \
    -e 's#<段落>數位平權推動計畫#<段落>由蕭\xf0\xab\x9d\x80勻規劃之數位平權推動計畫#' \
    a/results.xml > a/rare.xml
x=$(printf '蕭\360\253\235\200勻')
y=$(printf '楊志\360\260\200\200')
lines_x=$(grep -n "$x" a/rare.xml | grep -v 虛構 | cut -d: -f1 | tr '\n' ' ')
lines_y=$(grep -n "$y" a/rare.xml | grep -v 虛構 | cut -d: -f1 | tr '\n' ' ')
run_gr check a/rare.xml > /dev/null 2> check.err
crc=$?
run_gr build a/rare.xml -o pub.pdf > /dev/null 2> pub.err
prc=$?
run_gr build --internal a/rare.xml -o int.pdf > /dev/null 2> int.err
irc=$?
if [ "$crc" -eq 0 ] && [ "$prc" -eq 0 ] && [ "$irc" -eq 0 ] && [ -s pub.pdf ] && [ -s int.pdf ]; then
    ok "rare names: check, build and build --internal exit 0 (a note), both PDFs written"
else
    not_ok "rare names: check, build and build --internal exit 0" "check $crc, build $prc, internal $irc"
fi

# one note per line where the name is printed (three lines: two <姓名>, one
# in running text), in each run, naming the name and its character
for run in check pub int; do
    bad=""
    for l in $lines_x; do
        n=$(grep -c "^a/rare.xml:$l: 提醒.*姓名「$x」的第 2 個字.*內部版.*公開版印「蕭○勻」.*異體字" $run.err)
        [ "$n" -eq 1 ] || bad="$bad line $l: $n"
    done
    if [ -z "$bad" ] && [ -n "$lines_x" ]; then
        ok "$run: 「蕭𫝀勻」 said once at each line it is printed ($lines_x)"
    else
        not_ok "$run: 「蕭𫝀勻」 said once at each line it is printed ($lines_x)" "$bad"
        show $run.err 8
    fi
    bad=""
    for l in $lines_y; do
        n=$(grep -c "^a/rare.xml:$l: 提醒.*姓名「$y」的第 3 個字.*公開版（印「楊○𰀀」）與內部版都會" $run.err)
        [ "$n" -eq 1 ] || bad="$bad line $l: $n"
    done
    if [ -z "$bad" ] && [ -n "$lines_y" ]; then
        ok "$run: 「楊志𰀀」 (kept by the mask) said once at each line, both editions named ($lines_y)"
    else
        not_ok "$run: 「楊志𰀀」 said once at each line, both editions named ($lines_y)" "$bad"
        show $run.err 8
    fi
    # the generic character message is not said again for those lines
    g=$(grep -c 'U+2B740\|U+30000' $run.err)
    if [ "$g" -eq 0 ]; then
        ok "$run: no second, generic message for the names' characters"
    else
        not_ok "$run: no second, generic message for the names' characters" "$g line(s)"
        grep 'U+2B740\|U+30000' $run.err | sed 's/^/#   | /' | head -4
    fi
done
# the same words in check and build (the public edition)
if [ "$(grep '姓名「' check.err)" = "$(grep '姓名「' pub.err)" ]; then
    ok "check and build say the same about the names"
else
    not_ok "check and build say the same about the names"
fi
# names whose characters the fonts have draw no such note
if ! grep -q '姓名「嚴祥鸞」\|姓名「陳怡敏」' check.err int.err; then
    ok "names in the fonts: no note"
else
    not_ok "names in the fonts: no note"
fi
# privacy: the public edition prints neither full name
pdftotext pub.pdf pub.txt
if [ -s pub.txt ] && ! grep -q "$x\|$y" pub.txt && grep -q '蕭○勻' pub.txt; then
    ok "public edition: 蕭○勻 printed, no full name"
else
    not_ok "public edition: 蕭○勻 printed, no full name"
fi
finish

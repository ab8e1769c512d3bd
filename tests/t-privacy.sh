#!/bin/sh
# t-privacy.sh — the public edition never leaks a declared name, the internal
# edition cannot be mistaken for it (issue 7). Fixture: a district office's
# report written fresh (tests/fixtures/privacy/zhongshan-113.xml) with names
# of 2, 3 and 4 characters, Ext-B names, Latin and mixed names, a name that is
# also part of a street (林森北路) and a park (林森公園, marked <非姓名>), names
# in running text with and without <姓名>, across a line break, in 講師資料,
# a caption and a chart label, and an opted-out lecturer (遮蔽="否").
#   - public edition, the whole file: `qpdf --qdf --object-streams=disable`
#     searched for each full name in UTF-8, in UTF-16BE bytes (literal
#     strings) and as UTF-16BE hex strings; every string object decoded by
#     `qpdf --json=2`; and pdftotext with white space removed and letters in
#     any case (a name broken over two lines, 黃 𠮷祥 or AHMAD FAISAL count). No declared full name is found (林森 only
#     inside the marked 林森公園); the opted-out lecturer is;
#   - one person, one masked form: each masked form (林○, 鄭○, 黃○祥, 歐○○雯,
#     A. F., N. L., 瓦○．諾○) is in the public page text, and the public FO
#     has it exactly as often as the internal FO has the full name (less the
#     marked 林森公園);
#   - internal edition: every full name; every page carries
#     內部版（含個人姓名，不得公開） (pdftotext page by page); title and XMP
#     say it; the public edition says it nowhere; both are PDF/A-1b;
#   - a second report written fresh (labor-112.xml): none of its declared
#     names, nor their words reversed, anywhere in the public file;
#   - file modes: umask 077 gives 0600, umask 022 gives 0644;
#   - `check` warns at the line of 林森北路 (林森 cuts a word; the marked
#     林森公園 is not reported), and once per name that is a word by itself
#     (林森, 高雄), never for 石磊.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools qpdf pdftotext pdfinfo iconv od xmllint
d=$WORK/privacy
rm -rf "$d"
mkdir -p "$d"
FIX=$TESTS_DIR/fixtures/privacy/zhongshan-113.xml
IN=$d/zhongshan-113.xml
cp "$FIX" "$IN"
MARK='內部版（含個人姓名，不得公開）'
# full name|masked form
PAIRS='林森|林○
鄭𡘙|鄭○
黃𠮷祥|黃○祥
歐陽靜雯|歐○○雯
Ahmad Faisal|A. F.
Nguyễn Thị Lan|N. L.
瓦歷斯．諾幹|瓦○．諾○'
LECTURER=陳怡君
KEPT=林森公園          # marked <非姓名>: printed as written in both editions

(umask 022; run_gr build "$IN" -o "$d/public.pdf" --fo "$d/public.fo" > "$d/public.out" 2> "$d/public.err")
rc_pub=$?
(umask 077; run_gr build --internal "$IN" -o "$d/internal.pdf" --fo "$d/internal.fo" > "$d/internal.out" 2> "$d/internal.err")
rc_int=$?
if [ "$rc_pub" -eq 0 ] && [ "$rc_int" -eq 0 ] && [ -s "$d/public.pdf" ] && [ -s "$d/internal.pdf" ]; then
    ok "public and internal editions of the fixture built"
else
    not_ok "public and internal editions of the fixture built" "exit $rc_pub / $rc_int"
    show "$d/public.err" 8
    finish
fi

# ---- file modes ------------------------------------------------------------
m_int=$(stat -c %a "$d/internal.pdf")
m_pub=$(stat -c %a "$d/public.pdf")
if [ "$m_int" = 600 ] && [ "$m_pub" = 644 ]; then
    ok "output created with the user's umask (077: 0600, 022: 0644)"
else
    not_ok "output created with the user's umask (077: 0600, 022: 0644)" "got $m_int and $m_pub"
fi

# ---- the whole file of the public edition ------------------------------------
qpdf --qdf --object-streams=disable "$d/public.pdf" "$d/public.qdf" 2> "$d/qdf.err"
qpdf --json=2 "$d/public.pdf" > "$d/public.json" 2>> "$d/qdf.err"
pdftotext "$d/public.pdf" - 2> "$d/pdftotext.err" | squeeze > "$d/public.txt"
pdftotext "$d/internal.pdf" - 2>> "$d/pdftotext.err" | squeeze > "$d/internal.txt"
if [ -s "$d/public.qdf" ] && [ -s "$d/public.json" ] && [ -s "$d/public.txt" ] && [ -s "$d/internal.txt" ]; then
    ok "public edition expanded (qpdf --qdf, qpdf --json) and both editions read (pdftotext)"
else
    not_ok "public edition expanded (qpdf --qdf, qpdf --json) and both editions read (pdftotext)"
    show "$d/qdf.err" 5
fi
sed "s/$KEPT//g" "$d/public.txt" > "$d/public-unkept.txt"
# what the template printed (a narrow cell may break a name over lines, and
# pdftotext then reads it in pieces): the FO's text, white space removed
squeeze < "$d/public.fo" > "$d/public.fotext"
squeeze < "$d/internal.fo" > "$d/internal.fotext"

# occurrences of a (squeezed) string in a file
count_in() { grep -o -i -F -- "$1" "$2" | wc -l; }
# UTF-16BE of a string: hex digits, and a grep -P byte pattern
utf16_hex() { printf '%s' "$1" | iconv -f UTF-8 -t UTF-16BE | od -An -tx1 | tr -d ' \n'; }
utf16_pat() { utf16_hex "$1" | sed 's/../\\x&/g'; }

leaks="" forms=""
nl='
'
IFS_SAVE=$IFS
IFS=$nl
for pair in $PAIRS; do
    name=${pair%%|*}
    masked=${pair#*|}
    sq_name=$(printf '%s' "$name" | squeeze)
    sq_masked=$(printf '%s' "$masked" | squeeze)
    hex=$(utf16_hex "$name")
    LC_ALL=C grep -a -q -F -- "$name" "$d/public.qdf" && leaks="$leaks $name(UTF-8)"
    LC_ALL=C grep -a -q -P -- "$(utf16_pat "$name")" "$d/public.qdf" && leaks="$leaks $name(UTF-16BE)"
    LC_ALL=C grep -a -q -i -F -- "$hex" "$d/public.qdf" && leaks="$leaks $name(hex)"
    grep -q -F -- "$name" "$d/public.json" && leaks="$leaks $name(string object)"
    grep -q -i -F -- "$sq_name" "$d/public-unkept.txt" && leaks="$leaks $name(page text)"
    # one masked form, printed wherever the internal edition prints the name
    n_int=$(count_in "$sq_name" "$d/internal.fotext")
    n_kept=0
    case $KEPT in *"$sq_name"*) n_kept=$(count_in "$KEPT" "$d/public.fotext") ;; esac
    n_pub=$(count_in "$sq_masked" "$d/public.fotext")
    if [ "$n_int" -eq 0 ] || [ "$n_pub" -ne $((n_int - n_kept)) ] ||
       ! grep -q -F -- "$sq_masked" "$d/public.txt"; then
        forms="$forms $name: internal FO $n_int, kept $n_kept, public FO $masked $n_pub;"
    fi
done
IFS=$IFS_SAVE
if [ -z "$leaks" ]; then
    ok "public edition: no declared full name anywhere in the file (UTF-8, UTF-16BE, hex, string objects, page text)"
else
    not_ok "public edition: no declared full name anywhere in the file" "found:$leaks"
fi
if [ -z "$forms" ]; then
    ok "one person, one masked form: each masked form printed as often as the internal edition prints the name"
else
    not_ok "one person, one masked form, wherever the name occurs" "$forms"
fi
n_lect=$(count_in "$LECTURER" "$d/public.txt")
n_kept=$(count_in "$KEPT" "$d/public.txt")
if [ "$n_lect" -ge 2 ] && [ "$n_kept" -eq 2 ]; then
    ok "public edition: the opted-out lecturer ($LECTURER, $n_lect times) and the marked $KEPT (2 times) printed as written"
else
    not_ok "public edition: the opted-out lecturer and the marked $KEPT printed as written" \
        "$LECTURER: $n_lect (want >= 2), $KEPT: $n_kept (want 2)"
fi
if grep -q '林○北路' "$d/public.txt" && grep -q '林○公園周邊' "$d/public.txt"; then
    ok "public edition: unmarked 林森北路 / 林森公園 are masked (privacy first)"
else
    not_ok "public edition: unmarked 林森北路 / 林森公園 are masked (privacy first)"
fi

# ---- the internal edition --------------------------------------------------
missing=""
IFS=$nl
for pair in $PAIRS; do
    name=$(printf '%s' "${pair%%|*}" | squeeze)
    grep -q -F -- "$name" "$d/internal.txt" || missing="$missing $name"
done
IFS=$IFS_SAVE
grep -q -F "$LECTURER" "$d/internal.txt" || missing="$missing $LECTURER"
if [ -z "$missing" ]; then
    ok "internal edition: every full name"
else
    not_ok "internal edition: every full name" "missing:$missing"
fi
# 「Nguyễn Thị⏎Lan」 in the data: the line break between two Latin letters
# (accented or not) is a space, so the name reads as declared (the FO's
# text, tags aside: the name is an unbreakable fo:inline of its own)
sed 's/<[^>]*>//g' "$d/internal.fo" > "$d/internal.fotext"
if grep -q -F 'Nguyễn Thị Lan以母語' "$d/internal.fotext" && ! grep -q -F 'ThịLan' "$d/internal.fotext"; then
    ok "internal edition: a line break inside a Latin name with accents becomes one space"
else
    not_ok "internal edition: a line break inside a Latin name with accents becomes one space" \
        "$(grep -o -F 'ThịLan' "$d/internal.fo" | head -1)"
fi
np=$(pdf_pages "$d/internal.pdf")
unmarked=""
i=1
while [ "$i" -le "${np:-0}" ]; do
    pdftotext -f "$i" -l "$i" "$d/internal.pdf" - 2>/dev/null | squeeze | grep -q -F "$MARK" ||
        unmarked="$unmarked $i"
    i=$((i + 1))
done
if [ "${np:-0}" -ge 2 ] && [ -z "$unmarked" ]; then
    ok "internal edition: all $np pages carry $MARK"
else
    not_ok "internal edition: every page carries $MARK" "pages: $np; without the mark:$unmarked"
fi
qpdf --qdf --object-streams=disable "$d/internal.pdf" "$d/internal.qdf" 2>> "$d/qdf.err"
if pdfinfo "$d/internal.pdf" 2>/dev/null | grep -q "^Title:.*$MARK" &&
   LC_ALL=C grep -a -q "<dc:title>.*$MARK" "$d/internal.qdf"; then
    ok "internal edition: the title (Info and XMP dc:title) says $MARK"
else
    not_ok "internal edition: the title (Info and XMP dc:title) says $MARK"
    pdfinfo "$d/internal.pdf" 2>&1 | grep Title | sed 's/^/#   /'
fi
if ! grep -q -F '內部版' "$d/public.txt" && ! pdfinfo "$d/public.pdf" 2>/dev/null | grep -q '內部版' &&
   ! LC_ALL=C grep -a -q -F '內部版' "$d/public.qdf"; then
    ok "public edition: no 內部版 mark anywhere"
else
    not_ok "public edition: no 內部版 mark anywhere"
fi
preflight "$d/internal.pdf" "internal edition" "$d/preflight"

# ---- a second report: the whole file, every declared name ---------------------
# (tests/fixtures/privacy/labor-112.xml) The names are read from the data:
# every <姓名> without 遮蔽="否", and multi-word names in reverse order too.
IN2=$d/labor-112.xml
cp "$TESTS_DIR/fixtures/privacy/labor-112.xml" "$IN2"
run_gr build "$IN2" -o "$d/labor.pdf" > /dev/null 2> "$d/labor.err"
rc2=$?
xmllint --xpath '//*[local-name()="姓名"][not(@遮蔽="否")]/text()' "$IN2" 2> /dev/null |
    sed 's/^ *//; s/ *$//' | grep . | sort -u > "$d/labor.names"
awk 'NF > 1 { r = $NF; for (i = NF - 1; i >= 1; i--) r = r " " $i; print r }' \
    "$d/labor.names" >> "$d/labor.names"
qpdf --qdf --object-streams=disable "$d/labor.pdf" "$d/labor.qdf" 2>> "$d/qdf.err"
qpdf --json=2 "$d/labor.pdf" > "$d/labor.json" 2>> "$d/qdf.err"
pdftotext "$d/labor.pdf" - 2>> "$d/pdftotext.err" | squeeze > "$d/labor.txt"
leaks=""
while IFS= read -r name; do
    sq_name=$(printf '%s' "$name" | squeeze)
    LC_ALL=C grep -a -q -F -- "$name" "$d/labor.qdf" && leaks="$leaks $name(UTF-8)"
    LC_ALL=C grep -a -q -P -- "$(utf16_pat "$name")" "$d/labor.qdf" && leaks="$leaks $name(UTF-16BE)"
    LC_ALL=C grep -a -q -i -F -- "$(utf16_hex "$name")" "$d/labor.qdf" && leaks="$leaks $name(hex)"
    grep -q -F -- "$name" "$d/labor.json" && leaks="$leaks $name(string object)"
    grep -q -i -F -- "$sq_name" "$d/labor.txt" && leaks="$leaks $name(page text)"
done < "$d/labor.names"
n_names=$(grep -c . "$d/labor.names")
if [ "$rc2" -eq 0 ] && [ "$n_names" -ge 8 ] && [ -s "$d/labor.txt" ] && [ -z "$leaks" ] &&
   grep -q '林大同副市長' "$d/labor.txt"; then
    ok "second report: none of its $n_names declared names (and reversed forms) anywhere in the public file; the opted-out official printed"
else
    not_ok "second report: no declared name anywhere in the public file" \
        "exit $rc2, $n_names names, found:$leaks"
    show "$d/labor.err" 5
fi

# ---- Unicode white space and invisible characters inside a name -------------
# The IME's full-width space (歐陽　靜雯), a Word or web paste's no-break and
# thin spaces and its invisible characters (zero-width space, word joiner,
# soft hyphen) between a name's parts: still the name, masked like it.
IN3=$d/zhongshan-gaps.xml
perl -CSD -Mutf8 -pe 's/社工員歐陽靜雯與原住民族委員瓦歷斯．諾幹/社工員歐陽\x{3000}靜雯、歐陽\x{A0}靜雯、歐\x{200B}陽靜\x{2060}雯、歐陽\x{AD}靜\x{2009}雯與原住民族委員瓦歷斯．諾幹（Ahmad\x{3000}Faisal、Faisal\x{A0}Ahmad、Ahmad\x{200B}Faisal）/' \
    "$FIX" > "$IN3"
run_gr build "$IN3" -o "$d/gaps.pdf" > /dev/null 2> "$d/gaps.err"
rc3=$?
# page text with every white space and invisible character removed
pdftotext "$d/gaps.pdf" - 2> /dev/null |
    perl -CSD -pe 's/[\s\x{A0}\x{2000}-\x{200D}\x{2028}-\x{202F}\x{205F}\x{2060}\x{3000}\x{FEFF}\x{AD}]//g' > "$d/gaps.txt"
n_masked=$(grep -o -F '歐○○雯' "$d/gaps.txt" | wc -l)
n_af=$(grep -o -F 'A.F.' "$d/gaps.txt" | wc -l)
n_before=$(pdftotext "$d/public.pdf" - 2> /dev/null | squeeze | grep -o -F '歐○○雯' | wc -l)
if [ "$rc3" -eq 0 ] && [ -s "$d/gaps.txt" ] && ! grep -q -F '歐陽靜雯' "$d/gaps.txt" &&
   ! grep -q -i -F 'AhmadFaisal' "$d/gaps.txt" && ! grep -q -i -F 'FaisalAhmad' "$d/gaps.txt" &&
   [ "$n_masked" -eq $((n_before + 3)) ]; then
    ok "a name split by U+3000, no-break, thin or zero-width space, word joiner or soft hyphen is masked ($n_masked × 歐○○雯, $n_af × A. F.)"
else
    not_ok "a name split by Unicode white space or invisible characters is masked" \
        "exit $rc3; 歐○○雯 $n_masked (want $((n_before + 3))); full names: $(grep -o -F '歐陽靜雯' "$d/gaps.txt" | head -n 2 | tr '\n' ' ')$(grep -o -i -F 'AhmadFaisal' "$d/gaps.txt" | head -n 2 | tr '\n' ' ')"
    show "$d/gaps.err" 5
fi

# ---- check: a name inside a longer word --------------------------------------
line=$(grep -n '沿林森北路' "$FIX" | cut -d: -f1)
run_gr check --lang zh "$IN" > "$d/check.out" 2> "$d/check.err"
grep -F '姓名「林森」在這裡是' "$d/check.err" > "$d/check.names"
if [ -n "$line" ] && [ "$(grep -c . "$d/check.names")" -eq 1 ] &&
   grep -q -F "zhongshan-113.xml:$line: " "$d/check.names" &&
   grep -q -F '「林森北路」一詞的一部分' "$d/check.names" &&
   grep -q -F '<非姓名>林森北路</非姓名>' "$d/check.names"; then
    ok "check: 林森 inside 林森北路 reported at line $line with the way to mark it; the marked 林森公園 not reported"
else
    not_ok "check: 林森 inside 林森北路 reported once, at line $line" "messages about 林森:"
    show "$d/check.names" 5
    show "$d/check.err" 5
fi
# a short name that is a word by itself (林森 the road's namesake, 高雄 the
# city): one note per name, counting its unmarked occurrences
run_gr check --lang zh "$IN2" > /dev/null 2> "$d/check2.err"
if [ "$(grep -c -F '姓名「林森」也是一個詞' "$d/check.err")" -eq 1 ] &&
   [ "$(grep -c -F '姓名「高雄」也是一個詞' "$d/check2.err")" -eq 1 ] &&
   grep -q -F '姓名「高雄」在這裡是「高雄市」一詞的一部分' "$d/check2.err" &&
   ! grep -q -F '姓名「石磊」' "$d/check2.err"; then
    ok "check: a name that is also a word (林森, 高雄) gets one note; 高雄 in 高雄市 its own; 石磊 none"
else
    not_ok "check: a name that is also a word (林森, 高雄) gets one note"
    show "$d/check2.err" 6
fi
finish

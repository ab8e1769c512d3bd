#!/bin/sh
# t-results-bad.sh — bad data files for `gereport build` and `check`: each
# is a small variant of the sample (tests/fixtures/results/base-112.xml, a
# frozen copy of data/taipei/112) made here with sed, or
# a few lines written here. For every one: exit status 1, a message
# "FILE:LINE: 錯誤 error: …" naming the line and what is wrong (element,
# value), and no PDF left behind. Hostile input (DTD, external entity,
# entity expansion) is refused without being read, within a time limit.
# Then --lang en / zh print one language only, usage errors exit 2, and a
# missing data file exits 1 naming it.
. "$(dirname "$0")/lib.sh"
require_gr
d=$WORK/results-bad
rm -rf "$d"
mkdir -p "$d/out"
SAMPLE=$TESTS_DIR/fixtures/results/base-112.xml   # frozen copy of the sample (line numbers)
cp -r "$ROOT/data/taipei/112/images" "$d/"
cp "$SAMPLE" "$d/sample.xml"
BAD_TIMEOUT=${BAD_TIMEOUT:-20}

# variant NAME SED-SCRIPT: $d/NAME.xml from the sample
variant() { sed -e "$2" "$SAMPLE" > "$d/$1.xml"; }

# expect_bad NAME LINE MENTION...: build fails with exit 1, a message at
# NAME.xml:LINE naming every MENTION, and leaves no PDF.
expect_bad() {
    _name=$1 _line=$2
    shift 2
    (cd "$d" && timeout "$BAD_TIMEOUT" "$GR" build "$_name.xml" -o "out/$_name.pdf") \
        > "$d/$_name.out" 2> "$d/$_name.err"
    _rc=$?
    grep -F -- "$_name.xml:$_line: 錯誤 error:" "$d/$_name.err" > "$d/$_name.lines"
    for _m in "$@"; do
        grep -F -- "$_m" "$d/$_name.lines" > "$d/$_name.tmp"
        mv "$d/$_name.tmp" "$d/$_name.lines"
    done
    if [ "$_rc" -eq 1 ] && [ -s "$d/$_name.lines" ] && [ ! -e "$d/out/$_name.pdf" ]; then
        ok "$_name: exit 1, message at line $_line naming $*, no PDF"
    else
        not_ok "$_name: exit 1, message at line $_line naming $*, no PDF" \
            "exit $_rc; output: $(ls "$d/out")"
        show "$d/$_name.err" 6
    fi
}

variant missing-element 's#<簡稱>資訊局</簡稱>##'
expect_bad missing-element 10 '<機關>' '<簡稱>'
variant group-z 's#<組別>C群</組別>#<組別>Z群</組別>#'
expect_bad group-z 19 '<組別>' 'Z群' 'A群、B群、C群、D群、D1組、E1組'
variant date-iso '101s#2023-09-01#2023-13-40#'
expect_bad date-iso 101 '<辦理日期>' '2023-13-40' 'YYYY-MM-DD'
variant date-roc '101s#2023-09-01#112/13/40#'
expect_bad date-roc 101 '<辦理日期>' '112/13/40' 'YYYY-MM-DD'
variant negative '114s#<男>38</男>#<男>-3</男>#'
expect_bad negative 114 '<參加人數>/<男>' '-3'
variant decimal-count '46s#<出席人數>17#<出席人數>16.5#'
expect_bad decimal-count 46 '<出席人數>' '16.5'
variant photo-outside '227s#images/digital-equity-1.png#../x.png#'
expect_bad photo-outside 227 '<圖檔>' '../x.png'
variant photo-absolute '227s#images/digital-equity-1.png#/etc/x.png#'
expect_bad photo-absolute 227 '<圖檔>' '/etc/x.png'
variant photo-missing '227s#digital-equity-1.png#no-such-photo.png#'
expect_bad photo-missing 227 '<圖檔>' 'images/no-such-photo.png'
variant computed-typed '42s#</成員>#<計算 名稱="總人數">17</計算></成員>#'
expect_bad computed-typed 42 '<計算>'
variant unknown-element '24s#<科室>#<分機>123</分機><科室>#'
expect_bad unknown-element 24 '<分機>'
variant empty-field '24s#<科室>數位策略中心</科室>#<科室></科室>#'
expect_bad empty-field 24 '<科室>' '請填寫'
variant chair-other '45s#<主席>首長</主席>#<主席>其他</主席>#'
expect_bad chair-other 46 '<主席職稱>'
variant bad-attr '208s#類別="一"#類別="七"#'
expect_bad bad-attr 208 '<措施>' '類別' '七'
variant version-3 's#<成果報告 版本="1">#<成果報告 版本="3">#'
expect_bad version-3 9 '版本' '"3"'
# data format 2 (results-2.rng) adds <其他身分別>: a version-1 file cannot
# have it; in version 2 the editors counted two ways must agree (R26s)
variant v1-other '99s#<自辦訓練>#<其他身分別><新聞聯絡人><受訓人數><男>1</男><女>2</女></受訓人數></新聞聯絡人></其他身分別><自辦訓練>#'
expect_bad v1-other 99 '<其他身分別>'
variant v2-editors 's#<成果報告 版本="1">#<成果報告 版本="2">#; 99s#<自辦訓練>#<其他身分別><社群媒體小編><受訓人數><男>2</男><女>3</女></受訓人數><機關小編>4</機關小編><委外小編>2</委外小編></社群媒體小編></其他身分別><自辦訓練>#'
expect_bad v2-editors 99 'R26s' '機關小編 4' '委外小編 2' '男 2' '女 3'
variant v2-ok 's#<成果報告 版本="1">#<成果報告 版本="2">#; 99s#<自辦訓練>#<其他身分別><社群媒體小編><受訓人數><男>2</男><女>3</女></受訓人數><機關小編>4</機關小編><委外小編>1</委外小編></社群媒體小編></其他身分別><自辦訓練>#'
(cd "$d" && "$GR" build v2-ok.xml -o out/v2-ok.pdf) > "$d/v2-ok.out" 2> "$d/v2-ok.err"
if [ "$?" -eq 0 ] && [ -s "$d/out/v2-ok.pdf" ] && ! grep -q '錯誤' "$d/v2-ok.err"; then
    ok "data format 2 with <其他身分別> (4 + 1 = 2 + 3): builds, no error"
else not_ok "data format 2 with <其他身分別>: builds, no error"; show "$d/v2-ok.err" 6; fi
rm -f "$d/out/v2-ok.pdf"
variant wrong-root 's#<成果報告 版本="1">#<報告 版本="1">#; s#</成果報告>#</報告>#'
expect_bad wrong-root 9 '<報告>' '<成果報告>'
variant tag-mismatch '24s#</科室>#</科>#'
expect_bad tag-mismatch 24 '<科室>' '</科>'
variant undefined-entity '35s#<亮點>#<亮點>\&xxe;#'
expect_bad undefined-entity 35 '&xxe;'

# A DOCTYPE with an external entity whose file is a named pipe: reading it
# would block until the time limit. Refused at the DOCTYPE line.
mkfifo "$d/secret.txt"
{ printf '<?xml version="1.0" encoding="UTF-8"?>\n'
  printf '<!DOCTYPE 成果報告 [ <!ENTITY s SYSTEM "secret.txt"> ]>\n'
  sed -n '9,34p' "$SAMPLE"
  printf '  <亮點>&s;</亮點>\n'
  sed -n '36,$p' "$SAMPLE"; } > "$d/external-entity.xml"
expect_bad external-entity 2 'DOCTYPE'
{ printf '<?xml version="1.0"?>\n<!DOCTYPE 成果報告 [\n'
  printf ' <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">\n'
  for i in b c d e f g h i j k; do
      p=$(printf '%s' abcdefghijk | sed "s/$i.*//" | tail -c 1)
      printf ' <!ENTITY %s "&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;">\n' "$i" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p"
  done
  printf ']>\n<成果報告 版本="1">&k;</成果報告>\n'; } > "$d/entity-expansion.xml"
expect_bad entity-expansion 2 'DOCTYPE'
: > "$d/empty.xml"
(cd "$d" && run_gr build empty.xml -o out/empty.pdf) > /dev/null 2> "$d/empty.err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q 'empty.xml' "$d/empty.err" && [ ! -e "$d/out/empty.pdf" ]; then
    ok "empty file: exit 1, message naming it, no PDF"
else
    not_ok "empty file: exit 1, message naming it, no PDF" "exit $rc"
    show "$d/empty.err" 4
fi

# check reports every problem of every file, and the rule errors too
run_gr check "$d/group-z.xml" "$d/negative.xml" "$d/date-iso.xml" "$d/sample.xml" > "$d/multi.out" 2> "$d/multi.err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q 'group-z.xml:19:' "$d/multi.err" && grep -q 'negative.xml:114:' "$d/multi.err" &&
   grep -q 'date-iso.xml:101:' "$d/multi.err" && grep -q '檢查 4 個檔案：3 個錯誤' "$d/multi.out"; then
    ok "check of four files: each problem of each file, a summary, exit 1"
else
    not_ok "check of four files: each problem of each file, a summary, exit 1" "exit $rc"
    show "$d/multi.err" 6
    show "$d/multi.out" 2
fi

# ---- languages ------------------------------------------------------------
run_gr check --lang en "$d/group-z.xml" > "$d/en.out" 2> "$d/en.err"
if grep -q 'group-z.xml:19: error: data does not match the format' "$d/en.err" &&
   ! grep -q '錯誤\|資料不符合格式\|不是可選的值' "$d/en.err" && grep -q '^checked 1 file' "$d/en.out"; then
    ok "--lang en: English only"
else
    not_ok "--lang en: English only"; show "$d/en.err" 3
fi
run_gr check --lang zh "$d/group-z.xml" > "$d/zh.out" 2> "$d/zh.err"
if grep -q 'group-z.xml:19: 錯誤：資料不符合格式' "$d/zh.err" && ! grep -q 'error\|does not' "$d/zh.err" &&
   grep -q '^檢查 1 個檔案' "$d/zh.out"; then
    ok "--lang zh: Chinese only"
else
    not_ok "--lang zh: Chinese only"; show "$d/zh.err" 3
fi

# ---- usage ------------------------------------------------------------------
expect_exit() {   # expect_exit STATUS PATTERN DESCRIPTION -- ARGS...
    _want=$1 _pat=$2 _desc=$3
    shift 4
    run_gr "$@" > "$d/u.out" 2> "$d/u.err"
    _rc=$?
    if [ "$_rc" -eq "$_want" ] && grep -q -- "$_pat" "$d/u.err"; then
        ok "$_desc"
    else
        not_ok "$_desc" "gereport $* exited $_rc (expected $_want)"; show "$d/u.err" 3
    fi
}
expect_exit 2 'Usage' "build without a data file: exit 2 with usage" -- build
expect_exit 2 'no-such-option' "build with an unknown option: exit 2" -- build --no-such-option "$d/sample.xml"
expect_exit 2 'lang' "check --lang xx: exit 2" -- check --lang xx "$d/sample.xml"
expect_exit 2 'Usage' "check without files: exit 2" -- check
expect_exit 1 'no-such-file.xml' "missing data file: exit 1 naming it" -- build "$d/no-such-file.xml" -o "$d/out/x.pdf"
expect_exit 2 'missing-dir' "output into a missing folder: exit 2 naming it" -- \
    build "$d/sample.xml" -o "$d/missing-dir/x.pdf"
for verb in build:--internal check:--lang new:--group; do
    v=${verb%%:*} opt=${verb#*:}
    if run_gr "$v" --help > "$d/h.out" 2>&1 && grep -q -- "$opt" "$d/h.out"; then
        ok "$v --help exits 0 and lists $opt"
    else
        not_ok "$v --help exits 0 and lists $opt"
    fi
done
if [ -z "$(ls -A "$d/out")" ] && [ ! -e "$d/missing-dir" ]; then
    ok "no output file left by any failed run"
else
    not_ok "no output file left by any failed run" "found: $(ls -A "$d/out")"
fi
finish

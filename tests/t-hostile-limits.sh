#!/bin/sh
# t-hostile-limits.sh — limits and out of memory, in the user's words
# (issue 11, items 5 and 7): 1e9pt is "scientific notation", 1000000000pt
# "too large"; an SVG path over the segment limit names the limit, not a
# character position; a 100000² PNG gets the same "limit 20000 per side" as
# a JPEG; three 20000² RGBA PNGs are refused before decoding; the image
# budget of --max-memory; nesting depth without "XML_PARSE_HUGE"; out of
# memory (ulimit -v, --max-memory): exit 2, exactly one error line, no
# output, no temporary file.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_gr
d=$WORK/hostile-limits
rm -rf "$d"
mkdir -p "$d/out"
T=${HOSTILE_TIMEOUT:-60}

# fo NAME BODY: $d/NAME.fo with BODY (one line) on line 8 of the flow
fo() {
    cat > "$d/$1.fo" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xml:lang="zh-TW">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm" margin="20mm">
      <fo:region-body/></fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="A4"><fo:flow flow-name="xsl-region-body">
$2
  </fo:flow></fo:page-sequence>
</fo:root>
EOF
}

# run_fo NAME WANT_RC MENTION... [-- GEREPORT-OPTIONS]: render, check exit,
# a message at NAME.fo:8 with every mention, and nothing in out/.
run_fo() {
    _n=$1 _want=$2
    shift 2
    _m="" _opts=""
    while [ $# -gt 0 ]; do
        if [ "$1" = -- ]; then shift; _opts=$*; break; fi
        _m="$_m$1
"
        shift
    done
    # shellcheck disable=SC2086
    (cd "$d" && timeout "$T" "$GR" $_opts render "$_n.fo" -o "out/$_n.pdf") > /dev/null 2> "$d/$_n.err"
    _rc=$?
    grep -F "$_n.fo:8: 錯誤 error:" "$d/$_n.err" > "$d/$_n.lines"
    printf '%s' "$_m" | while IFS= read -r _w; do
        [ -n "$_w" ] || continue
        grep -F -- "$_w" "$d/$_n.lines" > "$d/$_n.tmp"; mv "$d/$_n.tmp" "$d/$_n.lines"
    done
    _desc="$_n: exit $_want, message at $_n.fo:8 naming $(printf '%s' "$_m" | tr '\n' ' ')no output"
    if [ "$_rc" -eq "$_want" ] && [ -s "$d/$_n.lines" ] && [ -z "$(ls -A "$d/out")" ]; then ok "$_desc"
    else not_ok "$_desc" "exit $_rc; out: $(ls -A "$d/out")"; show "$d/$_n.err" 5; fi
}

fo exp '<fo:block space-before="1e9pt">x</fo:block>'
run_fo exp 1 'space-before' '1e9pt' '科學記號' 'scientific notation'
fo huge '<fo:block space-before="1000000000pt">x</fo:block>'
run_fo huge 1 'space-before' '長度過大' 'limit 100000pt'

# SVG: 1,000,001 segments (implicit L after M), about 4 MB on one line
awk 'BEGIN { printf "<fo:block><fo:instream-foreign-object><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><path d=\"M0 0"; for (i = 0; i < 1000001; i++) printf " 1 1"; print "\"/></svg></fo:instream-foreign-object></fo:block>" }' > "$d/svg.body"
fo svg-segments "$(cat "$d/svg.body")"
run_fo svg-segments 1 'SVG <path>' '1000000' 'segments'
if grep -q '個字元有誤\|at character' "$d/svg-segments.err"; then
    not_ok "svg-segments: no character position given" ; show "$d/svg-segments.err" 2
else ok "svg-segments: no character position given"; fi

# PNG headers only (the size is judged before decoding anything)
png() {   # png FILE WIDTH HEIGHT: signature + IHDR (8-bit RGBA), nothing else
    printf '\211PNG\r\n\032\n\000\000\000\015IHDR' > "$1"
    for _v in "$2" "$3"; do
        printf "\\$(printf %03o $((_v >> 24 & 255)))\\$(printf %03o $((_v >> 16 & 255)))\\$(printf %03o $((_v >> 8 & 255)))\\$(printf %03o $((_v & 255)))" >> "$1"
    done
    printf '\010\006\000\000\000\000\000\000\000' >> "$1"
}
png "$d/p100k.png" 100000 100000
fo png-side '<fo:block><fo:external-graphic src="p100k.png"/></fo:block>'
run_fo png-side 1 'p100k.png' '100000×100000' 'limit 20000 per side'
for i in 1 2 3; do png "$d/rgba$i.png" 20000 20000; done
fo png-three '<fo:block><fo:external-graphic src="rgba1.png"/><fo:external-graphic src="rgba2.png"/><fo:external-graphic src="rgba3.png"/></fo:block>'
run_fo png-three 1 'rgba3.png' '20000×20000' 'MiB'
n=$(grep -c 'rgba[123].png' "$d/png-three.err")
[ "$n" -eq 3 ] && ok "png-three: each of the three images refused" ||
    not_ok "png-three: each of the three images refused" "$n messages"
png "$d/p7k.png" 6000 6000     # 137 MiB decoded: under the per-image limit
fo png-budget '<fo:block><fo:external-graphic src="p7k.png"/></fo:block>'
run_fo png-budget 1 'p7k.png' '--max-memory' -- --max-memory 256

# nesting depth, FO and data
awk 'BEGIN { for (i = 0; i < 300; i++) printf "<fo:block>"; for (i = 0; i < 300; i++) printf "</fo:block>"; print "" }' > "$d/deep.body"
fo deep "$(cat "$d/deep.body")"
run_fo deep 1 '巢狀' 'nested too deeply'
{ echo '<?xml version="1.0" encoding="UTF-8"?>'; printf '<成果報告 版本="1">'
  awk 'BEGIN { for (i = 0; i < 300; i++) printf "<a>"; for (i = 0; i < 300; i++) printf "</a>"; print "</成果報告>" }'; } > "$d/deep.xml"
(cd "$d" && timeout "$T" "$GR" check deep.xml) > /dev/null 2> "$d/deep-data.err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q 'deep.xml:2:.*巢狀.*nested too deeply' "$d/deep-data.err" &&
   ! grep -q XML_PARSE_HUGE "$d/deep-data.err"; then
    ok "deep data: exit 1, nesting named at deep.xml:2, no XML_PARSE_HUGE"
else not_ok "deep data: exit 1, nesting named at deep.xml:2, no XML_PARSE_HUGE" "exit $rc"; show "$d/deep-data.err" 3; fi

# one text of 100,001 characters (a paragraph is laid out whole, ~200 bytes
# per character): refused at its line; 100,000 characters build
long_para() {   # long_para N OUT: base-112 with line 224's 段落 N characters long
    # (three-byte characters only, so that bytes count characters in any awk)
    yes 性別平等工作成果 | tr -d '\n' | head -c $(($1 * 3)) > "$d/long.txt"
    awk -v f="$d/long.txt" 'NR == 224 { getline t < f; print "      <段落>" t "</段落>"; next } { print }' \
        "$TESTS_DIR/fixtures/results/base-112.xml" > "$2"
}
long_para 100001 "$d/longtext.xml"
(cd "$d" && timeout "$T" "$GR" build longtext.xml -o out/longtext.pdf) > /dev/null 2> "$d/longtext.err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q 'longtext.xml:224: 錯誤 error: <段落> 的文字有 100001 個字.*100000' "$d/longtext.err" &&
   [ ! -e "$d/out/longtext.pdf" ]; then
    ok "a text of 100,001 characters: exit 1 at longtext.xml:224 naming <段落> and the limit, no PDF"
else
    not_ok "a text of 100,001 characters: exit 1 at its line, no PDF" "exit $rc"; show "$d/longtext.err" 3
fi
long_para 100000 "$d/longtext-ok.xml"
cp -r "$ROOT/data/taipei/112/images" "$d/" 2>/dev/null
(cd "$d" && timeout 300 "$GR" check longtext-ok.xml) > /dev/null 2> "$d/longtext-ok.err"
rc=$?
if [ "$rc" -eq 0 ] && ! grep -q '上限' "$d/longtext-ok.err"; then
    ok "a text of exactly 100,000 characters is accepted"
else
    not_ok "a text of exactly 100,000 characters is accepted" "exit $rc"; show "$d/longtext-ok.err" 3
fi

# out of memory: ulimit -v (the address space) and --max-memory (the budget).
# Pages are written as they are laid out, so 20,000 paragraphs now fit in
# 64 MiB: the document must be large enough to pass the budget.
cp -r "$ROOT/data/taipei/112/images" "$d/"
cp "$TESTS_DIR/fixtures/results/base-112.xml" "$d/r.xml"
awk 'BEGIN { for (i = 0; i < 60000; i++) print "<fo:block font-family=\"TW-Kai\">第" i "段：臺北市政府性別平等工作成果報告，各機關依規定辦理。</fo:block>" }' > "$d/many.body"
fo many "$(cat "$d/many.body")"
oom() {   # oom LABEL CMD...: exit 2, one error line saying 記憶體不足, nothing left
    _l=$1; shift
    (cd "$d" && "$@") > /dev/null 2> "$d/oom.err"
    _rc=$?
    _lines=$(grep -c . "$d/oom.err")
    _errs=$(grep -c '錯誤\|error' "$d/oom.err")
    if [ "$_rc" -eq 2 ] && [ "$_errs" -eq 1 ] && grep -q '記憶體不足.*out of memory' "$d/oom.err" &&
       ! grep -q 'malformed\|XML_PARSE' "$d/oom.err"; then
        ok "$_l: exit 2, one message (記憶體不足 out of memory), $_lines line(s) on stderr"
    else
        not_ok "$_l: exit 2, one message (記憶體不足 out of memory)" "exit $_rc, $_errs error lines"
        show "$d/oom.err" 5
    fi
    _left=$(ls -A "$d/out"; ls -A "$d" | grep '\.tmp')
    [ -z "$_left" ] && ok "$_l: no output, no temporary file" || not_ok "$_l: no output, no temporary file" "$_left"
}
# shellcheck disable=SC3045  # ulimit -v: dash and bash have it
oom "build under ulimit -v 100 MB" sh -c 'ulimit -v 100000 && exec timeout 120 "$0" build r.xml -o out/r.pdf' "$GR"
oom "render under ulimit -v 60 MB" sh -c 'ulimit -v 60000 && exec timeout 120 "$0" render many.fo -o out/m.pdf' "$GR"
oom "render 60,000 paragraphs (about 1,200 pages) with --max-memory 64" timeout 120 "$GR" --max-memory 64 render many.fo -o out/m.pdf
oom "--max-memory 64 among render's options" timeout 120 "$GR" render many.fo --max-memory=64 -o out/m.pdf
# the verb's --max-memory starts again from the user's own limit: a budget
# given after a smaller one is not held under the first
(cd "$d" && timeout 120 "$GR" --max-memory 64 render many.fo --max-memory 8192 -o out/big.pdf) > /dev/null 2> "$d/mm-raise.err"
rc=$?
if [ "$rc" -eq 0 ] && [ -s "$d/out/big.pdf" ]; then
    ok "--max-memory 8192 after 64: the larger budget holds, the 1,200 pages are written"
else
    not_ok "--max-memory 8192 after 64: the larger budget holds" "exit $rc"; show "$d/mm-raise.err" 3
fi
rm -f "$d/out/big.pdf"
# after "--" every argument is a file, --max-memory too (it used to be taken
# from anywhere on the line, leaving check no file)
cp "$ROOT/data/taipei/112/results.xml" "$d/--max-memory"
cp "$ROOT/data/taipei/112/results.xml" "$d/64"
(cd "$d" && timeout "$T" "$GR" check -- --max-memory 64) > "$d/mm-files.out" 2> "$d/mm-files.err"
rc=$?
if [ "$rc" -le 1 ] && grep -q '檢查 2 個檔案' "$d/mm-files.out" "$d/mm-files.err"; then
    ok "check -- --max-memory 64: two data files named so are checked (exit $rc)"
else
    not_ok "check -- --max-memory 64: two data files named so are checked" "exit $rc"; show "$d/mm-files.err" 3
fi
rm -f "$d/--max-memory" "$d/64"
(cd "$d" && timeout 120 "$GR" --max-memory 12 render many.fo -o out/m.pdf) > /dev/null 2> "$d/mm.err"
rc=$?
[ "$rc" -eq 2 ] && grep -q -- '--max-memory' "$d/mm.err" && ok "--max-memory 12: usage error, exit 2" ||
    not_ok "--max-memory 12: usage error, exit 2" "exit $rc"
finish

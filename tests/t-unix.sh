#!/bin/sh
# t-unix.sh — the command line's Unix habits: "-o -" writes the finished PDF
# to standard output (the same bytes as the file; nothing there on failure),
# "-" reads standard input (messages call it 標準輸入, photos resolve against
# the current folder), "--" ends the options, --opt=value, LANG /
# LC_MESSAGES / LC_ALL choose the language and --lang overrides them, a
# usage error is short and points to --help, --version names the commit.
. "$(dirname "$0")/lib.sh"
require_gr
d=$WORK/unix
rm -rf "$d"
mkdir -p "$d"
DATA=$ROOT/data/taipei/112
FO=$TESTS_DIR/fo/sample.fo

# ---- -o - and - --------------------------------------------------------
run_gr build "$DATA/results.xml" -o "$d/file.pdf" 2> /dev/null
run_gr build "$DATA/results.xml" -o - > "$d/stdout.pdf" 2> "$d/stdout.err"
if [ -s "$d/file.pdf" ] && cmp -s "$d/file.pdf" "$d/stdout.pdf"; then
    ok "build -o - writes the same bytes as build -o FILE"
else
    not_ok "build -o - writes the same bytes as build -o FILE" "$(cmp "$d/file.pdf" "$d/stdout.pdf" 2>&1)"
fi
if [ ! -e ./- ] && [ ! -e "$DATA/-" ]; then ok "build -o - creates no file named -"
else not_ok "build -o - creates no file named -"; fi
(cd "$DATA" && run_gr build - < results.xml > "$d/stdin.pdf" 2> "$d/stdin.err")
if cmp -s "$d/file.pdf" "$d/stdin.pdf"; then
    ok "build - (data from standard input, photos from the current folder) writes the same PDF to standard output"
else
    not_ok "build - reads standard input" "$(head -n 3 "$d/stdin.err")"
fi
run_gr render "$FO" --output="$d/r-file.pdf" 2> /dev/null
run_gr render - -o - < "$FO" > "$d/r-stdout.pdf" 2> /dev/null
if [ -s "$d/r-file.pdf" ] && cmp -s "$d/r-file.pdf" "$d/r-stdout.pdf"; then
    ok "render - -o - equals render FILE --output=FILE"
else
    not_ok "render - -o - equals render FILE --output=FILE"
fi
# A failure writes nothing to standard output.
printf '<成果報告 版本="1"><機關>\n' | run_gr build - -o - > "$d/bad.pdf" 2> "$d/bad.err"
rc=$?
if [ "$rc" -eq 1 ] && [ ! -s "$d/bad.pdf" ] && grep -q '^標準輸入:[0-9]' "$d/bad.err"; then
    ok "a bad data file on standard input: exit 1, nothing on stdout, messages name 標準輸入:LINE"
else
    not_ok "a bad data file on standard input: exit 1, nothing on stdout, messages name 標準輸入:LINE" \
        "exit $rc, $(wc -c < "$d/bad.pdf") bytes on stdout"; show "$d/bad.err" 3
fi

# ---- -- and --opt=value ----------------------------------------------------
mkdir -p "$d/dash"
cp "$DATA/results.xml" "$d/dash/-data.xml"
cp -r "$DATA/images" "$d/dash/" 2>/dev/null
(cd "$d/dash" && run_gr check --lang=en -- -data.xml > "$d/dash.out" 2> "$d/dash.err")
rc=$?
if [ "$rc" -eq 0 ] && grep -q '^checked 1 file' "$d/dash.out"; then
    ok "check --lang=en -- -data.xml: a file name after -- that starts with -"
else
    not_ok "check --lang=en -- -data.xml" "exit $rc"; show "$d/dash.err" 3
fi

# ---- the language from the environment -------------------------------------
bad() { run_gr build "$d/none.xml" -o "$d/none.pdf"; }
(unset LC_ALL LC_MESSAGES; LANG=en_US.UTF-8 bad) 2> "$d/en.err"
if grep -q 'none.xml: error: .*not found' "$d/en.err" && ! grep -q '錯誤\|找不到\|檔案' "$d/en.err"; then
    ok "LANG=en_US.UTF-8 (LC_ALL unset): messages in English only"
else
    not_ok "LANG=en_US.UTF-8 (LC_ALL unset): messages in English only"; show "$d/en.err" 3
fi
(unset LC_ALL; LANG=en_US.UTF-8 LC_MESSAGES=zh_TW.UTF-8 bad) 2> "$d/zh.err"
if grep -q 'none.xml: 錯誤：找不到檔案' "$d/zh.err" && ! grep -q 'error\|not found' "$d/zh.err"; then
    ok "LC_MESSAGES=zh_TW.UTF-8 over LANG: messages in Chinese only"
else
    not_ok "LC_MESSAGES=zh_TW.UTF-8 over LANG: messages in Chinese only"; show "$d/zh.err" 3
fi
(LC_ALL=zh_TW.UTF-8 run_gr build "$d/none.xml" --lang en) 2> "$d/over.err"
if grep -q 'none.xml: error: .*not found' "$d/over.err" && ! grep -q '錯誤\|找不到' "$d/over.err"; then
    ok "--lang en overrides LC_ALL=zh_TW.UTF-8"
else
    not_ok "--lang en overrides LC_ALL=zh_TW.UTF-8"; show "$d/over.err" 3
fi
bad 2> "$d/both.err"     # the suite's pinned LC_ALL=C.UTF-8: both languages
if grep -q 'none.xml: 錯誤 error: 找不到檔案.*(file .* not found)' "$d/both.err"; then ok "LC_ALL=C.UTF-8: both languages"
else not_ok "LC_ALL=C.UTF-8: both languages"; show "$d/both.err" 3; fi

# ---- a usage error is short ------------------------------------------------
run_gr build --no-such-option "$DATA/results.xml" > "$d/u.out" 2> "$d/u.err"
rc=$?
if [ "$rc" -eq 2 ] && [ "$(wc -l < "$d/u.err")" -le 4 ] && grep -q -- '--no-such-option' "$d/u.err" &&
   grep -q '請用 gereport build --help' "$d/u.err" && [ ! -s "$d/u.out" ]; then
    ok "a usage error: exit 2, the option named, a short usage and 請用 gereport build --help"
else
    not_ok "a usage error: exit 2, short, points to --help" "exit $rc, $(wc -l < "$d/u.err") lines"; show "$d/u.err" 8
fi
run_gr build "$DATA/results.xml" -o > /dev/null 2> "$d/v.err"
if [ $? -eq 2 ] && grep -q '「-o」後面需要一個值' "$d/v.err"; then ok "-o without a value: says it needs one"
else not_ok "-o without a value: says it needs one"; show "$d/v.err" 3; fi

# ---- --version -------------------------------------------------------------
v=$(run_gr --version)
head=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
case $v in
"gereport "[0-9]*" (commit $head)"|"gereport "[0-9]*" (commit $head-dirty)")
    ok "--version names the version and the commit it was built from ($v)" ;;
*)  not_ok "--version names the version and the commit it was built from" "got: $v; HEAD $head" ;;
esac
finish

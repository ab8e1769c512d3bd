#!/bin/sh
# t-install.sh — `make install PREFIX=…` gives a program that finds its fonts
# configuration and templates from where it was installed (no path of the
# source tree or of the build), and writes the same bytes as build/gereport;
# it installs the man pages (English, Traditional Chinese), which `man -l`
# renders without warnings, and the documentation; `make uninstall` removes
# every file it installed.
. "$(dirname "$0")/lib.sh"
require_gr
D=$WORK/install
rm -rf "$D"
mkdir -p "$D"
if ! make -s -C "$ROOT" install PREFIX="$D/prefix" > "$D/make.log" 2>&1; then
    not_ok "make install PREFIX=…" "$(tail -n 5 "$D/make.log")"
    finish
fi
ok "make install PREFIX=…"
IGR=$D/prefix/bin/gereport
for spec in "render $ROOT/tests/fo/sample.fo" "build $ROOT/data/taipei/112/results.xml"; do
    verb=${spec%% *}; src=${spec#* }
    # run from another folder, so nothing is found relative to the cwd
    (cd "$D" && "$IGR" "$verb" "$src" -o "$D/installed-$verb.pdf") > /dev/null 2> "$D/$verb.err"
    rc=$?
    "$GR" "$verb" "$src" -o "$D/built-$verb.pdf" > /dev/null 2>&1
    if [ "$rc" -eq 0 ] && cmp -s "$D/installed-$verb.pdf" "$D/built-$verb.pdf"; then
        ok "installed gereport $verb: same bytes as build/gereport"
    else
        not_ok "installed gereport $verb: same bytes as build/gereport" "exit $rc; $(head -n 3 "$D/$verb.err")"
    fi
done

# The man pages render (man-db, groff) and say what the program says.
for spec in "man1/gereport.1|STANDARD INPUT|--version" "zh_TW/man1/gereport.1|標準輸入|結束代碼"; do
    page=${spec%%|*} rest=${spec#*|}
    w1=${rest%%|*} w2=${rest#*|}
    f=$D/prefix/share/man/$page
    LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$f" > "$D/man.out" 2> "$D/man.err"
    rc=$?
    if [ "$rc" -eq 0 ] && [ ! -s "$D/man.err" ] && grep -q -- "$w1" "$D/man.out" &&
       grep -q -- "$w2" "$D/man.out" && grep -q 'gereport build' "$D/man.out"; then
        ok "man -l renders the installed $page without warnings"
    else
        not_ok "man -l renders the installed $page without warnings" "exit $rc"; show "$D/man.err" 5
    fi
done
if [ -s "$D/prefix/share/doc/gereport/user-guide.md" ] && [ -s "$D/prefix/share/doc/gereport/architecture.md" ]; then
    ok "make install installs the documentation"
else
    not_ok "make install installs the documentation"
fi
make -s -C "$ROOT" uninstall PREFIX="$D/prefix" > "$D/uninstall.log" 2>&1
left=$(find "$D/prefix" -type f | head -n 5)
if [ -z "$left" ]; then ok "make uninstall removes every installed file"
else not_ok "make uninstall removes every installed file" "left: $left"; fi
finish

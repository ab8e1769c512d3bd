#!/bin/sh
# t-install.sh — `make install PREFIX=…` gives a program that finds its fonts
# configuration and templates from where it was installed (no path of the
# source tree or of the build), and writes the same bytes as build/gereport.
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
finish

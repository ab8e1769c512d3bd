#!/bin/sh
# t-hostile-files.sh — inputs that are not regular files, outputs that would
# destroy something, and interrupted writes (issue 11, items 1, 2 and 4).
#  - A FIFO, folder, private device node or /proc file as the data file, the
#    FO file, an image of the FO or a photo of the data: refused at once
#    (under a timeout: a FIFO must never be opened for a blocking read),
#    exit 1, a message naming the file (and line) and what it is; no output.
#  - An output that is an input of the run (same name or a hard link; -o,
#    --fo, render -o) or an existing device node: exit 2, the input/device
#    unchanged.
#  - ulimit -f: exit 2 with a message; a SIGTERM at the moment the output is
#    complete but not in place (LD_PRELOAD shim at fsync): no temporary file
#    and the previous output intact; new files follow the umask.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_gr
T=${HOSTILE_TIMEOUT:-20}
D=$WORK/hostile-files
rm -rf "$D"
mkdir -p "$D"

# leftovers DIR: the names in DIR that look like our temporary files
leftovers() { ls -A "$1" | grep -E '\.tmp' || true; }

# expect LABEL WANT_RC RC STDERR PATTERN...: exit status and every pattern
# (fixed strings) on one stderr line.
expect() {
    _l=$1 _want=$2 _rc=$3 _err=$4
    shift 4
    if [ "$_rc" -eq 124 ]; then
        not_ok "$_l: exit $_want" "timed out after ${T}s (blocked on a FIFO?)"
        return
    fi
    if [ "$_rc" -eq "$_want" ]; then ok "$_l: exit $_want"
    else not_ok "$_l: exit $_want" "got $_rc"; show "$_err" 6; fi
    cp "$_err" "$_err.m"
    for _p in "$@"; do
        grep -F -- "$_p" "$_err.m" > "$_err.m2" || true
        mv "$_err.m2" "$_err.m"
    done
    if [ -s "$_err.m" ]; then ok "$_l: message names $*"
    else not_ok "$_l: message names $*" "stderr was:"; show "$_err" 6; fi
}

# ---- FO inputs -------------------------------------------------------------
F=$D/fo
mkdir -p "$F/out" "$F/img"
cp "$TESTS_DIR/fo/sample.fo" "$F/good.fo"
mkfifo "$F/pipe.fo"
mknod "$F/null.fo" c 1 3 2>/dev/null || : 
mkdir "$F/folder.fo"

(cd "$F" && timeout "$T" "$GR" render pipe.fo -o out/a.pdf) > /dev/null 2> "$F/e1"
expect "render FIFO" 1 $? "$F/e1" "pipe.fo" "FIFO" "not a regular file"
(cd "$F" && timeout "$T" "$GR" render folder.fo -o out/a.pdf) > /dev/null 2> "$F/e2"
expect "render folder" 1 $? "$F/e2" "folder.fo" "資料夾" "a folder"
if [ -c "$F/null.fo" ]; then
    (cd "$F" && timeout "$T" "$GR" render null.fo -o out/a.pdf) > /dev/null 2> "$F/e3"
    expect "render device node" 1 $? "$F/e3" "null.fo" "裝置" "a device"
else
    not_ok "render device node: mknod works here (the suite runs as root)"
fi
(cd "$F" && timeout "$T" "$GR" render /proc/self/status -o out/a.pdf) > /dev/null 2> "$F/e4"
expect "render /proc file" 1 $? "$F/e4" "/proc/self/status" "/proc" "virtual"

# an image that is a FIFO / a folder
for kind in fifo dir; do
    sed 's#img/nothere.png#img/photo.png#' "$TESTS_DIR/fo/layout/bad/missing-image.fo" > "$F/img-$kind.fo"
done
mkfifo "$F/img/photo.png"
(cd "$F" && timeout "$T" "$GR" render img-fifo.fo -o out/a.pdf) > /dev/null 2> "$F/e5"
expect "image FIFO" 1 $? "$F/e5" "img-fifo.fo:14:" "img/photo.png" "FIFO"
rm "$F/img/photo.png"; mkdir "$F/img/photo.png"
(cd "$F" && timeout "$T" "$GR" render img-dir.fo -o out/a.pdf) > /dev/null 2> "$F/e6"
expect "image folder" 1 $? "$F/e6" "img-dir.fo:14:" "img/photo.png" "a folder"
left=$(ls -A "$F/out")
[ -z "$left" ] && ok "FO inputs: nothing written" || not_ok "FO inputs: nothing written" "$left"

# ---- data inputs -----------------------------------------------------------
B=$D/data
mkdir -p "$B/out"
cp -r "$ROOT/data/taipei/112/." "$B/"
mkfifo "$B/pipe.xml"
(cd "$B" && timeout "$T" "$GR" check pipe.xml) > /dev/null 2> "$B/e1"
expect "check FIFO data" 1 $? "$B/e1" "pipe.xml" "FIFO"
(cd "$B" && timeout "$T" "$GR" build pipe.xml -o out/a.pdf) > /dev/null 2> "$B/e2"
expect "build FIFO data" 1 $? "$B/e2" "pipe.xml" "FIFO"
rm "$B/images/hackathon-1.png"; mkfifo "$B/images/hackathon-1.png"
line=$(grep -n 'images/hackathon-1.png' "$B/results.xml" | head -n 1 | cut -d: -f1)
(cd "$B" && timeout "$T" "$GR" build results.xml -o out/a.pdf) > /dev/null 2> "$B/e3"
expect "build photo FIFO" 1 $? "$B/e3" "results.xml:$line:" "images/hackathon-1.png" "FIFO" "not a regular file"
if grep -q "not found" "$B/e3"; then not_ok "photo FIFO: not called 「not found」"; show "$B/e3" 4
else ok "photo FIFO: not called 「not found」"; fi
rm "$B/images/hackathon-1.png"; cp "$ROOT/data/taipei/112/images/hackathon-1.png" "$B/images/"
left=$(ls -A "$B/out")
[ -z "$left" ] && ok "data inputs: nothing written" || not_ok "data inputs: nothing written" "$left"

# ---- outputs that are inputs or devices -----------------------------------
cp "$B/results.xml" "$B/keep.xml"
(cd "$B" && timeout 120 "$GR" build results.xml -o results.xml) > /dev/null 2> "$B/o1"
expect "build X.xml -o X.xml" 2 $? "$B/o1" "results.xml" "input of this run"
cmp -s "$B/results.xml" "$B/keep.xml" && ok "build -o X.xml: data file intact" ||
    not_ok "build -o X.xml: data file intact"
(cd "$B" && timeout 120 "$GR" build results.xml --fo results.xml -o out/r.pdf) > /dev/null 2> "$B/o2"
expect "build --fo X.xml" 2 $? "$B/o2" "results.xml" "input of this run"
cmp -s "$B/results.xml" "$B/keep.xml" && ok "build --fo X.xml: data file intact" ||
    not_ok "build --fo X.xml: data file intact"
ln "$B/results.xml" "$B/hardlink.xml"
(cd "$B" && timeout 120 "$GR" build results.xml -o hardlink.xml) > /dev/null 2> "$B/o3"
expect "build -o (hard link of the data)" 2 $? "$B/o3" "hardlink.xml" "input of this run"
cmp -s "$B/results.xml" "$B/keep.xml" && ok "hard link: data file intact" ||
    not_ok "hard link: data file intact"
(cd "$B" && timeout 120 "$GR" build results.xml -o images/hackathon-2.png) > /dev/null 2> "$B/o4"
expect "build -o (a photo of the data)" 2 $? "$B/o4" "hackathon-2.png" "input of this run"
cmp -s "$B/images/hackathon-2.png" "$ROOT/data/taipei/112/images/hackathon-2.png" &&
    ok "photo intact" || not_ok "photo intact"
cp "$F/good.fo" "$F/keep.fo"
(cd "$F" && timeout 120 "$GR" render good.fo -o good.fo) > /dev/null 2> "$F/o1"
expect "render F.fo -o F.fo" 2 $? "$F/o1" "good.fo" "input of this run"
cmp -s "$F/good.fo" "$F/keep.fo" && ok "render -o F.fo: FO intact" || not_ok "render -o F.fo: FO intact"
if mknod "$F/chardev" c 1 3 2>/dev/null; then
    (cd "$F" && timeout 120 "$GR" render good.fo -o chardev) > /dev/null 2> "$F/o2"
    expect "render -o DEVICE" 2 $? "$F/o2" "chardev" "a device" "not replaced"
    [ -c "$F/chardev" ] && ok "the device node is still a device node" ||
        not_ok "the device node is still a device node"
else
    not_ok "render -o DEVICE: mknod works here (the suite runs as root)"
fi
mkfifo "$F/outpipe"
(cd "$F" && timeout "$T" "$GR" render good.fo -o outpipe) > /dev/null 2> "$F/o3"
expect "render -o FIFO" 2 $? "$F/o3" "outpipe" "FIFO"
[ -p "$F/outpipe" ] && ok "the FIFO is still a FIFO" || not_ok "the FIFO is still a FIFO"
[ -z "$(leftovers "$B")$(leftovers "$F")" ] && ok "outputs refused: no temporary file" ||
    not_ok "outputs refused: no temporary file" "$(leftovers "$B") $(leftovers "$F")"

# ---- interrupted writes ----------------------------------------------------
W=$D/write
mkdir -p "$W"
cp "$F/good.fo" "$W/good.fo"
# shellcheck disable=SC3045  # ulimit -f: dash and bash have it
(cd "$W" && ulimit -f 40 && timeout 120 "$GR" render good.fo -o new.pdf) > /dev/null 2> "$W/e1"
expect "ulimit -f, new file" 2 $? "$W/e1" "new.pdf" "ulimit -f"
[ ! -e "$W/new.pdf" ] && [ -z "$(leftovers "$W")" ] && ok "ulimit -f, new file: nothing left" ||
    not_ok "ulimit -f, new file: nothing left" "$(ls -A "$W")"
echo "previous report" > "$W/old.pdf"
# shellcheck disable=SC3045
(cd "$W" && ulimit -f 40 && timeout 120 "$GR" render good.fo -o old.pdf) > /dev/null 2> "$W/e2"
expect "ulimit -f, replacing" 2 $? "$W/e2" "old.pdf" "ulimit -f"
[ "$(cat "$W/old.pdf")" = "previous report" ] && [ -z "$(leftovers "$W")" ] &&
    ok "ulimit -f, replacing: old file intact, no temporary file" ||
    not_ok "ulimit -f, replacing: old file intact, no temporary file" "$(ls -A "$W")"

if cc -shared -fPIC -o "$W/killshim.so" "$TOOLS/killshim.c" 2>"$W/cc.err"; then
    for case in new old; do
        [ $case = old ] && echo "previous report" > "$W/old.pdf"
        (cd "$W" && GR_KILLSHIM_SIGNAL=15 LD_PRELOAD="$W/killshim.so" \
            timeout 120 "$GR" render good.fo -o $case.pdf) > /dev/null 2>&1
        rc=$?
        [ "$rc" -eq 143 ] && ok "SIGTERM during the write ($case): died of SIGTERM" ||
            not_ok "SIGTERM during the write ($case): died of SIGTERM" "exit $rc"
        if [ $case = new ]; then
            [ ! -e "$W/new.pdf" ] && ok "SIGTERM, new file: no output" || not_ok "SIGTERM, new file: no output"
        else
            [ "$(cat "$W/old.pdf")" = "previous report" ] && ok "SIGTERM, replacing: old file intact" ||
                not_ok "SIGTERM, replacing: old file intact"
        fi
        [ -z "$(leftovers "$W")" ] && ok "SIGTERM ($case): no temporary file" ||
            not_ok "SIGTERM ($case): no temporary file" "$(ls -A "$W")"
    done
else
    not_ok "the test's LD_PRELOAD shim compiles"; show "$W/cc.err"
fi

# new files follow the umask, replaced ones too
rm -f "$W/old.pdf" "$W/m.pdf"
(cd "$W" && umask 077 && timeout 120 "$GR" render good.fo -o m.pdf) > /dev/null 2>&1
mode=$(stat -c %a "$W/m.pdf" 2>/dev/null)
[ "$mode" = 600 ] && ok "umask 077: new output is 600" || not_ok "umask 077: new output is 600" "got $mode"
(cd "$W" && umask 027 && timeout 120 "$GR" render good.fo -o m.pdf) > /dev/null 2>&1
mode=$(stat -c %a "$W/m.pdf" 2>/dev/null)
[ "$mode" = 640 ] && ok "umask 027: replaced output is 640" || not_ok "umask 027: replaced output is 640" "got $mode"
[ -z "$(leftovers "$W")" ] && ok "writes: no temporary file" || not_ok "writes: no temporary file" "$(ls -A "$W")"
finish

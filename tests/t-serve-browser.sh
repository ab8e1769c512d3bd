#!/bin/sh
# t-serve-browser.sh — `gereport serve DIR` in headless Chromium
# (tests/tools/serve_browser.py): states and counts as check DIR gives them,
# keyboard sorting, combine from the page = gereport combine's bytes, the
# CSV = check DIR --csv, build all with progress, a new file on reload, the
# office file's text, the page in English. Screenshots: build/serve-*.png.
# Only loopback traffic: the browser has no proxy and loads nothing but the
# server's page (its CSP allows nothing else). Both servers run under a
# time limit and are killed when the script ends, whatever happens.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools timeout /usr/bin/python3 chromium /usr/bin/chromedriver
d=$WORK/serve-browser
rm -rf "$d"
mkdir -p "$d"
cp -r "$ROOT/tests/fixtures/city/office-year" "$d/year"

pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT INT TERM

# start_serve NAME ARGS…: start a server, set $url to its address
start_serve() {
    _n=$1
    shift
    timeout 900 "$GR" serve "$@" --no-open > "$d/$_n.out" 2> "$d/$_n.err" &
    pids="$pids $!"
    url=""
    _i=0
    while [ $_i -lt 150 ] && [ -z "$url" ]; do
        url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/?token=[0-9a-f]*' "$d/$_n.out" 2>/dev/null | head -n 1)
        [ -n "$url" ] || sleep 0.2
        _i=$((_i + 1))
    done
    if [ -z "$url" ]; then
        not_ok "serve ($_n) prints its address" "$(cat "$d/$_n.err")"
        finish
    fi
}
start_serve zh "$d/year" --lang zh
url_zh=$url
start_serve en "$d/year" --lang en
url_en=$url

HOME=$d timeout -k 10 1200 /usr/bin/python3 "$TOOLS/serve_browser.py" "$url_zh" "$d/year" "$GR" "$d" "$ROOT/build" "$url_en" \
    > "$d/browser.log" 2>&1
rc=$?
grep -E '^(ok|not ok|#)' "$d/browser.log"
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then not_ok "the browser flows end within their time limit" "$(tail -n 5 "$d/browser.log")"; fi
if grep -q Traceback "$d/browser.log"; then not_ok "serve_browser.py ran to its end" "$(tail -n 8 "$d/browser.log")"; fi
# both servers stop cleanly: exit 0, no temporary folder left
stopped=0
for p in $pids; do
    kill -TERM "$p" 2>/dev/null
    wait "$p"
    [ $? -eq 0 ] && stopped=$((stopped + 1))
done
pids=""
if [ $stopped -eq 2 ]; then ok "both servers stop on SIGTERM with exit 0"; else not_ok "both servers stop on SIGTERM with exit 0" "$stopped of 2"; fi
if ls "$TMPDIR"/gereport-serve-* >/dev/null 2>&1; then not_ok "no temporary folder left behind" "$(ls -d "$TMPDIR"/gereport-serve-*)"
else ok "no temporary folder left behind"; fi
n=$(ls "$ROOT"/build/serve-*.png 2>/dev/null | wc -l)
if [ "$n" -ge 6 ]; then ok "screenshots written (build/serve-*.png: $n)"; else not_ok "screenshots written" "$n"; fi
finish

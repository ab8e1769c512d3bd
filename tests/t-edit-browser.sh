#!/bin/sh
# t-edit-browser.sh — `gereport edit` in headless Chromium (Debian's chromium,
# chromium-driver and python3-selenium; make check installs them, make demo
# does not): the scripted flows of tests/tools/edit_browser.py, screenshots
# at 1366×768 under build/tests/edit-browser/shots/ for review. Only loopback
# traffic (the browser resolves every other host to nothing). Under a time
# limit; the tool kills its servers on exit, and so does the trap here.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools timeout chromium chromedriver
if ! /usr/bin/python3 -c 'import selenium' 2>/dev/null; then
    not_ok "python3-selenium present" "make check installs it (CHECK_PKGS)"
    finish
fi
d=$WORK/edit-browser
rm -rf "$d"
mkdir -p "$d/shots"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; true' EXIT INT TERM
HOME=$d timeout -k 10 240 /usr/bin/python3 "$TOOLS/edit_browser.py" "$GR" "$d" "$d/shots" > "$d/log" 2>&1 &
pid=$!
wait "$pid"
rc=$?
pid=""
grep -E '^(ok|not ok|#)' "$d/log"
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then not_ok "the browser flows end within their time limit" "$(tail -n 5 "$d/log")"; fi
if grep -q Traceback "$d/log" && ! grep -q '^not ok' "$d/log"; then not_ok "edit_browser.py ran cleanly" "$(tail -n 8 "$d/log")"; fi
if ls "$TMPDIR"/gereport-edit-* >/dev/null 2>&1; then not_ok "no temporary folder left behind"; else ok "no temporary folder left behind"; fi
finish

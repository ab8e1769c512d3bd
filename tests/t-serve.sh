#!/bin/sh
# t-serve.sh — `gereport serve DIR` without a browser (tests/tools/serve_api.py):
# the refusals of edit's server on serve's routes, no path from the client
# used (rows by number; a file linked from outside the folder neither built
# nor edited), the table equal to check DIR's, the CSV to check DIR --csv,
# an agency PDF to build's and the city PDF to combine's bytes, the office
# file's text edited byte for byte; listening on 127.0.0.1 only; SIGTERM
# stops the server, its workers and its temporary folder. The server runs
# under a time limit and is killed when the script ends, whatever happens.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools timeout /usr/bin/python3
d=$WORK/serve
rm -rf "$d"
mkdir -p "$d/out" "$d/outside"
cp -r "$ROOT/tests/fixtures/city/office-year" "$d/year"
# a file of the roster's 北投區公所 outside the folder, linked into it
sed -e 's#臺北市大安區公所#臺北市北投區公所#; s#>大安區公所<#>北投區公所<#g; s#大安區公所性平小組#北投區公所性平小組#' \
    "$ROOT/tests/fixtures/city/office-year/大安區公所.xml" > "$d/outside/beitou.xml"
ln -s "$d/outside/beitou.xml" "$d/year/outside-link.xml"

pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT INT TERM

timeout 600 "$GR" serve "$d/year" --no-open --lang zh > "$d/out.txt" 2> "$d/err.txt" &
pid=$!
url=""
i=0
while [ $i -lt 150 ] && [ -z "$url" ]; do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/?token=[0-9a-f]*' "$d/out.txt" 2>/dev/null | head -n 1)
    [ -n "$url" ] || sleep 0.2
    i=$((i + 1))
done
if [ -z "$url" ]; then
    not_ok "serve prints the address with its token" "$(cat "$d/err.txt")"
    finish
fi
ok "serve prints the address with its token"
if grep -q '112 年度' "$d/out.txt"; then ok "serve says the folder's year"; else not_ok "serve says the folder's year"; show "$d/out.txt"; fi
port=$(echo "$url" | sed 's|http://127.0.0.1:\([0-9]*\)/.*|\1|')
hex=$(printf '%04X' "$port")
v4=$(awk -v p=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { print $2 }' /proc/net/tcp)
v6=$(awk -v p=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { print $2 }' /proc/net/tcp6 2>/dev/null)
if [ "$v4" = "0100007F:$hex" ] && [ -z "$v6" ]; then ok "the server listens on 127.0.0.1 only"
else not_ok "the server listens on 127.0.0.1 only" "tcp: $v4" "tcp6: $v6"; fi

timeout 900 /usr/bin/python3 "$TOOLS/serve_api.py" "$url" "$d/year" "$GR" "$d" > "$d/api.log" 2>&1
grep -E '^(ok|not ok|#)' "$d/api.log"
if grep -q Traceback "$d/api.log"; then not_ok "serve_api.py ran to its end" "$(tail -n 5 "$d/api.log")"; fi

kill -TERM "$pid" 2>/dev/null
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then not_ok "serve stops on SIGTERM"; else ok "serve stops on SIGTERM"; fi
wait "$pid" 2>/dev/null
rc=$?
pid=""
if [ $rc -eq 0 ]; then ok "serve exits 0 when stopped (the clean-up ran)"; else not_ok "serve exits 0 when stopped" "exit $rc"; fi
if ls "$TMPDIR"/gereport-serve-* >/dev/null 2>&1; then
    not_ok "serve leaves no temporary folder" "$(ls -d "$TMPDIR"/gereport-serve-*)"
else ok "serve leaves no temporary folder"; fi

# usage
run_gr serve > "$d/u.out" 2> "$d/u.err"; rc=$?
if [ $rc -eq 2 ] && grep -q 'serve --help' "$d/u.err"; then ok "serve without a folder is a usage error (exit 2)"
else not_ok "serve without a folder is a usage error (exit 2)" "rc $rc"; fi
run_gr serve "$d/year/勞動局.xml" --no-open > "$d/f.out" 2> "$d/f.err"; rc=$?
if [ $rc -eq 2 ] && grep -q '不是資料夾' "$d/f.err"; then ok "serve of a file: not a folder, exit 2"
else not_ok "serve of a file: not a folder, exit 2" "rc $rc" "$(cat "$d/f.err")"; fi
run_gr serve "$d/year" -j 0 > "$d/j.out" 2> "$d/j.err"; rc=$?
if [ $rc -eq 2 ]; then ok "-j 0 is a usage error"; else not_ok "-j 0 is a usage error" "rc $rc"; fi
finish

#!/bin/sh
# t-edit-server.sh — `gereport edit` without a browser: the server listens on
# 127.0.0.1 only, refuses what it must (no token, foreign Host or Origin,
# path escapes, oversize, other methods), and its API edits the file byte
# for byte, keeps a .bak, maps findings to fields and previews the same PDF
# the CLI builds (tests/tools/edit_api.py). The server runs under a time
# limit and is killed when the script ends, whatever happens.
. "$(dirname "$0")/lib.sh"
require_gr
require_tools timeout
d=$WORK/edit-server
rm -rf "$d"
mkdir -p "$d/data" "$d/dd"
cp -r "$ROOT/data/taipei/112/." "$d/data/"
# a data folder of our own, with a symlink planted among the page's files
cp -r "$ROOT/templates" "$ROOT/fonts" "$d/dd/"
ln -s /etc/passwd "$d/dd/templates/web/link.js"

pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT INT TERM

timeout 300 "$GR" edit "$d/data/results.xml" --no-open --datadir "$d/dd" \
    > "$d/out.txt" 2> "$d/err.txt" &
pid=$!
url=""
i=0
while [ $i -lt 100 ] && [ -z "$url" ]; do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/?token=[0-9a-f]*' "$d/out.txt" 2>/dev/null | head -n 1)
    [ -n "$url" ] || sleep 0.2
    i=$((i + 1))
done
if [ -z "$url" ]; then
    not_ok "edit prints the address with its token" "$(cat "$d/err.txt")"
    finish
fi
ok "edit prints the address with its token"
port=$(echo "$url" | sed 's|http://127.0.0.1:\([0-9]*\)/.*|\1|')

# listening on 127.0.0.1 only: /proc/net/tcp shows 0100007F:PORT in LISTEN
# (0A), and no other address (IPv4 or IPv6) listens on that port
hex=$(printf '%04X' "$port")
v4=$(awk -v p=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { print $2 }' /proc/net/tcp)
v6=$(awk -v p=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { print $2 }' /proc/net/tcp6 2>/dev/null)
if [ "$v4" = "0100007F:$hex" ] && [ -z "$v6" ]; then
    ok "the server listens on 127.0.0.1 only"
else
    not_ok "the server listens on 127.0.0.1 only" "tcp: $v4" "tcp6: $v6"
fi

timeout 600 /usr/bin/python3 "$TOOLS/edit_api.py" "$url" "$d/data/results.xml" "$GR" "$d" > "$d/api.log" 2>&1
cat "$d/api.log" | grep -E '^(ok|not ok|#)'
if grep -q Traceback "$d/api.log"; then not_ok "edit_api.py ran to its end" "$(tail -n 5 "$d/api.log")"; fi

kill -TERM "$pid" 2>/dev/null
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then not_ok "edit stops on SIGTERM"; else ok "edit stops on SIGTERM"; fi
wait "$pid" 2>/dev/null
pid=""
if ls "$TMPDIR"/gereport-edit-* >/dev/null 2>&1; then
    not_ok "edit leaves no temporary folder" "$(ls -d "$TMPDIR"/gereport-edit-*)"
else ok "edit leaves no temporary folder"; fi

# usage
run_gr edit > "$d/u.out" 2> "$d/u.err"; rc=$?
if [ $rc -eq 2 ] && grep -q 'edit --help' "$d/u.err"; then ok "edit without a file is a usage error (exit 2)"
else not_ok "edit without a file is a usage error (exit 2)" "rc $rc"; fi
run_gr edit "$d/nowhere/x.xml" --no-open > "$d/n.out" 2> "$d/n.err"; rc=$?
if [ $rc -eq 2 ] && grep -q '資料夾不存在' "$d/n.err"; then ok "edit of a file in a missing folder: clear message, exit 2"
else not_ok "edit of a file in a missing folder: clear message, exit 2" "rc $rc" "$(cat "$d/n.err")"; fi
run_gr edit "$d/data/results.xml" --port 70000 > "$d/p.out" 2> "$d/p.err"; rc=$?
if [ $rc -eq 2 ]; then ok "--port out of range is a usage error"; else not_ok "--port out of range is a usage error" "rc $rc"; fi
finish

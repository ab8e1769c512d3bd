#!/usr/bin/python3
"""serve_api.py — the test's own HTTP client for `gereport serve DIR` (no
browser). Usage: serve_api.py URL DIR GEREPORT WORKDIR

URL is the address the server printed (with its token); DIR the year folder
it serves, which holds a file linked from outside the folder
(outside-link.xml). Prints "ok - …" / "not ok - …" lines (tests/lib.sh) for:
the refusals `edit` makes (token, Host, Origin, methods, path escapes), the
page's own confinement (rows by number only, a linked file outside the
folder neither built nor opened, no client path used), the table against
`check DIR`, the CSV against `check DIR --csv`, an agency PDF and the city
PDF against `build` and `combine`, and the office file's text edited byte
for byte. Every request has a timeout; nothing here can hang.
"""
import http.client
import json
import os
import subprocess
import sys
import time
import urllib.parse

URL, DIR, GR, WORK = sys.argv[1:5]
u = urllib.parse.urlsplit(URL)
HOST, PORT = u.hostname, u.port
TOKEN = urllib.parse.parse_qs(u.query)["token"][0]
ORIGIN = "http://127.0.0.1:%d" % PORT
failed = 0


def ok(cond, what, *detail):
    global failed
    if cond:
        print("ok - " + what)
    else:
        failed += 1
        print("not ok - " + what)
        for d in detail:
            print("#   " + str(d)[:400])


def req(method, path, body=None, headers=None, cookie=None, host=None):
    c = http.client.HTTPConnection(HOST, PORT, timeout=120)
    h = {}
    if host is not False:
        h["Host"] = host or "127.0.0.1:%d" % PORT
    if cookie:
        h["Cookie"] = cookie
    h.update(headers or {})
    c.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    for k, v in h.items():
        c.putheader(k, v)
    if body is not None:
        c.putheader("Content-Length", str(len(body)))
    c.endheaders()
    if body is not None:
        try:
            c.send(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
    try:
        r = c.getresponse()
        data = r.read()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data
    except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
        return 0, {}, b""
    finally:
        c.close()


def cli(*args):
    return subprocess.run([GR] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)


# ---- the refusals of edit's server, on serve's routes ------------------------
s, h, b = req("GET", "/api/state")
ok(s == 403, "no token, no cookie: the folder's state refused (403)", s, b)
s, h, b = req("GET", "/download/findings.csv")
ok(s == 403 and b"\xef\xbb\xbf" not in b, "no token, no cookie: the CSV refused", s)
s, h, b = req("GET", "/?token=" + "0" * 64)
ok(s == 403 and "set-cookie" not in h, "a wrong token is refused and sets no cookie", s)
s, h, b = req("GET", "/?token=" + TOKEN, host="evil.example:%d" % PORT)
ok(s == 421 and "set-cookie" not in h, "the right token under a foreign Host (DNS rebinding) is refused", s)
s, h, b = req("GET", "/?token=" + TOKEN, headers={"Origin": "http://evil.example"})
ok(s == 403 and "set-cookie" not in h, "the right token from a foreign Origin is refused", s)
s, h, b = req("GET", "/?token=" + TOKEN)
COOKIE = h.get("set-cookie", "").split(";")[0]
ok(s == 303 and COOKIE.startswith("gereport_%d=" % PORT), "the printed address sets the session cookie", s, h)
s, h, b = req("GET", "/", cookie=COOKIE)
csp = h.get("content-security-policy", "")
ok(s == 200 and "性平辦" in b.decode() and "script-src 'self'" in csp and "http" not in csp,
   "with the cookie the office's page is served, under a CSP that allows nothing outside", s, csp)
s, h, b = req("GET", "/api/state", cookie=COOKIE, host="evil.example:%d" % PORT)
ok(s == 421, "foreign Host with a valid cookie is refused", s)
for path in ["/api/check", "/api/build", "/api/combine", "/api/office?field=closing"]:
    s, h, b = req("POST", path, body=b"x", cookie=COOKIE, headers={"Origin": "http://evil.example"})
    ok(s == 403, "POST %s from a foreign Origin is refused" % path, s)
    s, h, b = req("POST", path, body=b"x", cookie=COOKIE)
    ok(s == 403, "POST %s without an Origin is refused" % path, s)
s, h, b = req("GET", "/api/state", cookie=COOKIE, headers={"Sec-Fetch-Site": "cross-site"})
ok(s == 403, "a cross-site fetch (Sec-Fetch-Site) is refused", s)
s, h, b = req("GET", "/api/state", cookie=COOKIE, headers={"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "cors"})
ok(s == 403, "a fetch from another local port (same-site, not a tab) is refused", s)
s, h, b = req("GET", "/", cookie=COOKIE, headers={"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "navigate"})
ok(s == 200, "a tab opened from another local port (serve opening edit) is served", s)
s, h, b = req("POST", "/api/check", body=b"", cookie=COOKIE,
              headers={"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "navigate", "Origin": "http://127.0.0.1:1"})
ok(s == 403, "a form POST from another local port is refused (Origin)", s)
for m in ["PUT", "DELETE"]:
    s, h, b = req(m, "/api/state", cookie=COOKIE)
    ok(s == 405, "method %s refused" % m, s)
for path in ["/static/../../../etc/passwd", "/static/%2e%2e/office.html", "/static/..%2f..%2fMakefile",
             "/download/../../etc/passwd", "/download/agency.pdf?row=../../etc/passwd",
             "/download/agency.pdf?row=-1", "/download/agency.pdf?row=99999", "/download/agency.pdf?row=1e3",
             "/download/agency.pdf?file=/etc/passwd", "/download/city.pdf?file=../../etc/passwd"]:
    s, h, b = req("GET", path, cookie=COOKIE)
    ok(s in (404, 409) and b"root:" not in b and not b.startswith(b"%PDF"),
       "no file from a path the client sends: " + path, s, b[:80])


def get_json(path):
    s, h, b = req("GET", path, cookie=COOKIE)
    return s, (json.loads(b.decode()) if b.startswith(b"{") else b)


def post(path, body=b""):
    s, h, b = req("POST", path, body=body, cookie=COOKIE, headers={"Origin": ORIGIN})
    return s, (json.loads(b.decode()) if b.startswith(b"{") else b)


# ---- the table is check DIR's -----------------------------------------------
s, st = get_json("/api/state")
ok(s == 200 and st["state"]["year"] == 112, "the state: year 112", s)
rows = st["state"]["rows"]
chk = cli("check", DIR)
table = {}
for line in chk.stdout.decode().splitlines():
    f = line.split("\t")
    if len(f) == 6 and f[0] != "單位 unit":
        table[(f[0], f[1])] = f[2:5]
mine = {}
for r in rows:
    key = (r["name"], r["file"] if r["file"] else "-")
    mine[key] = [str(r["errors"]), str(r["unmet"]), str(r["notes"])] if r["file"] else ["-", "-", "-"]
ok(table and mine == table, "every row's name, file and counts by class equal check DIR's table (%d rows)" % len(table),
   "page:  %s" % sorted(mine.items()), "check: %s" % sorted(table.items()))

outside = [r for r in rows if r["file"] == "outside-link.xml"]
ok(len(outside) == 1, "the linked file is listed (check DIR lists it too)", [r["file"] for r in rows])
if outside:
    r = outside[0]
    s, h, b = req("GET", "/download/agency.pdf?row=%d" % r["row"], cookie=COOKIE)
    ok(s == 403 and not b.startswith(b"%PDF"), "a file linked from outside the folder is not built", s, b[:120])
    s, b = post("/api/edit?row=%d" % r["row"])
    ok(s == 404, "nor opened in the editor", s, b)

# ---- CSV, PDFs --------------------------------------------------------------
s, h, b = req("GET", "/download/findings.csv", cookie=COOKIE)
cli("check", DIR, "--csv", os.path.join(WORK, "cli.csv"))
with open(os.path.join(WORK, "cli.csv"), "rb") as f:
    want = f.read()
ok(s == 200 and b == want and h.get("content-type", "").startswith("text/csv"),
   "the findings CSV is the bytes of check DIR --csv", s, len(b), len(want))

present = [r for r in rows if r["city"] == "in" and r["file"] != "outside-link.xml"]
ok(len(present) >= 1, "some unit can be built")
if present:
    r = present[0]
    q = "/download/agency.pdf?row=%d&file=%s" % (r["row"], urllib.parse.quote(r["file"]))
    s, h, b = req("GET", q, cookie=COOKIE)
    out = os.path.join(WORK, "agency-cli.pdf")
    cli("build", os.path.join(DIR, r["file"]), "-o", out)
    with open(out, "rb") as f:
        want = f.read()
    ok(s == 200 and b == want, "%s's PDF is the bytes of gereport build" % r["file"], s, len(b), len(want))
other = [x for x in rows if x["file"] and x["file"] != present[0]["file"]][0] if present else None
if other:
    s, h, b = req("GET", "/download/agency.pdf?row=%d&file=%s" % (present[0]["row"], urllib.parse.quote(other["file"])),
                  cookie=COOKIE)
    ok(s == 404 and not b.startswith(b"%PDF"), "a row whose file is not the one the page shows: refused", s, b[:100])
left = [r for r in rows if r["file"] and r["city"] == "error"]
if left:
    s, h, b = req("GET", "/download/agency.pdf?row=%d" % left[0]["row"], cookie=COOKIE)
    ok(s == 409 and "錯誤" in b.decode(), "a file with errors gets no PDF, and the answer says why", s, b[:200])

s, h, b = req("GET", "/download/city.pdf", cookie=COOKIE)
ok(s == 404, "the city PDF before combining: 404 with a message", s)
s, j = post("/api/combine")
ok(s == 200 and j["kind"] == "combine", "combine starts as a job", s, j)
until = time.time() + 240
while time.time() < until:
    s, j = get_json("/api/job")
    if not j["running"]:
        break
    time.sleep(0.3)
ok(not j["running"] and j["city_pdf"] == 1, "combine finishes with the city PDF", j)
s, h, b = req("GET", "/download/city.pdf", cookie=COOKIE)
out = os.path.join(WORK, "city-cli.pdf")
cli("combine", DIR, "-o", out)
with open(out, "rb") as f:
    want = f.read()
ok(s == 200 and b == want, "the city PDF is the bytes of gereport combine", s, len(b), len(want))
s, j = post("/api/build")
ok(s == 200 and j["kind"] == "build" and j["total"] == len(present) + len(outside),
   "build all: a job of every combinable file", j)
s2, j2 = post("/api/combine")
ok(s2 == 409 or not j.get("running"), "a second job while one runs is refused (409)", s2, j2)
until = time.time() + 300
while time.time() < until:
    s, j = get_json("/api/job")
    if not j["running"]:
        break
    time.sleep(0.3)
ok(not j["running"] and j["done"] == len(present) + len(outside) and j["failed"] == len(outside),
   "build all: every file built but the one linked from outside the folder", j)

# ---- the office file's text ---------------------------------------------------
office = os.path.join(DIR, "office.xml")
with open(office, "rb") as f:
    before = f.read()
s, o = get_json("/api/office")
ok(s == 200 and [x["id"] for x in o["fields"]] == ["issue", "intro", "analysis", "improve", "items", "closing"],
   "the office file's fields, in the form's order", s, o)
new = "以上為 112 年度本府各機關（構）性別平等業務之執行成果，敬請指正。\n\n第二段 <結語> & 感謝。"
s, r = post("/api/office?field=closing", new.encode())
ok(s == 200 and r.get("ok") is True, "the closing text saved", s, r)
with open(office, "rb") as f:
    after = f.read()
with open(office + ".bak", "rb") as f:
    bak = f.read()
ok(bak == before, "the previous version kept as office.xml.bak")
i = before.index("<結語>".encode())
j = before.index("</結語>".encode()) + len("</結語>".encode())
k = after.index("<結語>".encode())
m = after.index("</結語>".encode()) + len("</結語>".encode())
ok(before[:i] == after[:k] and before[j:] == after[m:], "only the closing element's bytes changed")
ok("<段落>第二段 &lt;結語&gt; &amp; 感謝。</段落>".encode() in after[k:m], "a blank line starts a paragraph; < & escaped",
   after[k:m].decode())
v = cli("check", DIR)
ok(v.returncode in (0, 1) and b"office.xml" in v.stdout, "the folder still reads after the edit (check DIR)",
   v.returncode, v.stderr[-300:])
s, r = post("/api/office?field=issue", "臺北市性別平等辦公室\n2024-13-45".encode())
ok(s == 422 and r.get("ok") is False and r["findings"], "an impossible date is refused with the schema's message", s, r)
with open(office, "rb") as f:
    ok(f.read() == after, "a refused edit leaves the file as it was")
s, r = post("/api/office?field=items&item=1", "強化教育訓練\n新增一項的說明。".encode())
ok(s == 200 and r.get("ok") is True, "an item added to 七 精進作為", s, r)
s, o = get_json("/api/office")
items = [x for x in o["fields"] if x["id"] == "items"][0]["items"]
ok(len(items) == 2 and items[1]["title"] == "強化教育訓練", "the new item reads back", items)
s, r = post("/api/office?field=items&item=1", b"")
s, o = get_json("/api/office")
items = [x for x in o["fields"] if x["id"] == "items"][0]["items"]
ok(s == 200 and len(items) == 1, "an emptied item is removed", items)
s, r = post("/api/office?field=nope", b"x")
ok(s == 404, "an unknown field is refused", s)
s, r = post("/api/office?field=items&item=9", b"x\ny")
ok(s == 422, "an item that does not exist is refused", s, r)

sys.exit(1 if failed else 0)

#!/usr/bin/env python3
"""edit_api.py — the test's own HTTP client for `gereport edit` (no browser).

Usage: edit_api.py URL DATAFILE GEREPORT WORKDIR

URL is the address the server printed (with its token). Prints TAP-like
"ok - …" / "not ok - …" lines (tests/lib.sh's convention) for: refusals
(no token, wrong token, wrong cookie, foreign Host, foreign Origin, POST
without Origin, cross-site fetch metadata, path escapes, symlink out of the
static folder, oversize body, other methods), the accepted session (cookie
flags, security headers), and the API: an edit changes only that field's
bytes, the previous version is kept as .bak, a finding is mapped to its
element, the preview equals the CLI build of the saved file.
Every request has a timeout; nothing here can hang.
"""
import http.client
import json
import os
import re
import subprocess
import sys
import urllib.parse
import xml.dom.minidom

URL, DATA, GR, WORK = sys.argv[1:5]
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
    c = http.client.HTTPConnection(HOST, PORT, timeout=60)
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


# ---- refusals before any session ---------------------------------------
s, h, b = req("GET", "/api/state")
ok(s == 403, "no token, no cookie: refused (403)", s, b)
s, h, b = req("GET", "/")
ok(s == 403 and "通行碼" in b.decode(), "the page without the token is refused and says to use the printed address", s)
s, h, b = req("GET", "/?token=" + "0" * 64)
ok(s == 403 and "set-cookie" not in h, "a wrong token is refused and sets no cookie", s)
s, h, b = req("GET", "/?token=" + TOKEN, host="evil.example:%d" % PORT)
ok(s == 421 and "set-cookie" not in h, "the right token under a foreign Host (DNS rebinding) is refused", s)
s, h, b = req("GET", "/?token=" + TOKEN, headers={"Origin": "http://evil.example"})
ok(s == 403 and "set-cookie" not in h, "the right token from a foreign Origin is refused", s)

# ---- the session ---------------------------------------------------------
s, h, b = req("GET", "/?token=" + TOKEN)
cookie_hdr = h.get("set-cookie", "")
ok(s == 303 and h.get("location") == "/", "the printed address redirects to / (token out of the address bar)", s, h)
ok("HttpOnly" in cookie_hdr and "SameSite=Strict" in cookie_hdr and "gereport_%d=" % PORT in cookie_hdr,
   "the session cookie is HttpOnly, SameSite=Strict and named after the port", cookie_hdr)
COOKIE = cookie_hdr.split(";")[0]
s, h, b = req("GET", "/", cookie=COOKIE)
csp = h.get("content-security-policy", "")
ok(s == 200 and b"<html" in b.lower(), "with the cookie the page is served", s)
ok("default-src 'none'" in csp and "script-src 'self'" in csp and "http" not in csp and "unsafe" not in csp,
   "Content-Security-Policy allows nothing outside this server", csp)
ok(h.get("x-content-type-options") == "nosniff" and h.get("cache-control") == "no-store",
   "nosniff and no-store on every answer", h)
s2, _, _ = req("GET", "/api/state", cookie=COOKIE)
s3, _, _ = req("GET", "/api/state", cookie=COOKIE)
ok(s2 == 200 and s3 == 200, "the same cookie works for several requests (several tabs)")

# ---- refusals with a valid cookie ----------------------------------------
s, h, b = req("GET", "/api/state", cookie=COOKIE.split("=")[0] + "=" + "1" * 64)
ok(s == 403, "a wrong cookie value is refused", s)
s, h, b = req("GET", "/api/state", cookie=COOKIE, host="evil.example:%d" % PORT)
ok(s == 421, "foreign Host with a valid cookie is refused", s)
s, h, b = req("GET", "/api/state", cookie=COOKIE, host=False)
ok(s in (400, 421), "no Host header is refused", s)
s, h, b = req("GET", "/api/state", cookie=COOKIE, host="127.0.0.1.evil.example:%d" % PORT)
ok(s == 421, "a Host that only starts like ours is refused", s)
s, h, b = req("POST", "/api/save", body=b"", cookie=COOKIE, headers={"Origin": "http://evil.example"})
ok(s == 403, "POST from a foreign Origin is refused", s)
s, h, b = req("POST", "/api/save", body=b"", cookie=COOKIE)
ok(s == 403, "POST without an Origin is refused", s)
s, h, b = req("POST", "/api/save", body=b"", cookie=COOKIE, headers={"Origin": "null"})
ok(s == 403, "POST from an opaque Origin (null) is refused", s)
s, h, b = req("GET", "/api/state", cookie=COOKIE, headers={"Sec-Fetch-Site": "cross-site"})
ok(s == 403, "a cross-site fetch (Sec-Fetch-Site) is refused", s)
for path in ["/static/../../../etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e/edit.html",
             "/static//etc/passwd", "/static/.hidden.js", "/static/edit.html%00.js", "/static/sub/x.js",
             "/static/link.js"]:
    s, h, b = req("GET", path, cookie=COOKIE)
    ok(s == 404 and b"root:" not in b, "path escape refused: " + path, s, b[:80])
s, h, b = req("GET", "/static/edit.js", cookie=COOKIE)
ok(s == 200 and h.get("content-type", "").startswith("text/javascript"), "a static file of the page is served", s)
big = b"x" * (25 * 1024 * 1024)
s, h, b = req("POST", "/api/edit?op=text&el=3", body=big, cookie=COOKIE, headers={"Origin": ORIGIN})
ok(s == 413, "an oversized body is refused (413)", s)
for m in ["PUT", "DELETE", "OPTIONS", "TRACE"]:
    s, h, b = req(m, "/api/state", cookie=COOKIE)
    ok(s == 405, "method %s refused" % m, s)


# ---- the API ---------------------------------------------------------------
def post(path, body=b""):
    s, h, b = req("POST", path, body=body, cookie=COOKIE, headers={"Origin": ORIGIN})
    return s, json.loads(b.decode()) if b.startswith(b"{") else b


def elements(xml_text):
    """Element nodes in document order (the numbering the API uses)."""
    d = xml.dom.minidom.parseString(xml_text.encode())
    return d.getElementsByTagName("*")


s, h, b = req("GET", "/api/state", cookie=COOKIE)
st = json.loads(b.decode())
orig = open(DATA, "rb").read()
ok(st["exists"] and st["xml"].encode() == orig, "the state holds the file's bytes exactly")
ok(st["form"] == "112" and st["year"] == 112, "the state names the form and year", st["form"], st["year"])
els = elements(st["xml"])
names = [e.tagName for e in els]
k = names.index("簡稱")
s, st = post("/api/edit?op=text&el=%d" % k, "資訊局&<測試>".encode())
ok(s == 200 and st["dirty"], "an edit of 簡稱 is accepted", s)
s, st = post("/api/save")
new = open(DATA, "rb").read()
ok(s == 200 and not st["dirty"], "save answers and the copy is clean", s)
ok(os.path.exists(DATA + ".bak") and open(DATA + ".bak", "rb").read() == orig,
   "the previous version is kept as FILE.xml.bak, byte for byte")
i = orig.index("<簡稱>".encode()) + len("<簡稱>".encode())
j = orig.index("</簡稱>".encode())
expect = orig[:i] + "資訊局&amp;&lt;測試&gt;".encode() + orig[j:]
ok(new == expect, "editing one field changed only that field's text (comments and the rest keep their bytes)",
   "lengths %d vs %d" % (len(new), len(expect)))

# a finding beside its field: 出席人數 of the first meeting emptied
els = elements(st["xml"])
names = [e.tagName for e in els]
k = names.index("出席人數")
s, st = post("/api/edit?op=text&el=%d" % k, b"")
mine = [f for f in st["findings"] if f["el"] == k and f["cls"] == "error"]
ok(mine and "出席人數" in mine[0]["msg_zh"], "a finding names the emptied field's element", st["findings"][:3])
check = subprocess.run([GR, "check", "--lang", "zh", "-"], input=st["xml"].encode(), capture_output=True,
                       timeout=120, cwd=os.path.dirname(DATA))
ok(mine and mine[0]["msg_zh"].encode() in check.stderr, "the finding has the same words as `check`",
   check.stderr[:300])
s, st = post("/api/edit?op=text&el=%d" % k, b"9")
ok(not [f for f in st["findings"] if f["el"] == k and f["cls"] == "error"], "the finding goes once the field is fixed")
comp = [c for c in st["computed"] if els[c["el"]].tagName == "成員"]
ok(comp, "computed figures come with the element they belong to", st["computed"][:3])

# structure: a meeting added, moved and removed
els = elements(st["xml"])
names = [e.tagName for e in els]
p = names.index("運作情形")
nmeet = names.count("會議")
row = "<會議>\n  <主席>首長</主席>\n  <出席人數>8</出席人數>\n  <專家學者出席者>\n    <姓名>王小明</姓名>\n  </專家學者出席者>\n</會議>"
s, st = post("/api/edit?op=insert&el=%d" % p, row.encode())
ok(s == 200 and st["xml"].count("<會議>") == nmeet + 1, "a meeting row added", s)
ok("\n        <主席>首長</主席>" in st["xml"], "the new row is indented like its siblings")
els = elements(st["xml"])
last = [i for i, e in enumerate(els) if e.tagName == "會議"][-1]
s, st = post("/api/edit?op=move&el=%d&dir=-1" % last)
els = elements(st["xml"])
meets = [e for e in els if e.tagName == "會議"]
ok(s == 200 and meets[-2].getElementsByTagName("出席人數")[0].firstChild.data == "8", "a row moved up", s)
idx = [i for i, e in enumerate(els) if e.tagName == "會議"][-2]
s, st = post("/api/edit?op=remove&el=%d" % idx)
ok(s == 200 and st["xml"].count("<會議>") == nmeet, "a row removed", s)
s, st = post("/api/edit?op=insert&el=%d" % p, b"<a><!DOCTYPE x></a>")
ok(s == 400, "a row that is not a plain fragment (DOCTYPE, PI, entity) is refused", s)
s, st = post("/api/edit?op=text&el=0", b"x")
ok(s == 400, "text cannot replace an element that has children", s)

# the preview equals the CLI build of the saved file
s, h, pdf = req("GET", "/api/preview", cookie=COOKIE)
ok(s == 200 and pdf.startswith(b"%PDF") and h.get("content-type") == "application/pdf",
   "preview answers a PDF", s, pdf[:200])
s, st = post("/api/save")
out = os.path.join(WORK, "cli.pdf")
r = subprocess.run([GR, "build", DATA, "-o", out], capture_output=True, timeout=300)
ok(r.returncode == 0 and open(out, "rb").read() == pdf, "the saved file's CLI build equals the preview's bytes",
   r.stderr[:300])
s, h, pdf2 = req("GET", "/api/preview?edition=internal", cookie=COOKIE)
r = subprocess.run([GR, "build", DATA, "--internal", "-o", out], capture_output=True, timeout=300)
ok(s == 200 and open(out, "rb").read() == pdf2, "the internal preview equals build --internal", r.stderr[:300])

# the file changed behind our back: not overwritten
with open(DATA, "ab") as f:
    f.write(b"<!-- another program -->\n")
s, st = post("/api/edit?op=text&el=%d" % names.index("簡稱"), "資訊局".encode())
s, st = post("/api/save")
ok(s == 409 and open(DATA, "rb").read().endswith(b"<!-- another program -->\n"),
   "a file changed by another program while editing is not overwritten", s)

sys.exit(1 if failed else 0)

#!/usr/bin/python3
"""edit_browser.py — `gereport edit` in a real browser (headless Chromium
through Selenium, Debian's chromium-driver), as a clerk would use it.

Usage: edit_browser.py GEREPORT WORKDIR SHOTS

Starts the server itself (twice: a new report, then a copy of the sample),
prints "ok - …" / "not ok - …" lines (tests/lib.sh's convention), writes
screenshots at 1366×768 under SHOTS. Every wait has a timeout; the servers
are killed when the script ends, whatever happens.
Flows: a new report from the first page filled to a clean `check`; adding
and removing a meeting updates the computed attendance; a finding appears
beside its field and goes when fixed; a photo upload lands in the folder
and in the preview; editing one field then saving changes only that field;
the saved file's CLI build equals the preview's bytes.
"""
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

GR, WORK, SHOTS = sys.argv[1:4]
os.makedirs(SHOTS, exist_ok=True)
failed = 0
servers = []


T0 = time.time()


def ok(cond, what, *detail):
    global failed
    sys.stderr.write("[%5.1f s] %s\n" % (time.time() - T0, what))
    if cond:
        print("ok - " + what, flush=True)
    else:
        failed += 1
        print("not ok - " + what, flush=True)
        for d in detail:
            print("#   " + str(d)[:500], flush=True)
    return cond


def start(path, *extra):
    out = open(os.path.join(WORK, "server-%d.out" % len(servers)), "w+")
    p = subprocess.Popen([GR, "edit", path, "--no-open"] + list(extra), stdout=out, stderr=subprocess.STDOUT)
    servers.append(p)
    for _ in range(150):
        out.seek(0)
        m = re.search(r"http://127\.0\.0\.1:\d+/\?token=[0-9a-f]+", out.read())
        if m:
            return p, m.group(0)
        time.sleep(0.1)
    raise RuntimeError("no address printed")


def stop(p):
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(10)
    except subprocess.TimeoutExpired:
        p.kill()


def cleanup(*_):
    for p in servers:
        if p.poll() is None:
            stop(p)


signal.signal(signal.SIGTERM, lambda *a: (cleanup(), sys.exit(2)))

o = Options()
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,768",
          "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-default-apps", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]:
    o.add_argument(a)
o.add_experimental_option("prefs", {"download.default_directory": os.path.join(WORK, "dl"),
                                    "plugins.always_open_pdf_externally": False})
d = None


def js(script, *args):
    return d.execute_script(script, *args)


def version():
    return js("return (typeof S === 'undefined') ? -1 : S.version")


def wait_version(v0, what="the page to answer", timeout=60):
    """One round trip: the page resolves when it has drawn a newer state."""
    d.set_script_timeout(timeout)
    try:
        js_async = ("var v0=arguments[0], done=arguments[arguments.length-1];"
                    "(function poll(){ if (typeof S !== 'undefined' && S.version > v0) done(true);"
                    " else setTimeout(poll, 20); })();")
        return d.execute_async_script(js_async, v0)
    except Exception:
        raise RuntimeError("timed out waiting for " + what)


FIND = ("var k=0, tag=arguments[0], nth=arguments[1], attr=arguments[2];"
        "for (var i=0;i<S.els.length;i++) if (S.els[i].tagName===tag && k++===nth) break;"
        "var sel='[data-el=\"'+i+'\"]'+(attr ? '[data-attr=\"'+attr+'\"]' : ':not([data-attr])');"
        "var f=document.querySelector(sel); if (f) f.scrollIntoView({block:'center'});"
        "return [f, S.version];")


def el_index(tag, nth=0):
    """The element number (document order) of the nth element named tag."""
    return js("var k=0; for (var i=0;i<S.els.length;i++) if (S.els[i].tagName===arguments[0] && k++===arguments[1]) return i; return -1;",
              tag, nth)


def field(tag, nth=0, attr=None):
    return js(FIND, tag, nth, attr)[0]


def put(tag, nth, value, attr=None):
    """Type (or choose) a value the way a person does, then leave the field."""
    f, v0 = js(FIND, tag, nth, attr)
    if f is None:
        raise RuntimeError("no field <%s> #%d %s" % (tag, nth, attr or ""))
    if f.tag_name == "select":
        Select(f).select_by_value(value)
    else:
        f.click()
        f.send_keys(Keys.CONTROL, "a", Keys.NULL, Keys.DELETE, value, Keys.TAB)
    wait_version(v0, "a change of <%s>" % tag)


def click(css):
    v0 = version()
    b = d.find_element(By.CSS_SELECTOR, css)
    d.execute_script("arguments[0].scrollIntoView({block:'center'})", b)
    b.click()
    wait_version(v0, "the answer to " + css)


def remove(tag, nth=0):
    click('[data-remove="%d"]' % el_index(tag, nth))


def findings():
    return js("return S.state.findings.map(function(f){return [f.cls, f.el, f.msg_zh, f.shown];})")


def shot(name):
    d.save_screenshot(os.path.join(SHOTS, name + ".png"))


def make_png(w, h):
    """An RGB PNG, a gradient (zlib and struct only)."""
    import struct
    import zlib
    rows = bytearray()
    for y in range(h):
        rows.append(0)                              # filter: none
        for x in range(w):
            rows += bytes((x * 255 // w, y * 255 // h, 128))

    def chunk(t, b):
        return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(bytes(rows))) + chunk(b"IEND", b""))


def cookie_get(url, path):
    """GET with the browser's session cookie (preview bytes)."""
    c = d.get_cookies()
    base = re.match(r"(http://127\.0\.0\.1:\d+)", url).group(1)
    r = urllib.request.Request(base + path, headers={
        "Cookie": "; ".join("%s=%s" % (x["name"], x["value"]) for x in c),
        "Host": base[7:]})
    return urllib.request.urlopen(r, timeout=120).read()


try:
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    d.set_page_load_timeout(30)
    d.set_script_timeout(30)

    # ---- 1. a new report, from the first page to a clean check ----------
    newdir = os.path.join(WORK, "wanhua")
    os.makedirs(newdir, exist_ok=True)
    newfile = os.path.join(newdir, "113.xml")
    p, url = start(newfile)
    d.get(url)
    end = time.time() + 30
    while version() < 1 and time.time() < end:
        time.sleep(0.05)
    ok(d.find_elements(By.ID, "new-year"), "a file that does not exist: the first page asks year, agency and group")
    shot("01-new-first-page")
    d.find_element(By.ID, "new-year").send_keys("113")
    d.find_element(By.ID, "new-agency").send_keys("臺北市萬華區公所")
    Select(d.find_element(By.ID, "new-group")).select_by_value("D群")
    v0 = version()
    d.find_element(By.ID, "new-create").click()
    wait_version(v0, "the new file")
    ok(os.path.exists(newfile) and "臺北市萬華區公所" in open(newfile, encoding="utf-8").read(),
       "the file is created from new's skeleton")
    headings = [h.text for h in d.find_elements(By.CSS_SELECTOR, ".section > h2")]
    form = open(os.path.join(os.path.dirname(GR), "..", "templates", "results", "113", "form.xml"), encoding="utf-8").read()
    titles = re.findall(r'<section id="[^"]*" element="[^"]*" title="([^"]*)"', form)
    ok(headings[1:] == titles, "the sections are the form's, in its order and wording (form.xml)", headings, titles)
    shot("02-new-skeleton")
    nerr0 = len([f for f in findings() if f[0] == "error"])

    # what a district office with little to report does: rows it has none of go
    for tag in ["案件", "專題", "新增指標", "訓練"]:
        while el_index(tag, 0) >= 0:
            remove(tag, 0)
    while el_index("會議", 1) >= 0:
        remove("會議", 1)
    while el_index("人員", 1) >= 0:
        remove("人員", 1)
    while el_index("措施", 1) >= 0:
        remove("措施", 1)
    while el_index("類別", 1) >= 0:          # 成果佐證's
        remove("類別", 1)
    plan = [
        ("日期", 0, "2025-02-20"),
        ("姓名", 0, "林美華"), ("科室", 0, "民政課"), ("職稱", 0, "課員"),
        ("姓名", 1, "陳志明"), ("科室", 1, "民政課"), ("職稱", 1, "課長"),
        ("男", 0, "5"), ("女", 0, "6"), ("男", 1, "1"), ("女", 1, "2"),
        ("主席", 0, "首長"), ("出席人數", 0, "9"),
        ("姓名", 2, "王大明"), ("姓名", 3, "李小華"), ("姓名", 4, "趙敏"),
        ("男", 2, "40"), ("女", 2, "60"), ("男", 3, "38"), ("女", 3, "59"), ("實體課程參訓人數", 0, "80"),
        ("男", 4, "5"), ("女", 4, "4"), ("男", 5, "5"), ("女", 5, "4"),
        ("姓名", 5, "林美華"), ("年度培力總時數", 0, "18"), ("進階課程時數", 0, "6"),
        ("主計處列管", 0, "2"), ("機關列管", 0, "1"), ("主計處列管", 1, "5"), ("機關列管", 1, "3"),
        ("計畫項目名稱", 0, "婦女福利服務"), ("預算數", 0, "120000"),
        ("計畫項目名稱", 1, "婦女福利服務"), ("預算數", 1, "125000"),
        ("方案名稱", 0, "里民性別平等講座"),
    ]
    for tag, nth, value in plan:
        put(tag, nth, value)
    put("措施", 0, "一", attr="類別")
    put("措施", 0, "1", attr="項目")
    put("類別", 0, "一", attr="編號")
    put("措施", 0, "舉辦里民性別平等講座，宣導家務分工。")
    errors = [f for f in findings() if f[0] == "error"]
    ok(not errors, "every error of the skeleton is gone once its fields are filled (%d at first)" % nerr0, errors[:5])
    v0 = version()
    d.find_element(By.ID, "save").click()
    wait_version(v0, "save")
    shot("03-new-filled")
    r = subprocess.run([GR, "check", "--lang", "zh", newfile], capture_output=True, timeout=120)
    open(os.path.join(WORK, "check-new.txt"), "wb").write(r.stderr + r.stdout)
    last = [x for x in (r.stdout + r.stderr).decode().splitlines() if x.startswith("檢查 ")]
    ok(r.returncode == 0 and last and "：0 個錯誤" in last[0], "the saved new report passes `gereport check` (exit 0, no errors)",
       "exit %d" % r.returncode, last)
    stop(p)

    # ---- 2. the sample agency: meetings, findings, photo, save, preview ---
    data = os.path.join(WORK, "sample")
    subprocess.run(["cp", "-r", os.path.join(os.path.dirname(GR), "..", "data", "taipei", "112"), data], check=True)
    path = os.path.join(data, "results.xml")
    orig = open(path, "rb").read()
    p, url = start(path)
    d.get(url)
    end = time.time() + 30
    while version() < 1 and time.time() < end:
        time.sleep(0.05)
    ok(version() >= 1 and "results.xml" in d.title, "the sample opens in the browser")
    shot("04-sample-top")

    def attendance():
        return js("return S.state.computed.filter(function(c){return c.name.indexOf('出席')>=0;}).map(function(c){return c.name+'='+c.text;})")

    def meetings():
        return js("var n=0; S.els.forEach(function(e){ if (e.tagName==='會議') n++; }); return n;")

    before, nm = attendance(), meetings()
    parent = el_index("運作情形", 0)
    click('[data-add="%d:會議"]' % parent)
    ok(meetings() == nm + 1, "a meeting row is added with the button")
    put("出席人數", nm, "12")
    put("主席", nm, "副首長")
    added = attendance()
    ok(added != before and len(added) > len(before), "adding a meeting updates the computed attendance", before, added)
    box = d.find_element(By.CSS_SELECTOR, '[data-remove="%d"]' % el_index("會議", nm))
    d.execute_script("arguments[0].scrollIntoView({block:'center'})", box)
    shot("05-meeting-added")
    remove("會議", nm)
    ok(meetings() == nm and attendance() == before, "removing it brings the computed attendance back", attendance())

    # a finding beside its field, gone when fixed
    k = el_index("出席人數", 0)
    put("出席人數", 0, "十七")
    near = d.find_elements(By.XPATH, '//*[@data-el="%d"]/ancestor::div[contains(@class,"field")][1]//li[contains(@class,"error")]' % k)
    ok(near and "出席人數" in near[0].text, "a finding appears beside its field", [f for f in findings() if f[1] == k])
    d.execute_script("arguments[0].scrollIntoView({block:'center'})", field("出席人數", 0))
    shot("06-finding-beside-field")
    put("出席人數", 0, "17")
    near = d.find_elements(By.XPATH, '//*[@data-el="%d"]/ancestor::div[contains(@class,"field")][1]//li' % k)
    ok(not near, "the finding goes when the field is fixed")

    # a photo uploaded into the first 照片 block: a PNG of our own, 400×300
    png = os.path.join(WORK, "IMG 2024-05-10 活動.png")
    open(png, "wb").write(make_png(400, 300))
    up = field("圖檔", 0, attr="檔案")
    d.execute_script("arguments[0].scrollIntoView({block:'center'})", up)
    v0 = version()
    up.find_element(By.XPATH, '../span[@class="upload"]/input[@type="file"]').send_keys(png)
    wait_version(v0, "the upload")
    newname = field("圖檔", 0, attr="檔案").get_attribute("value")
    ok(re.match(r"^photos/[a-z0-9_-]+\.png$", newname) and os.path.exists(os.path.join(data, newname)),
       "an uploaded photo lands in the data folder's photos/ under a sanitised name, and in the field", newname)
    shot("07-photo-uploaded")
    pdf = cookie_get(url, "/api/preview?edition=public")
    lst = subprocess.run(["pdfimages", "-list", "-"], input=pdf, capture_output=True, timeout=60).stdout.decode()
    ok(re.search(r"\s400\s+300\s", lst), "the uploaded photo is in the preview (pdfimages: 400×300)", lst[:400])
    bad = os.path.join(WORK, "not-a-photo.jpg")
    open(bad, "wb").write(b"\xff\xd8\xff\xe0" + b"garbage" * 100)
    v0 = version()
    field("圖檔", 0, attr="檔案").find_element(By.XPATH, '../span[@class="upload"]/input[@type="file"]').send_keys(bad)
    wait_version(v0, "the refused upload")
    status = d.find_element(By.ID, "status").text
    ok(not [x for x in os.listdir(os.path.join(data, "photos")) if "not-a-photo" in x] and status,
       "a file that is not a decodable photo is refused with a message", status)

    # preview in the page's PDF viewer
    d.find_element(By.ID, "preview-public").click()
    time.sleep(1.5)
    frame = d.find_element(By.ID, "preview-frame")
    ok("/api/preview" in (frame.get_attribute("src") or ""), "the preview opens in the page")
    shot("08-preview")
    d.find_element(By.ID, "preview-close").click()

    # save, then the file: only the fields touched changed
    v0 = version()
    d.find_element(By.ID, "save").click()
    wait_version(v0, "save")
    saved = open(path, "rb").read()
    a = orig.decode("utf-8")
    old_src = re.search(r'<圖檔 檔案="([^"]*)"', a).group(1)
    expect = a.replace('<圖檔 檔案="%s"' % old_src, '<圖檔 檔案="%s"' % newname, 1).encode("utf-8")
    ok(saved == expect, "after save only the edited field differs from the original (add+remove and 17→十七→17 left no trace)",
       "%d vs %d bytes" % (len(saved), len(expect)))
    ok(open(path + ".bak", "rb").read() == orig, "the previous version is kept as results.xml.bak")
    preview = cookie_get(url, "/api/preview?edition=public")
    out = os.path.join(WORK, "cli.pdf")
    r = subprocess.run([GR, "build", path, "-o", out], capture_output=True, timeout=300)
    ok(r.returncode == 0 and open(out, "rb").read() == preview, "the saved file's CLI build equals the preview's bytes",
       r.stderr.decode()[-300:])

    # English labels and the keyboard
    stop(p)
    p, url = start(path, "--lang", "en")
    d.get(url)
    end = time.time() + 30
    while version() < 1 and time.time() < end:
        time.sleep(0.05)
    ok(d.find_element(By.ID, "save").text == "Save", "--lang en: the page's labels in English")
    body = d.find_element(By.TAG_NAME, "body")
    seen = set()
    for _ in range(12):
        body = d.switch_to.active_element
        body.send_keys(Keys.TAB)
        seen.add(d.switch_to.active_element.tag_name)
    ok({"button", "input"} & seen or "select" in seen, "Tab moves through the page's controls", seen)
    shot("09-english")
    stop(p)
except Exception as ex:  # a failure is one line, never a hang
    import traceback
    tb = traceback.format_exc()
    sys.stderr.write(tb)
    shot("99-failure")
    ok(False, "the browser flows ran to their end", *[x for x in tb.splitlines() if x.startswith("  File \"" + __file__)][-2:],
       tb.strip().splitlines()[-1])
finally:
    try:
        if d:
            d.quit()
    except Exception:
        pass
    cleanup()
sys.exit(1 if failed else 0)

#!/usr/bin/python3
"""serve_browser.py — `gereport serve DIR` in headless Chromium (Debian's
chromium + chromium-driver, through python3-selenium), as the office's
staff would use it at 1366×768.

Usage: serve_browser.py URL DIR GEREPORT WORKDIR SHOTS [en-URL]

Prints "ok - …" / "not ok - …" lines (tests/lib.sh). Flows: each state is
shown with the counts of check DIR (and the ones known from the fixture's
files by hand); sorting by a column with the keyboard; combine from the
page downloads the bytes of `gereport combine`; the CSV downloaded equals
`check DIR --csv`; build all shows progress and ends with every PDF; a
file added to the folder appears on reload; the office file's closing text
edited from the page; the page in English with --lang en. Screenshots go
to SHOTS (build/serve-*.png). Every wait has a time limit.
"""
import base64
import os
import shutil
import subprocess
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

URL, DIR, GR, WORK, SHOTS = sys.argv[1:6]
URL_EN = sys.argv[6] if len(sys.argv) > 6 else None
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
    sys.stdout.flush()


def cli(*args):
    return subprocess.run([GR] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)


downloads = os.path.join(WORK, "downloads")
os.makedirs(downloads, exist_ok=True)
o = Options()
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,768",
          "--no-proxy-server", "--proxy-bypass-list=*", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=zh-TW",
          "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]:
    o.add_argument(a)
o.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
d.set_page_load_timeout(60)
d.set_script_timeout(120)
d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})


def wait(cond, secs=60):
    try:
        return WebDriverWait(d, secs, poll_frequency=0.2).until(lambda _: cond())
    except TimeoutException:
        return None


def shot(name):
    p = os.path.join(SHOTS, "serve-%s.png" % name)
    d.save_screenshot(p)
    return p


def rows():
    """The table as the page shows it: [(name, file, state, errors, unmet, notes)]."""
    out = []
    for tr in d.find_elements(By.CSS_SELECTOR, "#units-body tr[data-row]"):
        td = tr.find_elements(By.TAG_NAME, "td")
        out.append((td[1].text, td[3].text, tr.get_attribute("data-state"), td[5].text, td[6].text, td[7].text,
                    td[4].text))
    return out


def by_file(f):
    for r in rows():
        if r[1] == f:
            return r
    return None


def fetch_bytes(path):
    """The bytes the page's own origin serves at path (with its cookie)."""
    b64 = d.execute_async_script("""
        var done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { return r.arrayBuffer(); })
          .then(function (buf) { var s = '', a = new Uint8Array(buf);
                                 for (var i = 0; i < a.length; i++) s += String.fromCharCode(a[i]);
                                 done(btoa(s)); })
          .catch(function (e) { done(''); });""", path)
    return base64.b64decode(b64)


def downloaded(name, secs=60):
    p = os.path.join(downloads, name)
    until = time.time() + secs
    while time.time() < until:
        if os.path.exists(p) and not os.path.exists(p + ".crdownload"):
            time.sleep(0.3)
            with open(p, "rb") as f:
                return f.read()
        time.sleep(0.2)
    return None


try:
    # ---- the table -------------------------------------------------------
    d.get(URL)
    ok(wait(lambda: len(rows()) >= 11), "the page shows the folder's rows", d.page_source[:300])
    ok(d.execute_script("return location.search") == "", "the token is gone from the address bar")
    shot("table")
    r = rows()
    states = {x[1]: x[2] for x in r}
    ok(states.get("—") == "missing" and states.get("翡管局-113.xml") == "wrong-year" and
       states.get("大安區公所.xml") == "duplicate" and states.get("xinyi.xml") == "present" and
       states.get("社會局/results.xml") == "present" and states.get("草稿.xml") == "unreadable",
       "each state shown: missing, wrong year, duplicate, present, unreadable", r)
    missing = sorted(x[0] for x in r if x[2] == "missing")
    ok(missing == ["北投區公所", "翡管局"], "the units that sent nothing: 北投區公所 and 翡管局", missing)
    # by hand from the files: 信義區公所 typed 7 managers out of 6 (one error),
    # 萬華區公所's four phone photos were not sent (four errors)
    ok(by_file("xinyi.xml")[3] == "1" and "有錯誤" in by_file("xinyi.xml")[6],
       "信義區公所: one error, shown as submitted with errors", by_file("xinyi.xml"))
    ok(by_file("萬華區公所.xml")[3] == "4" and by_file("萬華區公所.xml")[0] == "萬華區公所",
       "萬華區公所: four errors, under its name", by_file("萬華區公所.xml"))
    ok(by_file("社會局/results.xml")[3] == "0", "社會局 (large A群 bureau): no error", by_file("社會局/results.xml"))
    chk = cli("check", DIR).stdout.decode()
    table = {}
    for line in chk.splitlines():
        f = line.split("\t")
        if len(f) == 6 and f[0] != "單位 unit":
            table[(f[0], f[1] if f[1] != "-" else "—")] = tuple(x if x != "-" else "—" for x in f[2:5])
    page = {(x[0], x[1]): (x[3], x[4], x[5]) for x in r}
    ok(page == table, "every row's counts by class equal check DIR's table", sorted(page.items()), sorted(table.items()))
    totals = {e.get_attribute("data-total"): e.find_element(By.TAG_NAME, "dd").text
              for e in d.find_elements(By.CSS_SELECTOR, "#totals [data-total]")}
    ok(totals.get("tMissing") == "2" and totals.get("tUnits") == "8" and totals.get("tIn") == "4",
       "totals: 8 roster units, 4 combinable, 2 missing", totals)

    # ---- sorting with the keyboard ---------------------------------------
    btn = d.find_element(By.CSS_SELECTOR, 'th button[data-key="errors"]')
    btn.send_keys(Keys.ENTER)
    wait(lambda: d.find_element(By.CSS_SELECTOR, 'th button[data-key="errors"]').find_element(By.XPATH, "..")
         .get_attribute("aria-sort") == "ascending", 10)
    d.switch_to.active_element.send_keys(Keys.ENTER)
    ok(wait(lambda: rows()[0][1] == "萬華區公所.xml", 10), "Enter on the 錯誤 header twice: most errors first",
       rows()[:3])
    th = d.find_element(By.CSS_SELECTOR, 'th button[data-key="errors"]').find_element(By.XPATH, "..")
    ok(th.get_attribute("aria-sort") == "descending", "the header says how the table is sorted (aria-sort)")
    ok(d.switch_to.active_element.get_attribute("data-key") == "errors", "focus stays on the header after sorting")
    shot("sorted")
    d.find_element(By.CSS_SELECTOR, 'th button[data-key="order"]').send_keys(Keys.ENTER)

    # ---- a unit's findings, opened with the keyboard ---------------------
    det = d.find_element(By.CSS_SELECTOR, 'tr[data-row] button.details')
    xin = [tr for tr in d.find_elements(By.CSS_SELECTOR, "#units-body tr[data-row]")
           if tr.find_elements(By.TAG_NAME, "td")[3].text == "xinyi.xml"][0]
    xin.find_element(By.CSS_SELECTOR, "button.details").send_keys(Keys.ENTER)
    ok(wait(lambda: any("7" in li.text for li in d.find_elements(By.CSS_SELECTOR, "tr.detail li.error")), 10),
       "信義區公所's findings open under its row, the error among them")
    shot("findings")

    # ---- a unit opens in gereport edit (its own address, a new tab) -----
    main = d.current_window_handle
    row = [tr for tr in d.find_elements(By.CSS_SELECTOR, "#units-body tr[data-row]")
           if tr.find_elements(By.TAG_NAME, "td")[3].text == "勞動局.xml"][0]
    row.find_element(By.CSS_SELECTOR, "button.edit").click()
    ok(wait(lambda: len(d.window_handles) > 1, 60), "編輯 opens a new tab", d.find_element(By.ID, "status").text)
    if len(d.window_handles) > 1:
        d.switch_to.window([h for h in d.window_handles if h != main][0])
        ok(wait(lambda: "勞動局.xml" in d.title and "gereport edit" in d.title, 60),
           "the tab is gereport edit on 勞動局.xml", d.title)
        ok(wait(lambda: "臺北市政府勞動局" in d.page_source, 30), "the editor shows the unit's own data")
        time.sleep(1)
        shot("editor")
        d.close()
        d.switch_to.window(main)

    # ---- the CSV ---------------------------------------------------------
    d.find_element(By.ID, "dl-csv").click()
    got = downloaded("findings-112.csv")
    cli("check", DIR, "--csv", os.path.join(WORK, "check.csv"))
    with open(os.path.join(WORK, "check.csv"), "rb") as f:
        want = f.read()
    ok(got is not None and got == want, "the CSV downloaded from the page equals check DIR --csv",
       len(got or b""), len(want))

    # ---- combine ---------------------------------------------------------
    d.find_element(By.ID, "btn-combine").click()
    ok(wait(lambda: d.find_element(By.ID, "dl-city").is_displayed(), 240),
       "combine from the page: the city PDF's link appears", d.find_element(By.ID, "status").text)
    shot("combined")
    d.find_element(By.ID, "dl-city").click()
    got = downloaded("city-112.pdf", 120)
    out = os.path.join(WORK, "city-cli.pdf")
    cli("combine", DIR, "-o", out)
    with open(out, "rb") as f:
        want = f.read()
    ok(got is not None and got == want, "the city PDF downloaded from the page is the bytes of gereport combine",
       len(got or b""), len(want))
    if got:
        with open(os.path.join(SHOTS, "serve-city-112.pdf"), "wb") as f:
            f.write(got)

    # ---- build all, with progress ----------------------------------------
    d.find_element(By.ID, "btn-build").click()
    seen = wait(lambda: d.find_element(By.ID, "job").is_displayed() or "已產生" in d.find_element(By.ID, "status").text, 30)
    ok(seen, "build all: the progress bar shows")
    ok(wait(lambda: "已產生 4 個 PDF" in d.find_element(By.ID, "status").text, 300),
       "build all: ends with the four combinable units built", d.find_element(By.ID, "status").text)
    ok(not d.find_element(By.ID, "btn-build").get_attribute("disabled"), "the buttons are usable again")
    got = fetch_bytes(d.find_element(By.CSS_SELECTOR, "a.pdf").get_attribute("href"))
    ok(got.startswith(b"%PDF"), "an agency's PDF link serves a PDF")
    shot("built")

    # ---- a file added to the folder appears on reload --------------------
    with open(os.path.join(DIR, "大安區公所.xml"), encoding="utf-8") as f:
        text = f.read()
    text = text.replace("臺北市大安區公所", "臺北市北投區公所").replace(">大安區公所<", ">北投區公所<")
    with open(os.path.join(DIR, "北投區公所.xml"), "w", encoding="utf-8") as f:
        f.write(text)
    d.refresh()
    ok(wait(lambda: by_file("北投區公所.xml") is not None and by_file("北投區公所.xml")[2] == "present", 60),
       "a file added to the folder appears on reload, as present", by_file("北投區公所.xml"))
    ok(sorted(x[0] for x in rows() if x[2] == "missing") == ["翡管局"], "北投區公所 is no longer missing")

    # ---- the office file's text ------------------------------------------
    d.find_element(By.ID, "btn-office").send_keys(Keys.ENTER)
    ok(wait(lambda: d.find_element(By.ID, "of-closing").is_displayed(), 20), "the office file's text opens")
    ta = d.find_element(By.ID, "of-closing")
    ta.clear()
    ta.send_keys("以上為 112 年度本府各機關（構）性別平等業務之執行成果。\n\n感謝各機關同仁協助。")
    shot("office-text")
    d.find_element(By.CSS_SELECTOR, "#office-form button[type=submit]").click()
    ok(wait(lambda: d.find_element(By.ID, "status").text == "已儲存", 30), "saved",
       d.find_element(By.ID, "status").text, d.find_element(By.ID, "office-findings").text)
    with open(os.path.join(DIR, "office.xml"), encoding="utf-8") as f:
        office = f.read()
    ok("<段落>感謝各機關同仁協助。</段落>" in office, "the closing's new paragraph is in the office file")
    ok(office.count("<單位 簡稱=") == 8 and "<!-- The office file of a 112 year folder" in office,
       "the roster and the comment are untouched")
    d.find_element(By.ID, "of-issue-2").clear()
    d.find_element(By.ID, "of-issue-2").send_keys("2024-02-30")
    d.find_element(By.CSS_SELECTOR, "#office-form button[type=submit]").click()
    ok(wait(lambda: "2 月只有 29 天" in d.find_element(By.ID, "office-findings").text, 30),
       "an impossible date: the schema's message on the page, with its line", d.find_element(By.ID, "status").text)
    ok("未儲存" in d.find_element(By.ID, "status").text, "the status says it was not saved")
    with open(os.path.join(DIR, "office.xml"), encoding="utf-8") as f:
        ok(f.read() == office, "the refused date left the file as it was")
    shot("office-refused")

    # ---- the page in English ---------------------------------------------
    if URL_EN:
        d.get(URL_EN)
        ok(wait(lambda: d.find_element(By.ID, "btn-combine").text == "Combine city report", 30),
           "--lang en: the page's labels in English", d.find_element(By.ID, "btn-combine").text)
        ok(wait(lambda: any(x[6].startswith("missing") for x in rows()), 10), "--lang en: states in English",
           rows()[:2])
        shot("english")

    # ---- 1366×768: nothing wider than the window --------------------------
    d.get(URL)
    wait(lambda: len(rows()) >= 11)
    width = d.execute_script("return document.documentElement.scrollWidth")
    inner = d.execute_script("return window.innerWidth")
    ok(width <= inner, "at 1366×768 the page needs no sideways scrolling (%d ≤ %d)" % (width, inner))
    # the refusal above is a 422 the page asked for; anything else is not
    # (the editor's tab is gereport edit's page, another origin: its own tests)
    origin = URL.split("/?")[0]
    logs = [e for e in d.get_log("browser") if e.get("level") == "SEVERE" and
            (e.get("source") != "network" or e.get("message", "").startswith(origin + "/")) and
            not (e.get("source") == "network" and "/api/office?field=issue" in e.get("message", "") and
                 " 422 " in e.get("message", ""))]
    ok(not logs, "no errors in the browser's console (CSP, scripts)", logs)
finally:
    d.quit()

sys.exit(1 if failed else 0)

#!/usr/bin/env python3
"""The HTML report in a real browser: Debian's chromium, headless, from file:// URLs.

Usage: python3 tests/html/browser_test.py --bin PATH/TO/mcp-sentinel [--out DIR]

1. corpus/: the counts the page shows (summary by severity, by rule, total, findings shown)
   equal the JSON report's; filters given in the URL fragment (#sev=, #rule=&file=, #q=) leave
   exactly the matching findings visible; a screenshot is saved (DIR/report.png).
2. hostile input: files named like markup (`<img src=x onerror=...>.py`) whose code holds
   `</script>` and event-handler attributes: the page has no element the input injected, only
   our one script, and the hostile text is shown as text.
3. 10,000 findings: the page loads and filters within the time limit.
4. JavaScript off: every finding, count and trace is on the page, nothing hidden.

chromium is never downloaded: without it the test skips (exit 77) with a message, except in
CI (CI set), where its absence fails (scripts/deps.sh installs it).
"""

import argparse
import base64
import html.parser
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SKIP = 77
BROWSER_TIMEOUT = 90


class Failed(Exception):
    pass


def expect(cond, msg):
    if not cond:
        raise Failed(msg)


def find_chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Dom(html.parser.HTMLParser):
    """The elements of a dumped DOM: (tag, attrs dict, text inside) for the ones we look at."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []   # (tag, attrs)
        self.stack = []      # open elements collecting text: [tag, attrs, text parts]
        self.texts = {}      # id(attrs) -> text

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag not in ("br", "img", "input", "meta", "link", "hr"):
            self.stack.append((tag, a, []))

    def handle_endtag(self, tag):
        while self.stack:
            t, a, parts = self.stack.pop()
            self.texts[id(a)] = "".join(parts)
            if self.stack:
                self.stack[-1][2].append(self.texts[id(a)])
            if t == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][2].append(data)

    def find(self, tag, **want):
        """Attribute dicts of the `tag` elements whose attributes equal want (id_x = id-x)."""
        return [a for t, a in self.elements
                if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in want.items())]

    def text(self, attrs):
        return self.texts.get(id(attrs), "")


def parse(text):
    d = Dom()
    d.feed(text)
    d.close()
    return d


class Browser:
    def __init__(self, exe, work):
        self.exe = exe
        self.profile = os.path.join(work, "profile")

    def argv(self, *extra):
        return [self.exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + self.profile, "--virtual-time-budget=10000"] + list(extra)

    def dom(self, url):
        proc = subprocess.run(self.argv("--dump-dom", url), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, timeout=BROWSER_TIMEOUT)
        expect(proc.returncode == 0, "chromium --dump-dom exited %d: %s" % (proc.returncode, proc.stderr[-500:]))
        d = parse(proc.stdout.decode("utf-8"))
        body = d.find("body")
        expect(body and body[0].get("data-ready") == "1", "the page's script did not run (no data-ready on body)")
        return d

    def dom_without_script(self, url, shot):
        """The DOM of url loaded with JavaScript disabled, and a screenshot of it. --dump-dom
        needs script itself, so this drives chromium over the DevTools protocol on a pipe
        (--remote-debugging-pipe: commands on its fd 3, replies on fd 4, each JSON message
        ended by a NUL) with Emulation.setScriptExecutionDisabled before navigating."""
        cmd_r, cmd_w = os.pipe()
        res_r, res_w = os.pipe()

        def fds():
            os.dup2(cmd_r, 3)
            os.dup2(res_w, 4)
        argv = [a for a in self.argv() if not a.startswith("--virtual-time-budget")]  # it would end the run
        proc = subprocess.Popen(argv + ["--remote-debugging-pipe", "--window-size=1280,1600", "about:blank"],
                                pass_fds=(3, 4), preexec_fn=fds, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(cmd_r)
        os.close(res_w)
        cdp = Cdp(cmd_w, res_r)
        try:
            target = cdp.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            sess = cdp.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            cdp.call("Emulation.setScriptExecutionDisabled", {"value": True}, sess)
            cdp.call("Page.enable", {}, sess)
            cdp.call("Page.navigate", {"url": url}, sess)
            cdp.wait_event("Page.loadEventFired", sess)
            root = cdp.call("DOM.getDocument", {"depth": -1}, sess)["root"]["nodeId"]
            text = cdp.call("DOM.getOuterHTML", {"nodeId": root}, sess)["outerHTML"]
            png = cdp.call("Page.captureScreenshot", {"format": "png"}, sess)["data"]
            with open(shot, "wb") as f:
                f.write(base64.b64decode(png))
            cdp.call("Browser.close")
            proc.wait(timeout=BROWSER_TIMEOUT)
        finally:
            os.close(cmd_w)
            os.close(res_r)
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        d = parse(text)
        body = d.find("body")
        expect(body and body[0].get("data-ready") is None, "the page's script ran with JavaScript disabled")
        return d

    def screenshot(self, url, path):
        proc = subprocess.run(self.argv("--hide-scrollbars", "--window-size=1280,1600", "--screenshot=" + path, url),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                              timeout=BROWSER_TIMEOUT)
        expect(proc.returncode == 0 and os.path.getsize(path) > 1000, "no screenshot: %s" % proc.stderr[-500:])
        with open(path, "rb") as f:
            expect(f.read(8) == b"\x89PNG\r\n\x1a\n", "the screenshot is not a PNG")


class Cdp:
    """A minimal DevTools-protocol client over chromium's --remote-debugging-pipe."""

    def __init__(self, wfd, rfd):
        self.wfd, self.rfd, self.buf, self.next_id = wfd, rfd, b"", 0

    def send(self, method, params, session):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.wfd, json.dumps(msg).encode() + b"\0")
        return self.next_id

    def recv(self):
        deadline = time.time() + BROWSER_TIMEOUT
        while b"\0" not in self.buf:
            ready, _, _ = select.select([self.rfd], [], [], max(0.0, deadline - time.time()))
            expect(ready, "no answer from chromium over the DevTools pipe")
            chunk = os.read(self.rfd, 1 << 16)
            expect(chunk, "chromium closed the DevTools pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None):
        want = self.send(method, params, session)
        while True:
            msg = self.recv()
            if msg.get("id") == want:
                expect("error" not in msg, "%s: %r" % (method, msg.get("error")))
                return msg["result"]

    def wait_event(self, name, session):
        while True:
            msg = self.recv()
            if msg.get("method") == name and msg.get("sessionId") == session:
                return msg


def scan(binary, cwd, target, html_path, json_path):
    proc = subprocess.run([binary, "scan", target, "--no-cache", "--output", "html", "--output-file", html_path,
                           "--output", "json", "--output-file", json_path], cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=300)
    expect(proc.returncode in (0, 3, 4, 5, 6), "scan exited %d: %s" % (proc.returncode, proc.stderr.decode()))
    with open(json_path, encoding="utf-8") as f:
        return json.load(f)


def url_of(path, **frag):
    u = "file://" + urllib.parse.quote(os.path.abspath(path))
    if frag:
        u += "#" + "&".join("%s=%s" % (k, urllib.parse.quote(v, safe="")) for k, v in frag.items())
    return u


def visible_findings(d):
    return [a for a in d.find("article") if "finding" in a.get("class", "").split() and "hidden" not in a]


def check_counts(d, doc):
    by_sev = doc["summary"]["by_severity"]
    shown = {a["data-severity"]: int(d.text(a)) for a in d.find("td") if "data-severity" in a}
    for sev, n in shown.items():
        expect(by_sev[sev] == n, "page shows %d %s, JSON %d" % (n, sev, by_sev[sev]))
    expect(len(shown) >= 4, "severity summary rows: %r" % shown)
    per_rule = {}
    for f in doc["findings"]:
        per_rule[f["rule_id"]] = per_rule.get(f["rule_id"], 0) + 1
    page_rules = {a["data-rule"]: int(d.text(a)) for a in d.find("td") if "data-rule" in a}
    expect(page_rules == per_rule, "by-rule table %r != JSON %r" % (page_rules, per_rule))
    total = d.find("span", id="total")
    expect(total and int(total[0]["data-total"]) == len(doc["findings"]), "total %r" % total)
    expect(len([a for a in d.find("article") if "finding" in a.get("class", "")]) == len(doc["findings"]),
           "number of finding elements")


def check_filter(browser, html_path, doc, frag, keep, what):
    d = browser.dom(url_of(html_path, **frag))
    want = [f for f in doc["findings"] if keep(f)]
    vis = visible_findings(d)
    expect(len(want) > 0, "the %s filter selects nothing in the JSON: pick another" % what)
    expect(len(vis) == len(want), "%s: %d findings visible, %d expected" % (what, len(vis), len(want)))
    got = [(a["data-file"], a["data-rule"], a["data-sev"]) for a in vis]
    exp = [(f["file"], f["rule_id"], f["severity"]) for f in want]
    expect(got == exp, "%s: visible %r != expected %r" % (what, got[:5], exp[:5]))
    body = d.find("body")[0]
    expect(body.get("data-shown") == str(len(want)), "%s: data-shown %r" % (what, body.get("data-shown")))
    # Files without a visible finding are hidden too.
    files = {a["data-file"] for a in d.find("section") if "hidden" not in a and "data-file" in a}
    expect(files == {f["file"] for f in want}, "%s: visible file sections %r" % (what, sorted(files)))
    return d


def test_corpus(browser, binary, work, out_dir):
    html_path, json_path = os.path.join(work, "report.html"), os.path.join(work, "report.json")
    doc = scan(binary, ROOT, "corpus", html_path, json_path)
    expect(len(doc["findings"]) >= 10, "the corpus has too few findings for this test")
    d = browser.dom(url_of(html_path))
    check_counts(d, doc)
    expect(len(visible_findings(d)) == len(doc["findings"]), "unfiltered: not every finding is visible")
    order = ["INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"]
    check_filter(browser, html_path, doc, {"sev": "CRITICAL"}, lambda f: f["severity"] == "CRITICAL", "severity")
    check_filter(browser, html_path, doc, {"sev": "HIGH"}, lambda f: order.index(f["severity"]) >= 3, "severity>=HIGH")
    f0 = doc["findings"][-1]
    check_filter(browser, html_path, doc, {"rule": f0["rule_id"], "file": f0["file"]},
                 lambda f: f["rule_id"] == f0["rule_id"] and f["file"] == f0["file"], "rule+file")
    word = f0["tool"] or f0["rule_id"]
    check_filter(browser, html_path, doc, {"q": word.upper()},
                 lambda f: any(word.lower() in (x or "").lower() for x in
                               (f["message"], f["snippet"], f["file"], f["rule_id"], f["tool"], f["function"],
                                f["cwe"], f["severity"]) + tuple(s["label"] for s in f["trace"])),
                 "text search")
    shot = os.path.join(out_dir, "report.png")
    browser.screenshot(url_of(html_path, sev="HIGH"), shot)
    print("ok corpus: counts match the JSON (%d findings), filters work; screenshot %s" % (len(doc["findings"]), shot))
    return html_path, doc


def test_no_script(browser, html_path, doc, out_dir):
    """With JavaScript off the report is all there: counts, every finding with its message and
    trace, and no filter form (it would do nothing); a filter in the URL is ignored."""
    shot = os.path.join(out_dir, "report-no-script.png")
    d = browser.dom_without_script(url_of(html_path, sev="CRITICAL"), shot)
    check_counts(d, doc)
    vis = visible_findings(d)
    expect([(a["data-file"], a["data-rule"]) for a in vis] == [(f["file"], f["rule_id"]) for f in doc["findings"]],
           "without JavaScript %d of %d findings are visible" % (len(vis), len(doc["findings"])))
    sections = [a for a in d.find("section") if "data-file" in a]
    expect(sections and all("hidden" not in a for a in sections), "a file section is hidden without JavaScript")
    form = d.find("form", id="filters")
    expect(form and "hidden" in form[0], "the filter form shows without JavaScript")
    page = " ".join(d.text(a) for a in vis)
    for f in doc["findings"]:
        expect(f["message"] in page or f["message"][:60] in page, "message missing: %r" % f["message"][:60])
        for step in f["trace"]:
            expect(step["label"] in page, "trace step missing without JavaScript: %r" % step["label"])
    with open(shot, "rb") as f:
        expect(f.read(8) == b"\x89PNG\r\n\x1a\n" and os.path.getsize(shot) > 1000, "no screenshot without JavaScript")
    print("ok JavaScript off: every finding, count and trace is readable; screenshot %s" % shot)


HOSTILE_NAME = "<img src=x onerror=alert(1)>.py"
HOSTILE_CODE = ('import os\n'
                'os.system("</script><script>document.title=\'pwned\'</script>'
                '<img src=x onerror=alert(2)>" + cmd)\n')


def test_hostile(browser, binary, work):
    src = os.path.join(work, "hostile")
    os.makedirs(os.path.join(src, "<b>dir"))
    for name in (HOSTILE_NAME, os.path.join("<b>dir", "\"'><svg onload=alert(3)>.py")):
        with open(os.path.join(src, name), "w", encoding="utf-8") as f:
            f.write(HOSTILE_CODE)
    html_path, json_path = os.path.join(work, "hostile.html"), os.path.join(work, "hostile.json")
    doc = scan(binary, work, "hostile", html_path, json_path)
    expect(len(doc["findings"]) >= 2, "the hostile files gave no findings: %r" % doc["findings"])
    d = browser.dom(url_of(html_path))
    for tag in ("img", "svg", "b"):
        expect(not d.find(tag), "an injected <%s> element is in the page" % tag)
    scripts = d.find("script")
    expect(len(scripts) == 1, "%d script elements (only ours is allowed)" % len(scripts))
    title = [d.text(a) for a in d.find("title")]
    expect(title == ["mcp-sentinel report"], "title changed by injected script: %r" % title)
    files = {a["data-file"] for a in d.find("section") if "data-file" in a}
    expect(files == {f["file"] for f in doc["findings"]}, "file names not shown verbatim: %r" % files)
    msgs = [d.text(a) for a in d.find("p") if a.get("class") == "msg"]
    expect(any("</script>" in m for m in msgs), "the message's </script> is not shown as text: %r" % msgs[:2])
    codes = [d.text(a) for a in d.find("code")]
    expect(any("<img src=x onerror=alert(2)>" in c for c in codes), "the snippet is not shown as text")
    # A filter on the hostile file name works (the fragment is decoded, not evaluated).
    d = browser.dom(url_of(html_path, file="hostile/" + HOSTILE_NAME))
    vis = visible_findings(d)
    expect(len(vis) == 1 and vis[0]["data-file"] == "hostile/" + HOSTILE_NAME, "hostile file filter: %r" % vis)
    print("ok hostile names and snippets render as text; no injected element or script")


def test_many(browser, binary, work):
    src = os.path.join(work, "many")
    os.makedirs(src)
    per_file, files = 500, 20
    for i in range(files):
        with open(os.path.join(src, "m%02d.py" % i), "w") as f:
            f.write("import os\n")
            for k in range(per_file):
                f.write('os.system("run %d " + cmd%d)\n' % (k, k))
    html_path, json_path = os.path.join(work, "many.html"), os.path.join(work, "many.json")
    doc = scan(binary, work, "many", html_path, json_path)
    n = len(doc["findings"])
    expect(n >= 10000, "only %d findings generated" % n)
    t0 = time.monotonic()
    target = "many/m07.py"
    d = browser.dom(url_of(html_path, file=target, q="run 49"))
    elapsed = time.monotonic() - t0
    want = [f for f in doc["findings"] if f["file"] == target and "run 49" in f["message"]]
    vis = visible_findings(d)
    expect(len(vis) == len(want) and want, "10k: %d visible, %d expected" % (len(vis), len(want)))
    print("ok %d findings: loaded and filtered in %.1fs" % (n, elapsed))


def main():
    ap = argparse.ArgumentParser(description="Headless-browser test of the HTML report.")
    ap.add_argument("--bin", required=True)
    ap.add_argument("--out", default=None, help="where to keep the screenshot (default: a temporary directory)")
    args = ap.parse_args()
    exe = find_chromium()
    if exe is None:
        msg = "chromium is not installed (apt-get install chromium; scripts/deps.sh does it)"
        if os.environ.get("CI"):
            print("FAIL html browser test: %s, and CI is set" % msg)
            return 1
        print("SKIP html browser test: %s" % msg)
        return SKIP
    binary = os.path.abspath(args.bin)
    work = tempfile.mkdtemp(prefix="ms-html-browser.")
    out_dir = os.path.abspath(args.out) if args.out else work
    os.makedirs(out_dir, exist_ok=True)
    browser = Browser(exe, work)
    try:
        html_path, doc = test_corpus(browser, binary, work, out_dir)
        test_no_script(browser, html_path, doc, out_dir)
        test_hostile(browser, binary, work)
        test_many(browser, binary, work)
    except (Failed, subprocess.SubprocessError, OSError, ValueError, KeyError) as e:
        print("FAIL html browser test: %s" % e)
        print("  files kept in %s" % work)
        return 1
    if out_dir != work:
        shutil.rmtree(work, ignore_errors=True)
    print("html browser test: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Hostile inputs, generated at test time (nothing big is committed): each case builds a tree
in a private temporary directory, runs the real binary on it with a wall-clock limit, and
checks that the scan finished with the right exit code, that the affected file is scanned,
skipped or marked partial with a reason, that the rest of the tree was still scanned, that the
reports are complete and valid, and that peak memory stayed bounded.

Usage: run.py --bin PATH [--heavy] [-v] [CASE...]
  --heavy  also the large cases (a 50 MB minified file parsed, 100,000 files, 50 runs for
           determinism); the Release test suite passes it, sanitizer builds do not.

Prints `ok CASE (time, peak RSS)` or `FAIL CASE: reason` and a final count; exit 1 on failure.
"""

import argparse
import json
import os
import random
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "cli", "_lib"))

MB = 1024 * 1024
EXIT_FINDINGS = {0, 3, 4, 5, 6}  # a completed scan: nothing, or the most severe finding's code
CASES = []


def case(heavy=False):
    def register(fn):
        CASES.append((fn.__name__, fn, heavy))
        return fn
    return register


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


class Run:
    def __init__(self, rc, out, err, seconds, max_rss_kb):
        self.rc, self.out, self.err, self.seconds, self.max_rss_kb = rc, out, err, seconds, max_rss_kb


class Ctx:
    def __init__(self, binary, tmp, verbose):
        self.bin, self.tmp, self.verbose = binary, tmp, verbose
        self.peak_kb = 0
        self.elapsed = 0.0

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def write(self, rel, data, mode="wb"):
        p = self.path(rel) if isinstance(rel, str) else os.path.join(self.tmp.encode(), rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, mode) as f:
            f.write(data)
        return p

    def scan(self, *args, limit=120, preexec=None, env=None):
        """Runs `mcp-sentinel scan ARGS` in the temporary directory; kills it past limit."""
        start = time.monotonic()
        proc = subprocess.Popen([self.bin, "scan", *args], cwd=self.tmp, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=preexec,
                                env=env)
        chunks = {"out": [], "err": []}
        readers = [threading.Thread(target=lambda s=stream, k=key: chunks[k].append(s.read()))
                   for stream, key in ((proc.stdout, "out"), (proc.stderr, "err"))]
        for t in readers:
            t.start()
        timer = threading.Timer(limit, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak RSS
        timer.cancel()
        for t in readers:
            t.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out, err = b"".join(chunks["out"]), b"".join(chunks["err"])
        seconds = time.monotonic() - start
        self.elapsed += seconds
        self.peak_kb = max(self.peak_kb, usage.ru_maxrss)
        if self.verbose:
            print(f"    scan {' '.join(map(str, args))[:100]} -> {proc.returncode} in {seconds:.2f}s", file=sys.stderr)
        check(proc.returncode != -signal.SIGKILL, f"killed after {limit}s: the scan hung ({args})")
        check(proc.returncode >= 0, f"died of signal {-proc.returncode}: {err.decode(errors='replace')[-2000:]}")
        check(b"AddressSanitizer" not in err and b"runtime error:" not in err,
              f"sanitizer report:\n{err.decode(errors='replace')[-3000:]}")
        return Run(proc.returncode, out, err, seconds, usage.ru_maxrss)

    def scan_json(self, *args, limit=120, expect=EXIT_FINDINGS, **kw):
        r = self.scan("--output", "json", *args, limit=limit, **kw)
        check(r.rc in expect, f"exit code {r.rc} not in {sorted(expect)}; stderr: {r.err.decode(errors='replace')[-1500:]}")
        try:
            report = json.loads(r.out.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise Failure(f"the JSON report is not valid UTF-8 JSON: {e}")
        return r, report


def files_by_reason(report):
    """Skipped files by base name: their reasons."""
    return {os.path.basename(s["file"]): s["reason"] for s in report["skipped"]}


def findings_in(report, suffix):
    return [f for f in report["findings"] if f["file"].endswith(suffix)]


def diagnostics_for(report, suffix):
    return [d["kind"] for d in report["diagnostics"] if d["file"].endswith(suffix)]


# ---- deep nesting ---------------------------------------------------------------------------

@case()
def deep_brackets(ctx):
    n = 100_000
    ctx.write("deep.py", ("x = " + "(" * n + "1" + ")" * n + "\n").encode())
    ctx.write("deep.js", ("const x = " + "[" * n + "1" + "]" * n + ";\n").encode())
    ctx.write("deep_obj.ts", ("const o = " + "{a:" * n + "1" + "}" * n + ";\n").encode())
    ctx.write("ok.py", b"eval(code)\n")
    _, report = ctx.scan_json(".", limit=180)
    check(report["summary"]["files_scanned"] == 4, f"not every file scanned: {report['summary']}")
    check(len(findings_in(report, "ok.py")) == 1, "the rest of the tree was not scanned")


@case()
def nested_functions(ctx):
    n = 10_000
    ctx.write("nested.js", ("function f(a){" * n + "eval(a);" + "}" * n + "\n").encode())
    m = 1_000  # Python needs indentation: 1,000 levels is already 500 KB
    py = "".join(" " * i + f"def f{i}(a):\n" for i in range(m)) + " " * m + "eval(a)\n"
    ctx.write("nested.py", py.encode())
    _, report = ctx.scan_json(".", limit=180)
    check(report["summary"]["files_scanned"] == 2, report["summary"])
    for f in ("nested.js", "nested.py"):
        check(findings_in(report, f) or diagnostics_for(report, f), f"{f}: no finding and no diagnostic")


@case()
def deep_calls(ctx):
    """Tens of thousands of nested calls inside a sink: tree-sitter's query cursor keeps
    in-progress states per level, so a walk of the whole tree grows quadratically. Queries
    anchored on a literal (os.system's "system") run only around it and finish at once; when
    they do not, the per-file time budget reports the file partial. Either way the scan ends,
    the rest of the tree is scanned, and calls.py is not silently incomplete."""
    if not supports(ctx, "--file-timeout"):
        raise SkipCase("no per-file time budget (--file-timeout) in this build")
    n = 50_000
    ctx.write("calls.py", ("import os\nos.system(" + "f(" * n + "x" + ")" * n + ")\n").encode())
    ctx.write("ok.py", b"eval(code)\n")
    r, report = ctx.scan_json(".", "--file-timeout", "5", limit=120)
    check(len(findings_in(report, "ok.py")) == 1, "the rest of the tree was not scanned")
    flagged = diagnostics_for(report, "calls.py") or [s for s in report["skipped"] if s["file"].endswith("calls.py")]
    completed = [f for f in findings_in(report, "calls.py") if f["rule_id"] == "py-os-system"]
    check(flagged or completed, "calls.py neither completed (with its os.system finding) nor reported partial/skipped")


# ---- size -----------------------------------------------------------------------------------

@case()
def minified_50mb(ctx):
    chunk = b"var a=function(b){return b+1};" * 64
    data = chunk * (50 * MB // len(chunk))
    ctx.write("big.js", data)
    ctx.write("ok.py", b"eval(code)\n")
    _, report = ctx.scan_json(".", limit=120)
    check(files_by_reason(report).get("big.js") == "too-large", f"big.js not skipped as too-large: {report['skipped']}")
    check(len(findings_in(report, "ok.py")) == 1, "the rest of the tree was not scanned")


def supports(ctx, flag):
    return flag in subprocess.run([ctx.bin, "scan", "--help"], capture_output=True, text=True).stdout


@case(heavy=True)
def minified_8mb_parsed(ctx):
    """A big minified file really parsed (the size cap raised): tree-sitter's tree costs tens
    of bytes per byte of dense code, so memory grows with the file but stays proportionate."""
    chunk = b"var a=function(b){return b+1};" * 64
    ctx.write("big.js", chunk * (8 * MB // len(chunk)) + b"eval(x);\n")
    r, report = ctx.scan_json("--max-file-size", "16MB", ".", limit=300)
    check(report["summary"]["files_scanned"] == 1, report["summary"])
    check(len(findings_in(report, "big.js")) == 1, "the eval at the end of the 8 MB line was missed")
    check(r.max_rss_kb < 1536 * 1024, f"peak RSS {r.max_rss_kb // 1024} MB for an 8 MB file")


@case(heavy=True)
def minified_50mb_memory_limit(ctx):
    """With the size cap raised past a 50 MB file, --memory-limit still bounds the process:
    the file is skipped with a reason (or analysed within the limit)."""
    if not supports(ctx, "--memory-limit"):
        raise SkipCase("no --memory-limit in this build")
    chunk = b"var a=function(b){return b+1};" * 64
    ctx.write("big.js", chunk * (50 * MB // len(chunk)))
    ctx.write("ok.py", b"eval(code)\n")
    r, report = ctx.scan_json("--max-file-size", "64MB", "--memory-limit", "1GB", ".", limit=300)
    check(r.max_rss_kb < 1200 * 1024, f"peak RSS {r.max_rss_kb // 1024} MB with --memory-limit 1GB")
    check(len(findings_in(report, "ok.py")) == 1, "the rest of the tree was not scanned")


@case()
def sparse_1gb(ctx):
    p = ctx.path("huge.py")
    with open(p, "wb") as f:
        f.truncate(1024 * MB)
    ctx.write("ok.py", b"eval(code)\n")
    r, report = ctx.scan_json(".", limit=60)
    check(files_by_reason(report).get("huge.py") == "too-large", report["skipped"])
    check(r.seconds < 20, f"took {r.seconds:.1f}s: the sparse file was read")
    check(len(findings_in(report, "ok.py")) == 1, "the rest of the tree was not scanned")


@case()
def long_lines_and_identifiers(ctx):
    ctx.write("line.py", b"x = '" + b"a" * (1536 * 1024) + b"'; eval(x)\n")
    ident = b"v" * (512 * 1024)  # twice in the file: stays under the 2 MiB default cap
    ctx.write("ident.js", b"const " + ident + b" = req;\neval(" + ident + b");\n")
    _, report = ctx.scan_json(".", limit=120)
    for f in ("line.py", "ident.js"):
        found = findings_in(report, f)
        check(len(found) == 1, f"{f}: expected one finding, got {len(found)}")
        check(len(found[0]["snippet"]) <= 1024, f"{f}: snippet of {len(found[0]['snippet'])} characters")
        check(len(found[0]["message"]) <= 4096, f"{f}: message of {len(found[0]['message'])} characters")


# ---- encodings and line endings --------------------------------------------------------------

@case()
def encodings(ctx):
    ctx.write("latin1.py", b"s = '\xe9t\xe9 \xff\xfe'\neval(s)\n")
    ctx.write("utf16.py", "eval(code)\n".encode("utf-16"))
    ctx.write("nul.js", b"const a = 1;\x00\neval(a);\n")
    ctx.write("bom.py", b"\xef\xbb\xbfeval(code)\n")
    ctx.write("crlf.py", b"import os\r\n\r\neval(code)\r\n")
    ctx.write("cr.js", b"const a = 1;\r\reval(a);\r")
    ctx.write("overlong.py", b"s = '\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80'\neval(s)\n")
    r, report = ctx.scan_json(".", limit=60)
    skipped = files_by_reason(report)
    check(skipped.get("utf16.py") == "binary", f"utf16.py: {skipped}")
    check(skipped.get("nul.js") == "binary", f"nul.js: {skipped}")
    where = {f["file"]: (f["start"]["line"], f["start"]["column"]) for f in report["findings"]}
    check(where.get("latin1.py") == (2, 1), f"latin1.py: {where}")
    check(where.get("overlong.py") == (2, 1), f"overlong.py: {where}")
    check(where.get("bom.py") == (1, 1), f"bom.py (the BOM is not a column): {where}")
    check(where.get("crlf.py") == (3, 1), f"crlf.py: {where}")
    check(where.get("cr.js") == (3, 1), f"cr.js (lone CR ends a line): {where}")
    sarif = ctx.scan("--output", "sarif", ".")
    json.loads(sarif.out.decode("utf-8"))


# ---- regexes ---------------------------------------------------------------------------------

def regex_rules():
    """(id, regex, words) of every built-in regex and secret rule, read from rules/**/*.yaml with just
    enough YAML for our own rule files (a block scalar or a one-line value; flow lists)."""
    out = []
    for base, _, names in os.walk(os.path.join(ROOT, "rules")):
        for n in sorted(names):
            if not n.endswith((".yaml", ".yml")):
                continue
            with open(os.path.join(base, n)) as f:
                lines = f.read().splitlines()
            rid, regex, words = None, None, []
            for i, line in enumerate(lines):
                if line.startswith("id:"):
                    rid = line[3:].strip()
                elif re.match(r"(prefilter|keywords):\s*\[", line):
                    words += [w.strip().strip("'\"") for w in line.split("[", 1)[1].rstrip("]").split(",")]
                elif line.startswith(("regex:", "secret:")):
                    value = line.split(":", 1)[1].strip()
                    if value in ("|", "|-", ">", ">-"):
                        block = []
                        for nxt in lines[i + 1:]:
                            if nxt and not nxt.startswith(" "):
                                break
                            block.append(nxt.strip())
                        regex = "".join(block)
                    else:
                        regex = value.strip("'\"")
            if rid and regex:
                out.append((rid, regex, [w for w in words if w]))
    return out


@case()
def regex_backtracking(ctx):
    """Inputs shaped to make every regex rule backtrack: its keywords and literal fragments
    followed by long runs of characters its classes accept, never terminated. PCRE2's match
    and depth limits must keep each file bounded."""
    rules = regex_rules()
    if not rules:
        raise SkipCase("no regex rules in rules/")
    runs = ["a" * 4000, "A1" * 2000, "=" * 4000, " " * 4000, "'\"" * 2000, "-_." * 1500, "/" * 4000, "0" * 4000]
    for rid, regex, words in rules:
        literals = re.findall(r"[A-Za-z0-9_\-]{3,}", regex)[:8] + words[:8] or ["x"]
        parts = []
        size = 0
        i = 0
        while size < 384 * 1024:
            piece = literals[i % len(literals)] + runs[i % len(runs)] + "\n" * (i % 2)
            parts.append(piece)
            size += len(piece)
            i += 1
        text = "".join(parts).encode()
        for ext in (".py", ".env"):  # a parsed language and a text one
            ctx.write(f"{rid}/input{ext}", text)
    r, report = ctx.scan_json(".", limit=600)
    check(report["summary"]["files_scanned"] == 2 * len(rules), report["summary"])
    per_file = r.seconds / max(1, 2 * len(rules))
    check(per_file < 10, f"{per_file:.1f}s per 384 KB file: a regex backtracks")


# ---- many files, many findings ----------------------------------------------------------------

@case(heavy=True)
def many_files(ctx):
    n = 100_000
    for i in range(n):
        d = ctx.path(f"d{i // 1000}")
        if i % 1000 == 0:
            os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"m{i}.py"), "wb") as f:
            f.write(b"x = 1\n" if i % 997 else b"eval(x)\n")
    r, report = ctx.scan_json(".", limit=600)
    check(report["summary"]["files_scanned"] == n, report["summary"])
    check(len(report["findings"]) == len(range(0, n, 997)), f"{len(report['findings'])} findings")
    check(r.max_rss_kb < 600 * 1024, f"peak RSS {r.max_rss_kb // 1024} MB for {n} files")


@case()
def many_findings(ctx):
    ctx.write("many.py", b"eval(x)\n" * 10_000)
    ctx.write("ok.py", b"eval(code)\n")
    _, report = ctx.scan_json(".", limit=120)
    n = len(findings_in(report, "many.py"))
    check(0 < n <= 10_000, f"{n} findings")
    if n < 10_000:
        check("incomplete" in diagnostics_for(report, "many.py"), "the cap was hit without a diagnostic")
    check(len(findings_in(report, "ok.py")) == 1, "the rest of the tree was not scanned")


# ---- names and file types ---------------------------------------------------------------------

HOSTILE_NAMES = [b"with space.py", b"new\nline.py", b"quote'\".py", b"<img src=x onerror=alert(1)>.py",
                 b"latin1-\xe9\xff.py", b"-dash.py", b"back\\slash.py", b"tab\there.py", b"%2e%2e.py"]


@case()
def hostile_file_names(ctx):
    for name in HOSTILE_NAMES:
        ctx.write(b"src/" + name, b"eval(code)\n")
    _, report = ctx.scan_json("src", limit=60)
    check(len(report["findings"]) == len(HOSTILE_NAMES),
          f"{len(report['findings'])} findings for {len(HOSTILE_NAMES)} files: {[f['file'] for f in report['findings']]}")
    sarif = ctx.scan("--output", "sarif", "src")
    doc = json.loads(sarif.out.decode("utf-8"))
    uris = [res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in doc["runs"][0]["results"]]
    for u in uris:
        check(not re.search(r"[\s<>\"\\]", u), f"SARIF URI not percent-encoded: {u!r}")
    term = ctx.scan("--color", "never", "src")
    for line in term.out.decode("utf-8", errors="replace").splitlines():
        check("\t" not in line or "tab" not in line, f"raw tab from a file name in terminal output: {line!r}")


@case()
def links_fifos_devices(ctx):
    ctx.write("src/ok.py", b"eval(code)\n")
    os.symlink(".", ctx.path("src", "loop"))
    os.symlink(ctx.path("src", "a"), ctx.path("src", "b"))
    os.symlink(ctx.path("src", "b"), ctx.path("src", "a"))
    os.symlink("/etc/passwd", ctx.path("src", "outside.py"))
    os.mkfifo(ctx.path("src", "pipe.py"))
    if os.geteuid() == 0:
        os.mknod(ctx.path("src", "zero.py"), 0o600 | stat.S_IFCHR, os.makedev(1, 5))
    _, report = ctx.scan_json("src", limit=60)
    skipped = files_by_reason(report)
    check(skipped.get("pipe.py") == "not-a-regular-file", f"FIFO: {skipped}")
    if os.geteuid() == 0:
        check(skipped.get("zero.py") == "not-a-regular-file", f"device: {skipped}")
    check(skipped.get("outside.py") == "symlink-outside-tree", f"link out of the tree: {skipped}")
    check(len(findings_in(report, "ok.py")) == 1, "the rest of the tree was not scanned")


@case()
def files_vanish_and_change(ctx):
    for i in range(2000):
        ctx.write(f"t/d{i // 100}/f{i}.py", b"x = 1\n" * 20 + (b"eval(x)\n" if i % 10 == 0 else b""))
    stop = threading.Event()

    def churn():
        rnd = random.Random(7)
        while not stop.is_set():
            i = rnd.randrange(2000)
            p = ctx.path("t", f"d{i // 100}", f"f{i}.py")
            try:
                if rnd.random() < 0.5:
                    os.unlink(p)
                else:
                    with open(p, "wb") as f:
                        f.write(b"y = 2\n" * rnd.randrange(1, 400))
            except OSError:
                pass
            if rnd.random() < 0.002:
                shutil.rmtree(ctx.path("t", f"d{rnd.randrange(20)}"), ignore_errors=True)

    t = threading.Thread(target=churn)
    t.start()
    try:
        for _ in range(5):
            ctx.scan_json("t", "-j", "2", limit=120)
    finally:
        stop.set()
        t.join()


# ---- output integrity -------------------------------------------------------------------------

@case()
def full_disk(ctx):
    ctx.write("src/ok.py", b"eval(code)\n" * 200)
    previous = b'{"previous": "complete report"}\n'
    ctx.write("out.json", previous)

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    r = ctx.scan("--output", "json", "--output-file", "out.json", "src", preexec=small_disk)
    check(r.rc == 8, f"exit {r.rc} on a full disk, expected 8; stderr {r.err!r}")
    check(b"out.json" in r.err, f"the message does not name the file: {r.err!r}")
    with open(ctx.path("out.json"), "rb") as f:
        check(f.read() == previous, "the previous report was damaged")
    check(not [n for n in os.listdir(ctx.tmp) if ".tmp." in n], "temporary file left behind")
    r = ctx.scan("--output", "sarif", "--output-file", "/dev/full", "src")
    check(r.rc == 8, f"/dev/full: exit {r.rc}")


@case()
def full_disk_cache(ctx):
    """The cache cannot be written (every file write fails with EFBIG, as on a full disk): the
    scan still succeeds with a complete report on standard output (a pipe), leaves no partial
    entry behind, and a later scan with room uses the cache normally."""
    for i in range(20):
        ctx.write(f"src/m{i}.py", b"import os\nos.system('ls ' + x)\n" + b"y = %d\n" % i)

    def no_room():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1, 1))

    env = dict(os.environ, MCP_SENTINEL_CACHE_KEY_FILE=ctx.path("cache-key"))
    ctx.scan_json("--cache-dir", "cache", "src", env=env)  # creates the key (and entries)
    shutil.rmtree(ctx.path("cache"))
    r, report = ctx.scan_json("--cache-dir", "cache", "src", preexec=no_room, env=env)
    check(report["scan"]["cache"]["enabled"], "the cache was not even tried")
    check(report["summary"]["files_scanned"] == 20 and len(report["findings"]) == 20, report["summary"])
    cache = report["scan"]["cache"]
    check(cache["writes"] == 0, f"cache writes reported on a full disk: {cache}")
    leftovers = []
    for base, _, names in os.walk(ctx.path("cache")):
        leftovers += [n for n in names if os.path.getsize(os.path.join(base, n)) == 0 or ".tmp" in n]
    check(not leftovers, f"partial cache files left behind: {leftovers[:5]}")
    _, again = ctx.scan_json("--cache-dir", "cache", "src", env=env)
    check(again["findings"] == report["findings"], "findings differ once the cache can be written")
    _, warm = ctx.scan_json("--cache-dir", "cache", "src", env=env)
    check(warm["scan"]["cache"]["hits"] == 20 and warm["findings"] == report["findings"], warm["scan"]["cache"])


@case()
def killed_mid_write(ctx):
    """Kills scans at random moments: each report file is always either the previous complete
    one or a complete new one, never truncated."""
    for i in range(300):
        ctx.write(f"src/f{i}.py", (b"import os\n" + b"x = 1\n" * 300 + b"os.system('ls ' + x)\n") * 3)
    for name in ("r.json", "r.sarif"):
        ctx.write(name, b'{"previous": true}\n')
    rnd = random.Random(11)
    t0 = time.monotonic()
    ctx.scan("-j", "2", "--output", "json", "--output-file", "r.json", "--output", "sarif", "--output-file",
             "r.sarif", "src")
    full = time.monotonic() - t0
    completed = 0
    for _ in range(25):
        p = subprocess.Popen([ctx.bin, "scan", "-j", "2", "--output", "json", "--output-file", "r.json",
                              "--output", "sarif", "--output-file", "r.sarif", "src"], cwd=ctx.tmp,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0.0, 2.0 * full))
        p.send_signal(signal.SIGKILL)
        p.wait()
        if p.returncode != -signal.SIGKILL:
            completed += 1
        for name in ("r.json", "r.sarif"):
            with open(ctx.path(name), "rb") as f:
                data = f.read()
            try:
                json.loads(data)
            except ValueError:
                raise Failure(f"{name} is not complete JSON after a kill ({len(data)} bytes)")
        for n in os.listdir(ctx.tmp):  # a killed writer leaves its temporary file: not a report
            if ".tmp." in n:
                os.unlink(ctx.path(n))
    if ctx.verbose:
        print(f"    {completed} of 25 scans completed before the kill (a full scan: {full:.2f}s)", file=sys.stderr)


@case()
def determinism(ctx, runs=5):
    outs = set()
    for i in range(runs):
        for j in ("1", "16"):
            r = ctx.scan("-j", j, "--no-cache", "--output", "json", "--output", "sarif", "--output-file", "r.sarif",
                         os.path.join(ROOT, "corpus"), limit=120)
            check(r.rc in EXIT_FINDINGS, f"exit {r.rc}")
            doc = re.sub(rb'"(started_at|duration_ms|startTimeUtc|endTimeUtc)": *("[^"]*"|[0-9.]+)', b"", r.out)
            with open(ctx.path("r.sarif"), "rb") as f:
                sarif = re.sub(rb'"(started_at|duration_ms|startTimeUtc|endTimeUtc)": *("[^"]*"|[0-9.]+)', b"", f.read())
            outs.add((doc, sarif))
    check(len(outs) == 1, f"{len(outs)} different outputs over {runs * 2} scans of corpus/")


@case(heavy=True)
def determinism_50(ctx):
    determinism(ctx, runs=50)


# ---- driver -----------------------------------------------------------------------------------

class SkipCase(Exception):
    pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--heavy", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    failed = passed = skipped = 0
    for name, fn, heavy in CASES:
        if a.cases and name not in a.cases:
            continue
        if heavy and not a.heavy and not a.cases:
            continue
        tmp = tempfile.mkdtemp(prefix=f"ms-adv-{name}-")
        ctx = Ctx(binary, tmp, a.verbose)
        try:
            fn(ctx)
            print(f"ok {name} ({ctx.elapsed:.2f}s scanning, peak RSS {ctx.peak_kb // 1024} MB)")
            passed += 1
            shutil.rmtree(tmp, ignore_errors=True)
        except SkipCase as e:
            print(f"skip {name}: {e}")
            skipped += 1
            shutil.rmtree(tmp, ignore_errors=True)
        except Failure as e:
            print(f"FAIL {name}: {e} (inputs kept in {tmp})")
            failed += 1
    print(f"adversarial: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Reproducible benchmark of mcp-sentinel (docs/performance.md explains the figures).

    bench/run.py [--bin build/mcp-sentinel] [--work DIR] [--runs N] [--doc docs/performance.md]
    bench/run.py --self-check        # no network: a small tree copied from corpus/, 1 run, no doc

Builds a corpus at run time from the versions pinned in bench/versions.txt (Debian python3-*
packages by `apt-get download`, npm tarballs by `npm pack`) into the scratch directory
($MS_BENCH_DIR, default bench/.work/, never committed), installs the pinned ast-grep there, and
measures mcp-sentinel (cold -j1 / -j all cores, warm cache, a pre-commit sized change), the parse
floor (bench/parse-floor), ast-grep with a small rule set (bench/ast-grep-rules), Bandit on the
Python part and ripgrep (the I/O floor) on the same files. Missing rg/bandit are installed with
apt-get when running as root. Every run is timed: wall time, user+system CPU time (wait4) and
peak RSS (GNU time when present: a child forked from Python would report Python's own RSS).
Exits 1 on an error (a tool failing, a corpus below its size), never because of a speed target.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PY_EXT = {".py", ".pyi", ".pyw"}
JS_EXT = {".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"}
# mcp-sentinel skips these directory names by default (src/core/walker.c); the corpus renames
# them (dist -> _dist) so that every tool reads the same files.
DEFAULT_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", "dist", "build",
                ".mcp-sentinel-cache", ".tox", ".mypy_cache", ".pytest_cache"}
MAX_FILE_SIZE = 2 * 1024 * 1024
MIN_PY_LINES, MIN_JS_LINES = 150_000, 300_000
PRECOMMIT_FILES, PRECOMMIT_LINES = 2000, 500
BIG_LINES = 1_000_000   # the memory targets also hold on a tree of at least this many lines
MEMORY_LIMIT_MB = 48    # ... and --memory-limit bounds the scan of it
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None  # GNU time, for the peak RSS


class BenchError(Exception):
    pass


def log(msg):
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def run(cmd, **kw):
    """Runs a setup command; raises BenchError with its output on failure."""
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    if p.returncode != 0:
        raise BenchError(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stdout[-2000:]}")
    return p.stdout


def read_pins(path):
    pins = []
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if not line:
                continue
            if len(line) != 3 or line[0] not in ("deb", "npm", "tool"):
                raise BenchError(f"{path}: bad line {' '.join(line)}")
            pins.append(tuple(line))
    return pins


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def safe_rel(rel):
    """A path inside the corpus: no component mcp-sentinel skips by default, none hidden."""
    parts = rel.split(os.sep)
    return os.path.join(*["_" + p if (p in DEFAULT_DIRS or p.startswith(".")) else p for p in parts])


def keep(name, size, exts):
    ext = os.path.splitext(name)[1]
    return (ext in exts and size <= MAX_FILE_SIZE and not name.endswith(".min.js")
            and not name.endswith(".bundle.js"))


def copy_tree(src, dst, exts):
    for d, _, files in os.walk(src):
        for name in files:
            p = os.path.join(d, name)
            if os.path.islink(p) or not os.path.isfile(p) or not keep(name, os.path.getsize(p), exts):
                continue
            out = os.path.join(dst, safe_rel(os.path.relpath(p, src)))
            os.makedirs(os.path.dirname(out), exist_ok=True)
            shutil.copyfile(p, out)


def build_corpus(work, pins):
    """Downloads and extracts the pinned packages; returns the manifest (name, version, sha256)."""
    corpus = os.path.join(work, "corpus")
    stamp = os.path.join(work, "corpus.json")
    pin_hash = hashlib.sha256(repr(pins).encode()).hexdigest()
    if os.path.exists(stamp):
        with open(stamp) as f:
            manifest = json.load(f)
        if manifest.get("pins") == pin_hash and os.path.isdir(corpus):
            return manifest
    shutil.rmtree(corpus, ignore_errors=True)
    dl = os.path.join(work, "download")
    os.makedirs(dl, exist_ok=True)
    entries = []
    for kind, name, version in pins:
        if kind == "deb":
            log(f"apt-get download {name}={version}")
            debs = [f for f in os.listdir(dl) if f.startswith(name + "_") and f.endswith(".deb")]
            if not debs:
                run(["apt-get", "download", f"{name}={version}"], cwd=dl)
                debs = [f for f in os.listdir(dl) if f.startswith(name + "_") and f.endswith(".deb")]
            deb = os.path.join(dl, sorted(debs)[0])
            x = tempfile.mkdtemp(dir=work)
            run(["dpkg-deb", "-x", deb, x])
            site = os.path.join(x, "usr", "lib", "python3", "dist-packages")
            if not os.path.isdir(site):
                raise BenchError(f"{deb}: no usr/lib/python3/dist-packages")
            copy_tree(site, os.path.join(corpus, "py", name), PY_EXT)
            shutil.rmtree(x)
            entries.append({"kind": kind, "name": name, "version": version, "sha256": sha256_file(deb)})
        elif kind == "npm":
            log(f"npm pack {name}@{version}")
            tgz_name = name.lstrip("@").replace("/", "-") + f"-{version}.tgz"
            tgz = os.path.join(dl, tgz_name)
            if not os.path.exists(tgz):
                run(["npm", "pack", "--silent", f"{name}@{version}", "--pack-destination", dl])
            if not os.path.exists(tgz):
                raise BenchError(f"npm pack {name}@{version} did not produce {tgz_name}")
            x = tempfile.mkdtemp(dir=work)
            with tarfile.open(tgz) as t:
                t.extractall(x, filter="data") if hasattr(tarfile, "data_filter") else t.extractall(x)
            copy_tree(x, os.path.join(corpus, "js", name.lstrip("@").replace("/", "__")), JS_EXT)
            shutil.rmtree(x)
            entries.append({"kind": kind, "name": name, "version": version, "sha256": sha256_file(tgz)})
    manifest = {"pins": pin_hash, "packages": entries}
    with open(stamp, "w") as f:
        json.dump(manifest, f, indent=1)
    return manifest


def count(tree, exts):
    files = lines = size = 0
    for d, _, names in os.walk(tree):
        for name in names:
            if os.path.splitext(name)[1] in exts:
                with open(os.path.join(d, name), "rb") as f:
                    data = f.read()
                files += 1
                lines += data.count(b"\n")
                size += len(data)
    return files, lines, size


def install_tools(work, pins, self_check):
    """Returns {tool: path or None}; installs what is missing unless --self-check."""
    tools = {}
    for exe, pkg in (("rg", "ripgrep"), ("bandit", "bandit")):
        path = shutil.which(exe)
        if not path and not self_check and os.geteuid() == 0:
            log(f"apt-get install {pkg}")
            run(["apt-get", "install", "-y", "--no-install-recommends", pkg],
                env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
            path = shutil.which(exe)
        tools[exe] = path
    ag = [p for p in pins if p[0] == "tool" and p[1] == "@ast-grep/cli"]
    tools["ast-grep"] = None
    if ag:
        prefix = os.path.join(work, "tools")
        exe = os.path.join(prefix, "node_modules", ".bin", "ast-grep")
        if not os.path.exists(exe) and not self_check:
            log(f"npm install {ag[0][1]}@{ag[0][2]}")
            os.makedirs(prefix, exist_ok=True)
            run(["npm", "install", "--silent", "--no-save", "--no-audit", "--no-fund", "--prefix", prefix,
                 f"{ag[0][1]}@{ag[0][2]}"])
        if os.path.exists(exe):
            tools["ast-grep"] = exe
    return tools


def build_parse_floor(work, build):
    out = os.path.join(work, "parse-floor")
    src = os.path.join(HERE, "parse-floor")
    cache = os.path.join(out, "CMakeCache.txt")
    if os.path.exists(cache):  # a scratch directory reused from another checkout: CMake refuses it
        with open(cache, encoding="utf-8", errors="replace") as h:
            home = re.search(r"^CMAKE_HOME_DIRECTORY:INTERNAL=(.*)$", h.read(), re.M)
        if home is None or os.path.realpath(home.group(1)) != os.path.realpath(src):
            shutil.rmtree(out)
    run(["cmake", "-S", src, "-B", out, f"-DMS_BUILD_DIR={build}",
         "-DCMAKE_BUILD_TYPE=Release"])
    run(["cmake", "--build", out])
    return os.path.join(out, "ms-parse-floor")


class Job:
    """One measured command line; its runs are spread over rounds (see measure_rounds)."""

    def __init__(self, key, cmd, runs, ok=(0,), env=None, cwd=None, prepare=None):
        self.key, self.cmd, self.runs, self.ok, self.env, self.cwd, self.prepare = key, cmd, runs, ok, env, cwd, prepare
        self.walls, self.cpus, self.rss, self.vcsws = [], [], 0, []

    def run_once(self):
        if self.prepare:
            self.prepare()
        # The peak RSS comes from GNU time: a child forked from Python reports Python's own RSS
        # (about 24 MiB) as its peak, the exec'd program's memory only above that.
        with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
            cmd = self.cmd
            if TIME:
                cmd = [TIME, "-f", "%M", "-o", rss_file.name] + cmd
            t0 = time.monotonic()
            p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=self.env, cwd=self.cwd)
            err = p.stderr.read().decode(errors="replace")
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.monotonic() - t0
            p.stderr.close()
            p.returncode = code = os.waitstatus_to_exitcode(status)
            if code not in self.ok:
                raise BenchError(f"{' '.join(self.cmd)} exited {code}:\n{err[-2000:]}")
            rss = ru.ru_maxrss
            if TIME:
                last = rss_file.read().split()
                if not last or not last[-1].isdigit():
                    raise BenchError(f"{TIME} wrote no peak RSS for {' '.join(self.cmd)}")
                rss = int(last[-1])
        self.walls.append(wall)
        self.cpus.append(ru.ru_utime + ru.ru_stime)  # of the waited-for tree: the program under time
        self.rss = max(self.rss, rss)
        self.vcsws.append(ru.ru_nvcsw)  # voluntary context switches: waits for a lock or for I/O

    def result(self):
        return {"wall": statistics.median(self.walls), "cpu": statistics.median(self.cpus), "rss_kib": self.rss,
                "runs": len(self.walls), "min_wall": min(self.walls), "walls": list(self.walls),
                "vcsw": statistics.median(self.vcsws)}


def measure_rounds(jobs):
    """Runs every job once per round, in order, until each has its runs: on a shared machine a
    burst of load then hits every tool alike instead of whichever was being measured."""
    for r in range(max(j.runs for j in jobs)):
        for j in jobs:
            if r < j.runs:
                log(f"round {r + 1}: {j.key}")
                j.run_once()
    return {j.key: j.result() for j in jobs}


def make_big_tree(work, corpus, nlines, self_check):
    """At least BIG_LINES lines: as many hard-linked copies of the corpus as it takes (two at
    least; two only in the self-check). Rebuilt each run, so that it mirrors the corpus."""
    big = os.path.join(work, "big")
    shutil.rmtree(big, ignore_errors=True)
    copies = 2 if self_check else max(2, -(-BIG_LINES // max(nlines, 1)))
    for i in range(copies):
        shutil.copytree(corpus, os.path.join(big, f"copy{i}"), copy_function=os.link)
    return big, copies


def make_precommit_repo(work, corpus, nfiles=PRECOMMIT_FILES):
    """A git repository of nfiles files from the corpus plus one PRECOMMIT_LINES-line file."""
    repo = os.path.join(work, "precommit")
    shutil.rmtree(repo, ignore_errors=True)
    files = []
    for d, _, names in sorted(os.walk(corpus)):
        files += [os.path.join(d, n) for n in sorted(names)]
    if len(files) < nfiles:
        files = files * (nfiles // max(len(files), 1) + 1)
    # the changed file: Python lines from the corpus, in order, cut at PRECOMMIT_LINES lines
    lines = []
    for f in files:
        if f.endswith(".py") and len(lines) < PRECOMMIT_LINES:
            with open(f, "rb") as h:
                lines += h.read().split(b"\n")[:-1]
    if len(lines) < PRECOMMIT_LINES:
        raise BenchError(f"fewer than {PRECOMMIT_LINES} Python lines in the corpus for the pre-commit case")
    big = b"\n".join(lines[:PRECOMMIT_LINES]) + b"\n"
    for i, f in enumerate(files[:nfiles - 1]):
        out = os.path.join(repo, "src", f"d{i // 100:02d}", f"f{i:04d}{os.path.splitext(f)[1]}")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        shutil.copyfile(f, out)
    changed = os.path.join(repo, "src", "changed.py")
    with open(changed, "wb") as h:
        h.write(big)
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    run(git + ["init", "-q", repo])
    run(git + ["-C", repo, "add", "-A"])
    run(git + ["-C", repo, "commit", "-q", "-m", "base"])
    return repo, changed


# Self time grouped by what it is spent on (symbol and object names; no call graphs needed).
# First match wins, after the locks: taking, waiting for and waking on a lock, in libc or in the
# kernel (the "no lock contention visible in a profile").
LOCK_GROUP = "locks and waits (pthread mutexes and conditions, futex)"
LOCK_SYMS = r"pthread_mutex|pthread_cond|pthread_rwlock|pthread_spin|__lll_lock|__lll_unlock|futex|sched_yield"
REGEX_GROUP = "regular expressions (PCRE2, JIT code)"
PERF_GROUPS = [
    ("query analysis (ts_query_new)", r"^(ts_query__analyze|analysis_|ts_query_new|ts_query__)"),
    ("query matching (ts_query_cursor)", r"^ts_query_cursor"),
    ("tree walking (ts_tree_cursor, ts_node: queries and facts)", r"^(ts_tree_cursor|ts_node)"),
    ("parsing (ts_parser, lexers, scanners, subtrees)", r"^(ts_|tree_sitter_|reusable_node|stack_|iterator_|summarize_)"),
    (REGEX_GROUP, r"pcre2"),
    ("SHA-256 (cache keys, HMAC)", r"^ms_sha256|^ms_hmac"),
]


def perf_group(dso, sym, kernel):
    if re.search(LOCK_SYMS, sym):
        return LOCK_GROUP
    if kernel:
        return "kernel (I/O, memory, scheduling)"
    if dso.startswith("[JIT]") or "pcre2" in dso:
        return REGEX_GROUP
    for name, pat in PERF_GROUPS:
        if re.search(pat, sym):
            return name
    if dso.startswith("libc"):
        return "libc (string search, formatting, malloc)"
    if dso == "mcp-sentinel":
        return "mcp-sentinel's own code (facts, rules, cache, report)"
    return "other"


def perf_profile(work, name, cmd, env, cwd=None, freq=999):
    if not shutil.which("perf"):
        return None
    data = os.path.join(work, f"perf-{name}.data")
    p = subprocess.run(["perf", "record", "-F", str(freq), "-o", data, "--"] + cmd, env=env, cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode not in (0, 3, 4, 5, 6):
        log(f"perf record failed ({p.returncode}): {p.stderr[-500:]}")
        return None
    rep = subprocess.run(["perf", "report", "-i", data, "--sort", "dso,symbol", "--stdio"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    rows = []
    for line in rep.splitlines():
        m = re.match(r"\s*([\d.]+)%\s+(\S+(?: tid \d+)?)\s+\[([.k])\]\s+(\S+)", line)
        if m:
            rows.append((float(m.group(1)), m.group(2), m.group(4), m.group(3) == "k"))
    groups = {}
    for pct, dso, sym, kernel in rows:
        g = perf_group(dso, sym, kernel)
        groups[g] = groups.get(g, 0.0) + pct
    return {"top": [r[:3] for r in rows if r[0] >= 0.8][:20], "groups": groups}


def fmt_s(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "mcp-sentinel"))
    ap.add_argument("--work", default=os.environ.get("MS_BENCH_DIR", os.path.join(HERE, ".work")))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--doc", default=os.path.join(ROOT, "docs", "performance.md"))
    ap.add_argument("--no-perf", action="store_true")
    ap.add_argument("--self-check", action="store_true",
                    help="no download: a tree copied from corpus/, one run, no targets, no doc")
    a = ap.parse_args()
    try:
        return bench(a)
    except BenchError as e:
        print(f"bench: error: {e}", file=sys.stderr)
        return 1


def bench(a):
    binary = os.path.abspath(a.bin)
    if not os.access(binary, os.X_OK):
        raise BenchError(f"{binary}: not an executable (build mcp-sentinel first)")
    build = os.path.dirname(binary)
    if a.self_check:
        a.work = tempfile.mkdtemp(prefix="ms-bench-")
        a.runs, a.no_perf = 1, True
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    pins = read_pins(os.path.join(HERE, "versions.txt"))
    if a.self_check:
        corpus = os.path.join(work, "corpus")
        for sub, exts in (("py", PY_EXT), ("js", JS_EXT)):
            copy_tree(os.path.join(ROOT, "corpus"), os.path.join(corpus, sub), exts)
        manifest = {"packages": []}
    else:
        manifest = build_corpus(work, pins)
        corpus = os.path.join(work, "corpus")
    py_dir, js_dir = os.path.join(corpus, "py"), os.path.join(corpus, "js")
    pyc = count(py_dir, PY_EXT)
    jsc = count(js_dir, JS_EXT)
    log(f"corpus: Python {pyc[0]} files {pyc[1]} lines; JS/TS {jsc[0]} files {jsc[1]} lines")
    if not a.self_check and (pyc[1] < MIN_PY_LINES or jsc[1] < MIN_JS_LINES):
        raise BenchError(f"corpus too small: {pyc[1]} Python lines (need {MIN_PY_LINES}), "
                         f"{jsc[1]} JS/TS lines (need {MIN_JS_LINES}): add packages to bench/versions.txt")
    nfiles, nlines = pyc[0] + jsc[0], pyc[1] + jsc[1]
    tools = install_tools(work, pins, a.self_check)
    floor = build_parse_floor(work, build)
    ncpu = os.cpu_count() or 1
    env = dict(os.environ, MCP_SENTINEL_CACHE_KEY_FILE=os.path.join(work, "cache-key"))
    env.pop("MCP_SENTINEL_CACHE_KEY", None)
    cache = os.path.join(work, "cache")
    findings_ok = tuple(range(0, 7))  # 0 and 3..6 are findings; 1/2/7/8 errors (1 is excluded below)
    findings_ok = tuple(c for c in findings_ok if c not in (1, 2))
    scan = [binary, "scan", "--no-repo-config", "--quiet", "--output", "json", "--output-file", os.devnull]
    runs = a.runs

    # the file count mcp-sentinel sees must be the corpus's: the tools compare like with like
    out = subprocess.run(scan[:-2] + ["--no-cache", corpus], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    if out.returncode not in findings_ok:
        raise BenchError(f"mcp-sentinel scan exited {out.returncode}: {out.stderr[-2000:]}")
    report = json.loads(out.stdout)
    summary = report["summary"]
    scanned = summary["files_scanned"]
    if scanned != nfiles:
        raise BenchError(f"mcp-sentinel scanned {scanned} files, the corpus has {nfiles}")
    fl = run([floor, "-j", "1", corpus]).split()
    if int(fl[1]) != nfiles:
        raise BenchError(f"parse floor read {fl[1]} files, the corpus has {nfiles}")
    log(f"mcp-sentinel reports files_scanned={scanned}; parse floor {fl[1]} files")

    # A fill round starts from an empty cache directory that is new, not one just emptied: ext4
    # skips recently freed inodes when it creates files (recently_deleted() reads the inode
    # table for each), and deleting the 4,000 entries of the last round right before the fill
    # cost it 3-4 s of system time, twice the scan, that a CI job's fresh cache never pays. The
    # filled caches are moved aside and deleted after the last timed run.
    aside = []
    for old in [cache] + [os.path.join(work, x) for x in os.listdir(work) if x.startswith("cache-aside-")]:
        shutil.rmtree(old, ignore_errors=True)

    def clear_cache():
        if os.path.exists(cache):
            aside.append(f"{cache}-aside-{len(aside)}")
            os.rename(cache, aside[-1])

    n = str(ncpu)
    # Jobs compared by a target run next to each other in every round, and the targets take the
    # median of the per-round ratios: this host's speed drifts by 10-30 % over minutes, which
    # a ratio of medians taken half a round apart does not cancel. With 2 CPUs, "-j 2" is the
    # all-cores line itself. The order: the scan's -j 1 right before its -j 2 (scaling), then
    # ast-grep (the scan's pair), the floor at all cores (the scan's, one apart) and at -j 1
    # right after it (the floor's scaling).
    sg = [tools["ast-grep"], "scan", "-c", os.path.join(HERE, "sgconfig.yml"), "--json=compact"] if tools["ast-grep"] else None
    J = [Job("cold_j1", scan + ["--no-cache", "-j", "1", corpus], runs, findings_ok, env)]
    if ncpu > 2:  # next to the -j 1 line it is compared with
        J.append(Job("cold_j2", scan + ["--no-cache", "-j", "2", corpus], runs, findings_ok, env))
    J.append(Job("cold_all", scan + ["--no-cache", "-j", n, corpus], runs, findings_ok, env))
    if sg:
        J.append(Job("astgrep_all", sg + ["-j", n, corpus], runs, (0, 1)))
    J += [Job("floor_all", [floor, "-j", n, corpus], runs),
          Job("floor_j1", [floor, "-j", "1", corpus], runs)]
    if sg:
        J.append(Job("astgrep_j1", sg + ["-j", "1", corpus], runs, (0, 1)))
    # cold_fill empties the cache and fills it; warm_all, right after it in each round, reads it
    J += [Job("cold_fill", scan + ["--cache-dir", cache, "-j", n, corpus], runs, findings_ok, env, prepare=clear_cache),
          Job("warm_all", scan + ["--cache-dir", cache, "-j", n, corpus], runs, findings_ok, env)]
    empty = os.path.join(work, "empty")
    os.makedirs(empty, exist_ok=True)
    J += [Job("startup", scan + ["--no-cache", empty], runs, findings_ok, env),
          Job("py_cold_all", scan + ["--no-cache", "-j", n, py_dir], runs, findings_ok, env)]
    if tools["bandit"]:  # one run, in the first round right after py_cold_all's: it is slow
        J.append(Job("bandit", [tools["bandit"], "-r", "-q", "-f", "json", "-o", os.path.join(work, "bandit.json"),
                                py_dir], 1, (0, 1)))
    big, copies = make_big_tree(work, corpus, nlines, a.self_check)
    J += [Job("big_cold", scan + ["--no-cache", "-j", n, big], runs, findings_ok, env),
          Job("big_memlimit", scan + ["--no-cache", "-j", n, "--memory-limit", f"{MEMORY_LIMIT_MB}MB", big], runs,
              findings_ok, env)]
    if tools["rg"]:
        J.append(Job("rg_all", [tools["rg"], "-uu", "-c", "-j", n, "-e", "eval|exec|system|shell=True", corpus],
                     runs, (0, 1)))
    repo, changed = make_precommit_repo(work, corpus, 200 if a.self_check else PRECOMMIT_FILES)
    pc_cache = os.path.join(work, "precommit-cache")
    shutil.rmtree(pc_cache, ignore_errors=True)
    pc_scan = scan + ["--cache-dir", pc_cache]
    subprocess.run(pc_scan + ["."], cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    edits = [0]

    def touch_changed():  # a new edit each run: the changed file is never in the cache
        edits[0] += 1
        with open(changed, "ab") as h:
            h.write(f"# edit {edits[0]}\n".encode())
        run(["git", "-C", repo, "add", "src/changed.py"])

    pc_runs = runs if a.self_check else max(runs, 9)  # ~0.1 s each: enough runs for a steady median
    J += [Job("pc_staged", pc_scan + ["--staged"], pc_runs, findings_ok, env, repo, touch_changed),
          Job("pc_repo", pc_scan + ["."], pc_runs, findings_ok, env, repo, touch_changed)]
    R = measure_rounds(J)
    prof = None
    if not a.no_perf:
        log("perf record (cold, all cores)")
        prof = perf_profile(work, "cold", scan + ["--no-cache", "-j", str(ncpu), corpus], env)
        touch_changed()
        prof_pc = perf_profile(work, "precommit", pc_scan + ["."], env, cwd=repo, freq=9999)
        if prof and prof_pc:
            prof["precommit"] = prof_pc

    shutil.rmtree(big, ignore_errors=True)
    for old in aside:
        shutil.rmtree(old, ignore_errors=True)
    doc = render(a, R, manifest, pins, pyc, jsc, scanned, ncpu, tools, prof, copies)
    if a.self_check:
        must = ["| mcp-sentinel cold, -j 1 |", "| parse floor, -j 1 |", "| pre-commit:", "| the same with `--memory-limit"]
        missing = [m for m in must if m not in doc]
        shutil.rmtree(work, ignore_errors=True)
        if missing:
            raise BenchError(f"self-check: the table lacks {missing}")
        check_lock_target(a, R, manifest, pins, pyc, jsc, scanned, ncpu, tools, copies)
        print("bench self-check: ok")
        return 0
    write_doc(a.doc, doc)
    print(doc)
    return 0


def check_lock_target(a, R, manifest, pins, pyc, jsc, scanned, ncpu, tools, copies):
    """The self-check records no profile: check the lock grouping and the target line it feeds
    on symbols perf reports for glibc's and the kernel's lock code, and on a profile made up."""
    samples = [("libc.so.6", "__lll_lock_wait", False), ("libc.so.6", "pthread_cond_wait@@GLIBC_2.3.2", False),
               ("libc.so.6", "pthread_mutex_lock@@GLIBC_2.2.5", False), ("[kernel.kallsyms]", "do_futex", True)]
    wrong = [s for s in samples if perf_group(*s) != LOCK_GROUP]
    if wrong or perf_group("[kernel.kallsyms]", "clear_page_erms", True) == LOCK_GROUP:
        raise BenchError(f"self-check: lock samples grouped wrongly: {wrong}")
    for share, verdict in ((2.0, "FAIL"), (0.5, "pass")):
        prof = {"top": [], "groups": {LOCK_GROUP: share}}
        doc = render(a, R, manifest, pins, pyc, jsc, scanned, ncpu, tools, prof, copies)
        line = [x for x in doc.splitlines() if x.startswith("| no lock contention")]
        if len(line) != 1 or f"{share:.2f} % of samples" not in line[0] or not line[0].endswith(f"| {verdict} |"):
            raise BenchError(f"self-check: lock target for {share} %: {line}")


def render(a, R, manifest, pins, pyc, jsc, scanned, ncpu, tools, prof, copies):
    nfiles, nlines = pyc[0] + jsc[0], pyc[1] + jsc[1]
    load = os.getloadavg()
    vers = {}
    for exe, args in (("mcp-sentinel", [a.bin, "--version"]), ("ast-grep", [tools.get("ast-grep"), "--version"]),
                      ("rg", [tools.get("rg"), "--version"]), ("bandit", [tools.get("bandit"), "--version"]),
                      ("tree-sitter", ["dpkg-query", "-W", "-f", "${Version}", "libtree-sitter-dev"])):
        if args[0]:
            p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            vers[exe] = p.stdout.strip().splitlines()[0] if p.stdout.strip() else "?"
    rows = [
        ("cold_all", f"mcp-sentinel cold, -j {ncpu} (all cores)", nfiles, nlines),
        ("cold_j2", "mcp-sentinel cold, -j 2", nfiles, nlines),
        ("cold_j1", "mcp-sentinel cold, -j 1", nfiles, nlines),
        ("cold_fill", f"mcp-sentinel cold, fresh --cache-dir (fills it), -j {ncpu}", nfiles, nlines),
        ("warm_all", f"mcp-sentinel warm (cache full), -j {ncpu}", nfiles, nlines),
        ("startup", "mcp-sentinel start-up (empty directory)", 0, 0),
        ("py_cold_all", f"mcp-sentinel cold, Python part, -j {ncpu}", pyc[0], pyc[1]),
        ("floor_all", f"parse floor, -j {ncpu}", nfiles, nlines),
        ("floor_j1", "parse floor, -j 1", nfiles, nlines),
        ("astgrep_all", f"ast-grep (small rule set), -j {ncpu}", nfiles, nlines),
        ("astgrep_j1", "ast-grep (small rule set), -j 1", nfiles, nlines),
        ("rg_all", f"ripgrep (I/O floor), -j {ncpu}", nfiles, nlines),
        ("big_cold", f"mcp-sentinel cold, {nlines * copies:,}-line tree ({copies} copies of the corpus), -j {ncpu}",
         nfiles * copies, nlines * copies),
        ("big_memlimit", f"the same with `--memory-limit {MEMORY_LIMIT_MB}MB`", nfiles * copies, nlines * copies),
        ("bandit", "Bandit, Python part (1 run)", pyc[0], pyc[1]),
        ("pc_staged", f"pre-commit: `scan --staged`, 1 changed {PRECOMMIT_LINES}-line file, warm", 1, PRECOMMIT_LINES),
        ("pc_repo", f"pre-commit: `scan .` of the {PRECOMMIT_FILES}-file repo, 1 changed file, warm",
         PRECOMMIT_FILES, 0),
    ]
    rows = [row for row in rows if row[0] != "cold_j2" or row[0] in R]  # with 2 CPUs, the all-cores line
    L = []
    L.append(f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {ncpu} CPU(s) "
             f"({platform_cpu()}), load average {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} at the end "
             f"(the machine was shared). Median of {a.runs} run(s) per line; peak RSS "
             f"{'from GNU time' if TIME else 'from wait4 (includes the forking Python, about 24 MiB)'}.")
    L.append("")
    L.append(f"Corpus: {pyc[0]} Python files ({pyc[1]} lines, {pyc[2] // 1024} KiB) and {jsc[0]} JS/TS files "
             f"({jsc[1]} lines, {jsc[2] // 1024} KiB); mcp-sentinel reported files_scanned = {scanned}.")
    L.append("")
    L.append("| run | wall | CPU (user+sys) | peak RSS | files/s | lines/s | wall vs ast-grep | wall vs parse floor "
             "| CPU vs ast-grep | CPU vs parse floor |")
    L.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    ag = R.get("astgrep_all", {}).get("wall")
    fl = R.get("floor_all", {}).get("wall")
    agc = R.get("astgrep_all", {}).get("cpu")
    flc = R.get("floor_all", {}).get("cpu")
    for key, label, f, ln in rows:
        r = R.get(key)
        if not r:
            L.append(f"| {label} | not run (tool absent) | | | | | | | | |")
            continue
        w = r["wall"]
        fps = f"{f / w:,.0f}" if f else ""
        lps = f"{ln / w:,.0f}" if ln else ""
        same = f == nfiles and ln == nlines
        vag = f"{w / ag:.2f}×" if ag and same else ""
        vfl = f"{w / fl:.2f}×" if fl and same else ""
        cag = f"{r['cpu'] / agc:.2f}×" if agc and same else ""
        cfl = f"{r['cpu'] / flc:.2f}×" if flc and same else ""
        L.append(f"| {label} | {fmt_s(w)} | {fmt_s(r['cpu'])} | {r['rss_kib'] / 1024:.0f} MiB | {fps} | {lps} "
                 f"| {vag} | {vfl} | {cag} | {cfl} |")
    L.append("")
    L.append(f"Ratios divide by ast-grep's / the parse floor's figure at -j {ncpu} (below 1 = faster than it). "
             "CPU time is the steadier figure on a loaded machine: wall time includes waiting for the CPU. "
             "The targets below take \"paired\" ratios: the median over rounds of the ratio of two runs made "
             "one after the other, which cancels the host's drift in speed (Bandit: its one run over the "
             "Python part's run just before it).")
    L.append("")
    L.append("| target | measured | result |")
    L.append("| --- | --- | --- |")

    def target(name, ok, measured):
        L.append(f"| {name} | {measured} | {'n/a' if ok is None else ('pass' if ok else 'FAIL')} |")

    def w(k):
        return R[k]["wall"] if k in R else None

    def paired(a, b):
        """The median over rounds of a's wall time over b's in the same round."""
        pairs = list(zip(R[a]["walls"], R[b]["walls"]))
        return statistics.median(x / y for x, y in pairs)
    c = w("cold_all")
    if ag:
        r = paired("cold_all", "astgrep_all")
        target("cold, all cores, no slower than ast-grep's small rule set", r <= 1.0,
               f"{fmt_s(c)} vs {fmt_s(ag)}; paired {r:.2f}×")
    else:
        target("cold, all cores, no slower than ast-grep's small rule set", None, "ast-grep absent")
    r = paired("cold_all", "floor_all")
    target("cold, all cores, within 1.5× of the parse floor", r <= 1.5, f"{c / fl:.2f}×; paired {r:.2f}×")
    j2 = "cold_j2" if "cold_j2" in R else "cold_all" if ncpu == 2 else None
    if j2:
        sp = paired("cold_j1", j2)
        fsp = paired("floor_j1", "floor_all") if ncpu == 2 else None
        target("-j 2 at least 1.8× faster than -j 1", sp >= 1.8,
               f"{sp:.2f}×" + (f" (parse floor: {fsp:.2f}×)" if fsp else ""))
    if prof:
        lk = prof["groups"].get(LOCK_GROUP, 0.0)
        target(f"no lock contention visible in a profile (cold, -j {ncpu}: locks and waits under 1 % of samples)",
               lk < 1.0, f"{lk:.2f} % of samples; {R['cold_all']['vcsw']:.0f} voluntary context switches a scan "
               "(median; lock waits and I/O)")
    sp = paired("cold_all", "warm_all")
    target("warm at least 20× faster than cold", sp >= 20, f"{sp:.1f}×")
    target("one changed file (`--staged`, warm) under 100 ms", w("pc_staged") < 0.1, fmt_s(w("pc_staged")))
    peak = max(R[k]["rss_kib"] for k in ("cold_all", "cold_j1", "cold_fill", "warm_all") if k in R) / 1024
    target("peak RSS under 150 MB (full corpus, any mode)", peak * 1.048576 < 150, f"{peak * 1.048576:.0f} MB")
    if "big_cold" in R:
        mb = R["big_cold"]["rss_kib"] / 1024 * 1.048576
        target(f"peak RSS under 150 MB on a tree of {nlines * copies:,} lines", mb < 150 if nlines * copies >= BIG_LINES
               else None, f"{mb:.0f} MB")
        mb = R["big_memlimit"]["rss_kib"] / 1024 * 1.048576
        target(f"`--memory-limit {MEMORY_LIMIT_MB}MB` bounds the peak RSS on it", mb <= MEMORY_LIMIT_MB, f"{mb:.0f} MB")
    if w("bandit"):
        sp = w("bandit") / R["py_cold_all"]["walls"][0]  # the run just before Bandit's
        target("at least 20× faster than Bandit on the Python part", sp >= 20, f"{sp:.1f}×")
    else:
        target("at least 20× faster than Bandit on the Python part", None, "bandit absent")
    L.append("")
    L.append("Versions: " + "; ".join(f"{k} {v}" for k, v in vers.items()) + ".")
    L.append("")
    L.append("Corpus packages (bench/versions.txt; sha256 of the downloaded .deb / .tgz):")
    L.append("")
    for p in manifest["packages"]:
        L.append(f"- {p['kind']} `{p['name']}` {p['version']} `{p['sha256'][:16]}…`")
    for kind, name, version in pins:
        if kind == "tool":
            L.append(f"- tool `{name}` {version}")
    if prof:
        L.append("")
        L.append(f"perf (cold, -j {ncpu}, `perf record -F 999`), self time by symbol (≥ 0.8 %):")
        L.append("")
        L.append("| self % | object | symbol |")
        L.append("| ---: | --- | --- |")
        for pct, dso, sym in prof["top"]:
            L.append(f"| {pct:.2f} | {dso} | `{sym}` |")
        L.append("")
        L.append("Self time by kind of work:")
        L.append("")
        L.append("| kind | share of samples |")
        L.append("| --- | ---: |")
        pc = prof.get("precommit", {}).get("groups", {})
        L[-2] = "| kind | cold scan, share of samples | pre-commit `scan .` (1 changed file), share |"
        L[-1] = "| --- | ---: | ---: |"
        for k, v in sorted(prof["groups"].items(), key=lambda kv: -kv[1]):
            L.append(f"| {k} | {v:.1f} % | {pc.get(k, 0.0):.1f} % |")
    return "\n".join(L) + "\n"


def platform_cpu():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


BEGIN, END = "<!-- bench:begin (generated by bench/run.py) -->", "<!-- bench:end -->"


def write_doc(path, body):
    text = ""
    if os.path.exists(path):
        with open(path) as f:
            text = f.read()
    if BEGIN in text and END in text:
        text = text.split(BEGIN)[0] + BEGIN + "\n" + body + END + text.split(END, 1)[1]
    else:
        text = "# Performance\n\n" + BEGIN + "\n" + body + END + "\n"
    with open(path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Times bench/run.py's pre-commit case alone, without the whole benchmark (docs/performance.md).

    bench/precommit.py --bin build/mcp-sentinel --corpus DIR [--work DIR] [--runs N] [--mode M]...

Builds the same repository as bench/run.py (make_precommit_repo: 2,000 files of the corpus, one
500-line Python file, committed) in --work unless it is there already, fills a cache with one
`scan .`, then for each mode and run appends a line to src/changed.py, stages it and times the
scan end to end (wall, and user+system CPU of the process and its git children). Modes:
`staged` (`scan --staged`, bench/run.py's pc_staged), `staged-path` (`scan --staged
src/changed.py`, what the pre-commit hook runs), `repo` (`scan .`, pc_repo). Prints the
medians; on a shared machine compare the CPU column.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402  (bench/run.py: the same repository recipe)

MODES = {"staged": ["--staged"], "staged-path": ["--staged", "src/changed.py"], "repo": ["."]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True, help="a corpus built by bench/run.py (read only)")
    ap.add_argument("--work", default="/tmp/ms-precommit")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--mode", action="append", choices=sorted(MODES))
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    repo = os.path.join(a.work, "precommit")
    if not os.path.isdir(os.path.join(repo, ".git")):
        os.makedirs(a.work, exist_ok=True)
        bench.make_precommit_repo(a.work, a.corpus)
    cache = os.path.join(a.work, "cache-" + str(os.stat(binary).st_ino))
    env = dict(os.environ, MCP_SENTINEL_CACHE_KEY_FILE=os.path.join(a.work, "cache-key"))
    scan = [binary, "scan", "--no-repo-config", "--quiet", "--output", "json", "--output-file", os.devnull,
            "--cache-dir", cache]
    subprocess.run(scan + ["."], cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for mode in a.mode or ["staged", "staged-path", "repo"]:
        walls, cpus = [], []
        for _ in range(a.runs):
            with open(os.path.join(repo, "src", "changed.py"), "ab") as h:
                h.write(f"# edit {time.time_ns()}\n".encode())
            subprocess.run(["git", "-C", repo, "add", "src/changed.py"], check=True)
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            p = subprocess.run(scan + MODES[mode], cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            t1 = time.perf_counter()
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            if p.returncode not in (0, 3, 4, 5, 6):
                sys.exit(f"{mode}: exit {p.returncode}: {p.stderr.decode(errors='replace')[-400:]}")
            walls.append((t1 - t0) * 1000)
            cpus.append((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000)
        print(f"{mode:12s} wall {statistics.median(walls):7.1f} ms  cpu {statistics.median(cpus):7.1f} ms  "
              f"(runs: wall {[round(w) for w in walls]}, cpu {[round(c) for c in cpus]})")


if __name__ == "__main__":
    main()

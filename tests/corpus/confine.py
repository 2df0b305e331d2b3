#!/usr/bin/env python3
"""Confined queries change no finding: `scan --output json` of corpus/ and tests/rules/ must
report exactly the same findings with queries confined to the ranges around their literals (the
default), confined but each run started from the tree's root rather than below it
(MCP_SENTINEL_NO_DESCEND=1), and with every query walking the whole tree
(MCP_SENTINEL_NO_CONFINE=1).

Usage: python3 tests/corpus/confine.py --bin PATH/TO/mcp-sentinel
Exits 1 and lists the differences when they differ. Ends with `confine: N passed, M failed`.
"""

import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TREES = ("corpus", "tests/rules")
FINDING_EXIT_CODES = (0, 3, 4, 5, 6)


def findings(binary, tree, confine, descend=True):
    env = dict(os.environ)
    env["MCP_SENTINEL_NO_CONFINE"] = "0" if confine else "1"
    env["MCP_SENTINEL_NO_DESCEND"] = "0" if descend else "1"
    proc = subprocess.run([binary, "scan", tree, "--no-cache", "--no-repo-config", "--severity-threshold", "INFO",
                           "--output", "json"], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    if proc.returncode not in FINDING_EXIT_CODES:
        raise RuntimeError("scan %s exited with %d: %s" % (tree, proc.returncode, proc.stderr.decode(errors="replace")))
    doc = json.loads(proc.stdout)
    return sorted(json.dumps(f, sort_keys=True) for f in doc["findings"]), doc["summary"]["files_scanned"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    args = ap.parse_args()
    passed = failed = 0
    for tree in TREES:
        try:
            confined, files = findings(args.bin, tree, True)
            from_root, _ = findings(args.bin, tree, True, descend=False)
            whole, _ = findings(args.bin, tree, False)
        except (RuntimeError, ValueError, OSError, subprocess.TimeoutExpired) as e:
            print("confine: %s" % e)
            failed += 1
            continue
        if confined == whole and from_root == whole and files > 0 and confined:
            passed += 1
            print("ok %s: %d findings in %d files, the same all three ways" % (tree, len(confined), files))
            continue
        failed += 1
        if from_root != whole:
            print("FAIL %s: confined runs from the root %d findings, whole-tree %d" % (tree, len(from_root), len(whole)))
            for f in sorted(set(from_root) ^ set(whole))[:20]:
                print("  %s %s" % ("only from the root:" if f in from_root else "only whole-tree:", f))
        print("FAIL %s: confined %d findings, whole-tree %d" % (tree, len(confined), len(whole)))
        for f in sorted(set(confined) ^ set(whole))[:20]:
            print("  %s %s" % ("only confined:" if f in confined else "only whole-tree:", f))
    print("confine: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

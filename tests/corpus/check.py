#!/usr/bin/env python3
"""Corpus snapshot: the JSON report of `mcp-sentinel scan corpus --output json`, run from the
repository root, must equal tests/corpus/expected.json once `scan.started_at` and
`scan.duration_ms` (which record when and how long the scan ran) are removed.

Usage: python3 tests/corpus/check.py --bin PATH/TO/mcp-sentinel [--update]

On a mismatch prints a unified diff (expected -> actual) and exits 1; --update rewrites
expected.json from the actual report (review the diff against corpus/README.md before
committing: vulnerable servers must report their listed flaws, *-safe servers nothing).
Ends with the single line `corpus snapshot: 1 passed, 0 failed` (or `0 passed, 1 failed`).
"""

import argparse
import difflib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXPECTED = os.path.join(HERE, "expected.json")
VOLATILE = ("started_at", "duration_ms")
FINDING_EXIT_CODES = (0, 3, 4, 5, 6)  # anything else is an error, not a verdict


def serialise(doc):
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def actual_report(binary):
    proc = subprocess.run([binary, "scan", "corpus", "--no-cache", "--output", "json"], cwd=ROOT, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if proc.returncode not in FINDING_EXIT_CODES:
        raise RuntimeError("scan exited with %d: %s" % (proc.returncode, proc.stderr.decode(errors="replace").strip()))
    doc = json.loads(proc.stdout)
    for key in VOLATILE:
        if key not in doc.get("scan", {}):
            raise RuntimeError("the report has no scan.%s (did the schema change?)" % key)
        del doc["scan"][key]
    return doc


def check(args):
    try:
        actual = serialise(actual_report(args.bin))
    except (RuntimeError, ValueError, OSError, subprocess.TimeoutExpired) as e:
        print("corpus: %s" % e)
        return False
    if args.update:
        with open(EXPECTED, "w", encoding="utf-8") as f:
            f.write(actual)
        print("corpus: wrote %s" % os.path.relpath(EXPECTED, ROOT))
        return True
    try:
        with open(EXPECTED, encoding="utf-8") as f:
            expected = serialise(json.load(f))
    except (OSError, ValueError) as e:
        print("corpus: cannot read %s: %s" % (EXPECTED, e))
        return False
    if expected == actual:
        return True
    rel = os.path.relpath(EXPECTED, ROOT)
    sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                               fromfile=rel, tofile="actual (scan corpus --output json)"))
    print("corpus: the report differs from %s (run with --update if the change is intended)" % rel)
    return False


def main():
    ap = argparse.ArgumentParser(description="Compare the corpus scan with its JSON snapshot.")
    ap.add_argument("--bin", required=True, help="path to the mcp-sentinel binary")
    ap.add_argument("--update", action="store_true", help="rewrite expected.json from the actual report")
    args = ap.parse_args()
    args.bin = os.path.abspath(args.bin)
    ok = check(args)
    print("corpus snapshot: %d passed, %d failed" % (1 if ok else 0, 0 if ok else 1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

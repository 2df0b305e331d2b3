#!/usr/bin/env python3
"""Confined queries change no finding: `scan --output json` of corpus/ and tests/rules/ must
report exactly the same findings with queries confined to the ranges around their literals (the
default), confined but each run started from the tree's root rather than below it
(MCP_SENTINEL_NO_DESCEND=1), and with every query walking the whole tree
(MCP_SENTINEL_NO_CONFINE=1). Confined, a grammar's first query group also holds only the patterns
its file can match; whole-tree, every pattern of the file's rules. The built-in rules loaded again
as user rules (ids prefixed `u-`, the built-in ones disabled), whose deferral rests on their
validation build rather than on the unit tests, must also report the same both ways. And the
queries run on our matcher (tree_query.h, the default) must report what they report on
tree-sitter's (MCP_SENTINEL_TS_QUERY=1), confined and whole-tree.

Usage: python3 tests/corpus/confine.py --bin PATH/TO/mcp-sentinel
Exits 1 and lists the differences when they differ. Ends with `confine: N passed, M failed`.
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TREES = ("corpus", "tests/rules")
FINDING_EXIT_CODES = (0, 3, 4, 5, 6)


def user_copies(into):
    """Writes the built-in rules into `into` as user rules; returns the scan options that load
    them instead of the built-in ones."""
    ids = []
    for path in sorted(glob.glob(os.path.join(ROOT, "rules", "**", "*.y*ml"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        m = re.search(r"^id:\s*(\S+)", text, re.M)
        if m is None:
            continue
        ids.append(m.group(1))
        with open(os.path.join(into, "u-%d.yaml" % len(ids)), "w", encoding="utf-8") as f:
            f.write(re.sub(r"^id:\s*(\S+)", r"id: u-\1", text, count=1, flags=re.M))
    return ["--rules", into, "--disable-rule", ",".join(ids)]


def findings(binary, tree, confine, descend=True, extra=(), tree_sitter=False):
    env = dict(os.environ)
    env["MCP_SENTINEL_NO_CONFINE"] = "0" if confine else "1"
    env["MCP_SENTINEL_NO_DESCEND"] = "0" if descend else "1"
    env["MCP_SENTINEL_TS_QUERY"] = "1" if tree_sitter else "0"
    proc = subprocess.run([binary, "scan", tree, "--no-cache", "--no-repo-config", "--severity-threshold", "INFO",
                           "--output", "json", *extra], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
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
    tmp = tempfile.TemporaryDirectory(prefix="confine-rules.")
    user = user_copies(tmp.name)
    for tree in TREES:
        try:
            confined, files = findings(args.bin, tree, True)
            from_root, _ = findings(args.bin, tree, True, descend=False)
            whole, _ = findings(args.bin, tree, False)
            user_confined, _ = findings(args.bin, tree, True, extra=user)
            user_whole, _ = findings(args.bin, tree, False, extra=user)
            ts_confined, _ = findings(args.bin, tree, True, tree_sitter=True)
            ts_whole, _ = findings(args.bin, tree, False, tree_sitter=True)
        except (RuntimeError, ValueError, OSError, subprocess.TimeoutExpired) as e:
            print("confine: %s" % e)
            failed += 1
            continue
        user_ok = user_confined == user_whole and len(user_confined) > 0
        ts_ok = ts_confined == confined and ts_whole == whole
        if confined == whole and from_root == whole and files > 0 and confined and user_ok and ts_ok:
            passed += 1
            print("ok %s: %d findings in %d files, the same all three ways and on tree-sitter's matcher; as user "
                  "rules %d, the same both ways" % (tree, len(confined), files, len(user_confined)))
            continue
        failed += 1
        for name, ours, theirs in (("confined", confined, ts_confined), ("whole-tree", whole, ts_whole)):
            if ours != theirs:
                print("FAIL %s: %s, our matcher %d findings, tree-sitter's %d" % (tree, name, len(ours), len(theirs)))
                for f in sorted(set(ours) ^ set(theirs))[:20]:
                    print("  %s %s" % ("only ours:" if f in ours else "only tree-sitter's:", f))
        if not user_ok:
            print("FAIL %s: as user rules, confined %d findings, whole-tree %d" % (tree, len(user_confined), len(user_whole)))
            for f in sorted(set(user_confined) ^ set(user_whole))[:20]:
                print("  %s %s" % ("only confined:" if f in user_confined else "only whole-tree:", f))
        if from_root != whole:
            print("FAIL %s: confined runs from the root %d findings, whole-tree %d" % (tree, len(from_root), len(whole)))
            for f in sorted(set(from_root) ^ set(whole))[:20]:
                print("  %s %s" % ("only from the root:" if f in from_root else "only whole-tree:", f))
        print("FAIL %s: confined %d findings, whole-tree %d" % (tree, len(confined), len(whole)))
        for f in sorted(set(confined) ^ set(whole))[:20]:
            print("  %s %s" % ("only confined:" if f in confined else "only whole-tree:", f))
    tmp.cleanup()
    print("confine: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

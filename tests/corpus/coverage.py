#!/usr/bin/env python3
"""Rule coverage audit: every built-in rule has

  - fixtures (a `ruleid:` and an `ok:` case) in every applicable language: Python, JavaScript
    and TypeScript for the rules that list them (secret rules, `languages: [text]`, count as all
    three), YAML and .env for rules limited to those;
  - a documentation page, docs/rules/<id>.md;
  - a place in corpus/ where it fires (a finding of the rule in tests/corpus/expected.json at the
    file and line given in tests/corpus/coverage.json) and a place where it must not (a line of
    a corpus file, holding the text given, with no finding of the rule).

Usage: python3 tests/corpus/coverage.py [--markdown FILE] [--write]

Without --write, checks, and also that FILE (default docs/rule-coverage.md) holds the current
table; --write rewrites FILE. Exits 1 on any gap. Ends with `rule coverage: N rules, M gaps`.
"""

import argparse
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
COVERAGE = os.path.join(HERE, "coverage.json")
EXPECTED = os.path.join(HERE, "expected.json")
DOC = os.path.join(ROOT, "docs", "rule-coverage.md")

EXTENSIONS = {
    ".py": "python", ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript",
    ".ts": "typescript", ".mts": "typescript", ".cts": "typescript", ".tsx": "typescript",
    ".yaml": "yaml", ".yml": "yaml", ".env": "dotenv", ".json": "json", ".jsonc": "json",
}
COLUMNS = ("python", "javascript", "typescript")
ANNOTATION = re.compile(r"(?:#|//|/\*)\s*(ruleid|ok):\s*([a-z0-9][a-z0-9, -]*)")


def load_rules():
    rules = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "rules", "**", "*.yaml"), recursive=True)):
        text = open(path, encoding="utf-8").read()
        rid = re.search(r"^id:\s*(\S+)", text, re.M).group(1)
        langs = re.search(r"^languages:\s*\[([^\]]*)\]", text, re.M).group(1)
        rules[rid] = [l.strip() for l in langs.split(",") if l.strip()]
    return rules


def applicable(langs):
    """The fixture languages a rule must cover."""
    if "text" in langs:
        return list(COLUMNS)
    wanted = [l for l in COLUMNS if l in langs]
    return wanted or [l for l in langs if l in ("yaml", "dotenv", "json")]


def load_fixtures():
    """{(rule, language): {"ruleid", "ok"}} from the annotations under tests/rules/."""
    seen = {}
    for path in glob.glob(os.path.join(ROOT, "tests", "rules", "**", "*"), recursive=True):
        base = os.path.basename(path)
        ext = os.path.splitext(base)[1] or (".env" if base.startswith(".env") else "")
        lang = EXTENSIONS.get(ext)
        if lang is None or not os.path.isfile(path):
            continue
        for m in ANNOTATION.finditer(open(path, encoding="utf-8", errors="replace").read()):
            for rid in m.group(2).split(","):
                seen.setdefault((rid.strip(), lang), set()).add(m.group(1))
    return seen


def corpus_findings():
    """{(rule, file, line)} of the corpus snapshot."""
    doc = json.load(open(EXPECTED, encoding="utf-8"))
    return {(f["rule_id"], f["file"], f["start"]["line"]) for f in doc["findings"]}


def check_fires(rid, where, findings):
    path, _, line = where.rpartition(":")
    if (rid, path, int(line)) not in findings:
        return "no finding of %s at %s in tests/corpus/expected.json" % (rid, where)
    return None


def check_ok(rid, ok, findings):
    path, text = ok["file"], ok["text"]
    try:
        lines = open(os.path.join(ROOT, path), encoding="utf-8").read().splitlines()
    except OSError as e:
        return "%s: %s" % (path, e)
    hits = [i + 1 for i, l in enumerate(lines) if text in l]
    if not hits:
        return "%s has no line holding %r" % (path, text)
    for line in hits:
        if (rid, path, line) in findings:
            return "%s fires at %s:%d, the place where it must not" % (rid, path, line)
    return None


def audit():
    rules = load_rules()
    fixtures = load_fixtures()
    findings = corpus_findings()
    coverage = json.load(open(COVERAGE, encoding="utf-8"))
    gaps, rows = [], []
    for rid in sorted(rules):
        langs = applicable(rules[rid])
        cells = {}
        for lang in COLUMNS + ("yaml", "dotenv", "json"):
            kinds = fixtures.get((rid, lang), set())
            if lang in langs:
                cells[lang] = "yes" if kinds >= {"ruleid", "ok"} else "**no**"
                if kinds < {"ruleid", "ok"}:
                    missing = sorted({"ruleid", "ok"} - kinds)
                    gaps.append("%s: no %s fixture in %s" % (rid, " or ".join(missing), lang))
            else:
                cells[lang] = "n/a"
        if not os.path.isfile(os.path.join(ROOT, "docs", "rules", rid + ".md")):
            gaps.append("%s: no docs/rules/%s.md" % (rid, rid))
        entry = coverage.get(rid)
        fires = ok = "**missing**"
        if entry is None:
            gaps.append("%s: no entry in tests/corpus/coverage.json" % rid)
        else:
            err = check_fires(rid, entry["fires"], findings)
            if err:
                gaps.append(err)
            else:
                fires = "`%s`" % entry["fires"]
            err = check_ok(rid, entry["ok"], findings)
            if err:
                gaps.append(err)
            else:
                ok = "`%s` (`%s`)" % (entry["ok"]["file"], entry["ok"]["text"].replace("|", "\\|"))
        other = ", ".join(l for l in langs if l not in COLUMNS)
        rows.append("| `%s` | %s | %s | %s | %s | %s | %s |" % (
            rid, cells["python"], cells["javascript"], cells["typescript"], other or "", fires, ok))
    for rid in sorted(set(coverage) - set(rules)):
        gaps.append("tests/corpus/coverage.json names %s, which is no rule" % rid)
    table = [
        "# Rule coverage",
        "",
        "Generated by `python3 tests/corpus/coverage.py --write` (checked by ctest `rule-coverage`);",
        "do not edit. For every built-in rule: fixtures with a `ruleid:` and an `ok:` case per",
        "applicable language (n/a: the rule does not apply to it), and a place in `corpus/` where it",
        "fires (a finding of the corpus snapshot) and a line where it must not (the file, and the text",
        "on that line). The corpus places are listed in `tests/corpus/coverage.json`.",
        "",
        "| rule | Python | JavaScript | TypeScript | other | corpus: fires | corpus: must not fire |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ] + rows
    return "\n".join(table) + "\n", gaps, len(rules)


def main():
    ap = argparse.ArgumentParser(description="Audit fixtures, docs and corpus places of every rule.")
    ap.add_argument("--markdown", default=DOC, help="the table's file (default docs/rule-coverage.md)")
    ap.add_argument("--write", action="store_true", help="rewrite the table's file")
    args = ap.parse_args()
    table, gaps, n = audit()
    if args.write:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(table)
    else:
        try:
            current = open(args.markdown, encoding="utf-8").read()
        except OSError:
            current = None
        if current != table:
            gaps.append("%s is not current (run tests/corpus/coverage.py --write)" % os.path.relpath(args.markdown, ROOT))
    for g in gaps:
        print("GAP " + g)
    print("rule coverage: %d rules, %d gaps" % (n, len(gaps)))
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())

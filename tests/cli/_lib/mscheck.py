"""Helpers for the check.py scripts of tests/cli cases (run.py puts this directory on PYTHONPATH).

A check.py runs in the case's temporary directory after cmd, with the captured output in
stdout.txt / stderr.txt and the exit code in exit.txt. It fails by raising (use `fail`) or by
exiting non-zero; the last line it prints becomes the reason shown by run.py.
"""

import json
import re
import os
import sys

SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"]
FINDING_KEYS = ["rule_id", "severity", "confidence", "cwe", "file", "start", "end", "snippet", "message",
                "fingerprint"]


class CheckFailed(Exception):
    pass


def fail(msg):
    raise CheckFailed(msg)


def expect(cond, msg):
    if not cond:
        fail(msg)


def read(name):
    with open(name, "rb") as f:
        return f.read().decode("utf-8", errors="replace")


def stdout():
    return read("stdout.txt")


def stderr():
    return read("stderr.txt")


def load_json(name="stdout.txt"):
    text = read(name)
    try:
        return json.loads(text)
    except ValueError as e:
        fail("%s is not valid JSON: %s" % (name, e))


def check_report(doc):
    """Structural checks every JSON report must pass, starting with our published JSON Schema
    (docs/json-schema.json). Returns doc."""
    expect(isinstance(doc, dict), "top level is not an object")
    import sarif_check
    try:
        sarif_check.validate_json_report(doc)
    except sarif_check.SarifError as e:
        fail(str(e))
    expect(isinstance(doc.get("schema_version"), str) and doc["schema_version"],
           "schema_version missing or not a string")
    for key in ("tool", "scan", "summary", "findings", "skipped", "diagnostics"):
        expect(key in doc, "top-level key %r missing" % key)
    summary = doc["summary"]
    findings = doc["findings"]
    for f in findings:
        for k in FINDING_KEYS:
            expect(k in f, "finding %r has no %r" % (f.get("rule_id"), k))
        expect(f["severity"] in SEVERITIES, "bad severity %r" % f["severity"])
        expect(f["confidence"] in ("high", "medium", "low"), "bad confidence %r" % f["confidence"])
        expect(isinstance(f["cwe"], str) and f["cwe"].startswith("CWE-") and f["cwe"][4:].isdigit(),
               "bad cwe %r" % f["cwe"])
        for k in ("start", "end"):
            expect(isinstance(f[k].get("line"), int) and f[k]["line"] >= 1, "bad %s.line in %r" % (k, f))
            expect(isinstance(f[k].get("column"), int) and f[k]["column"] >= 1, "bad %s.column in %r" % (k, f))
        expect((f["start"]["line"], f["start"]["column"]) <= (f["end"]["line"], f["end"]["column"]),
               "end before start in %r" % f)
        expect(isinstance(f["fingerprint"], str) and len(f["fingerprint"]) >= 16, "bad fingerprint %r" % f)
    keys = [(f["file"], f["start"]["line"], f["start"]["column"], f["rule_id"]) for f in findings]
    expect(keys == sorted(keys), "findings are not sorted by (file, line, column, rule_id)")
    # Suppressed findings are listed (marked) but counted apart: summary.suppressed.
    active = [f for f in findings if f.get("suppressed") is None]
    expect(summary.get("findings") == len(active),
           "summary.findings %r != %d unsuppressed findings" % (summary.get("findings"), len(active)))
    sup = summary.get("suppressed")
    expect(isinstance(sup, dict) and sup.get("total") == len(findings) - len(active),
           "summary.suppressed %r, %d suppressed findings" % (sup, len(findings) - len(active)))
    for kind in ("inline", "file", "nosec", "config"):
        n = sum(1 for f in findings if (f.get("suppressed") or {}).get("kind") == kind)
        expect(sup.get(kind) == n, "summary.suppressed.%s is %r, findings say %d" % (kind, sup.get(kind), n))
    by_sev = summary.get("by_severity", {})
    expect(sorted(by_sev) == sorted(SEVERITIES), "summary.by_severity keys %r" % sorted(by_sev))
    for sev in SEVERITIES:
        n = sum(1 for f in active if f["severity"] == sev)
        expect(by_sev[sev] == n, "summary.by_severity.%s is %r, findings say %d" % (sev, by_sev[sev], n))
    expect(summary.get("files_skipped") == len(doc["skipped"]),
           "summary.files_skipped %r != %d skipped entries" % (summary.get("files_skipped"), len(doc["skipped"])))
    for s in doc["skipped"]:
        expect("file" in s and "reason" in s, "skipped entry without file/reason: %r" % s)
    return doc


TERMINAL_FINDING = re.compile(r"^  (\d+):(\d+) +(CRITICAL|HIGH|MEDIUM|LOW|INFO) +.* \[([a-z0-9-]+), (CWE-\d+)\]$")


def terminal_findings(text):
    """Parses the terminal report into (file, line, column, severity, rule_id) tuples, so that a
    check does not depend on the wording of rule messages."""
    found, current = [], None
    for line in text.splitlines():
        if line and not line.startswith(" ") and not re.match(r"^\d+ findings? in ", line) \
                and not line.startswith(("skipped ", "syntax errors in ", "suppression ", "unused-suppression ")):
            current = line
            continue
        mt = TERMINAL_FINDING.match(line)
        if mt:
            expect(current is not None, "finding line before any file header: %r" % line)
            found.append((current, int(mt.group(1)), int(mt.group(2)), mt.group(3), mt.group(4)))
    return found


def exit_code():
    return int(read("exit.txt").strip())


def finding_files(doc):
    return sorted(set(f["file"] for f in doc["findings"]))


def skipped_reasons(doc):
    return {s["file"]: s["reason"] for s in doc["skipped"]}


def main(fn):
    """Runs fn(); prints 'check ok' or the failure and exits accordingly."""
    try:
        fn()
    except CheckFailed as e:
        print("check failed: %s" % e)
        sys.exit(1)
    print("check ok")
    sys.exit(0)

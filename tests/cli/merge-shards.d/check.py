import json
import os
import re

import mscheck as m
import sarif_check as s

VOLATILE = [
    (r'"(started_at|startTimeUtc|endTimeUtc|start_time|end_time)": "[^"]*"', r'"\1": "T"'),
    (r'"duration_ms": \d+', '"duration_ms": 0'),
    (r' (time|timestamp)="[^"]*"', r' \1="T"'),
    (r"\bin \d+(?:\.\d+)?s\b", "in X.XXs"),
    (r'<span class="when">[^<]*</span>', ""),
    (r"<p class=\"meta\">Scanned .*? on ", ""),  # the roots: corpus vs the shards
]


def norm(text):
    for pattern, repl in VOLATILE:
        text = re.sub(pattern, repl, text)
    return text


def check():
    full = m.check_report(m.load_json("all.json"))
    merged = m.check_report(m.load_json("m.json"))
    m.expect(merged["findings"] == full["findings"], "merged findings differ from the unsharded scan's")
    m.expect(merged["summary"] == full["summary"], "summary %r vs %r" % (merged["summary"], full["summary"]))
    m.expect(merged["skipped"] == full["skipped"] and merged["diagnostics"] == full["diagnostics"], "skipped/diags")
    # The inventory comes from the JSON inputs (SARIF has none): the python and javascript shards.
    want = [e for e in full["inventory"] if not e["file"].startswith("corpus/typescript/")]
    m.expect(merged["inventory"] == want and want, "inventory %r" % [e["file"] for e in merged["inventory"]])
    # The JSON shards' roots: javascript, python, then every other corpus directory (as cmd lists them).
    others = sorted("corpus/" + d for d in os.listdir("corpus")
                    if os.path.isdir(os.path.join("corpus", d)) and d not in ("python", "javascript", "typescript"))
    m.expect(merged["scan"]["roots"] == ["corpus/javascript", "corpus/python"] + others,
             "roots %r" % merged["scan"]["roots"])
    for name in ("m.sarif", "combined.sarif"):
        doc = s.load(name)
        s.validate(doc)
        run = s.check_github(doc)
        m.expect(s.result_keys(run) == s.result_keys(s.run_of(s.load("all.sarif"))), "%s results" % name)
    for name in ("all.gitlab", "m.gitlab"):
        s.validate_gitlab(json.loads(m.read(name)))
    for ext in ("sarif", "compact", "md", "xml", "gitlab", "html", "txt"):
        a, b = norm(m.read("all." + ext)), norm(m.read("m." + ext))
        m.expect(a == b, "merged %s differs from the unsharded scan's: first difference near %r" % (
            ext, next((x, y) for x, y in zip(a.splitlines(), b.splitlines()) if x != y) if a != b else ""))
    crit = m.check_report(m.load_json("crit.json"))
    m.expect(crit["findings"] and all(f["severity"] == "CRITICAL" for f in crit["findings"]), "threshold filter")
    m.expect(crit["scan"]["severity_threshold"] == "CRITICAL", "threshold recorded")


m.main(check)

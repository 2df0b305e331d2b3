import json

import mscheck as m
import sarif_check as s


def upload(name):
    lines = [l for l in m.read(name).splitlines() if l.startswith("would run github/codeql-action/upload-sarif@")]
    m.expect(len(lines) == 1, "upload step %r" % m.read(name))
    return json.loads(lines[0].split(" with ", 1)[1])


def check():
    m.expect(m.stdout() == "default: 4\nfail-on-findings=false: 0\nthreshold CRITICAL: 0\nbaseline, nothing new: 0\n"
             "baseline, one new: 4\nbad threshold: 2\n", "job outcomes %r" % m.stdout())
    m.expect(upload("default.txt") == {"category": "mcp-sentinel", "sarif_file": "mcp-sentinel.sarif"}, "upload")
    doc = s.load("default.sarif")
    s.validate(doc)
    s.check_github(doc, category="mcp-sentinel/")
    m.expect(len(doc["runs"][0]["results"]) == 1, "results")
    m.expect(upload("new.txt") == {"category": "mcp-sentinel-pr", "sarif_file": "mcp-sentinel.sarif"}, "upload pr")
    doc = s.load("new.sarif")
    s.validate(doc)
    run = s.check_github(doc, category="mcp-sentinel-pr/")
    m.expect([r["baselineState"] for r in run["results"]] == ["new"], "pr results %r" % run["results"])
    m.expect(run["properties"]["baseline"]["unchanged"] == 1, "pr baseline %r" % run["properties"])


m.main(check)

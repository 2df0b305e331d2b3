import json
import xml.etree.ElementTree as ET

import sarif_check

assert "rc=6" in open("stdout.txt").read()
report = json.load(open("r.json"))
assert report["summary"]["findings"] == 1 and report["summary"]["suppressed"]["inline"] == 1, report["summary"]
assert [f["start"]["line"] for f in report["findings"] if f["suppressed"] is None] == [1]
html = open("r.html").read()
assert 'data-total="1"' in html, "HTML counts the suppressed finding"
assert "1 suppressed (1 inline)" in html
gitlab = json.load(open("r.gitlab.json"))
sarif_check.validate_gitlab(gitlab)
assert [v["location"]["start_line"] for v in gitlab["vulnerabilities"]] == [1], gitlab["vulnerabilities"]
junit = ET.parse("r.xml").getroot()
assert sum(1 for _ in junit.iter("failure")) == 1
md = open("r.md").read()
assert "1 suppressed (1 inline)" in md and "mcp-sentinel: 1 finding" in md, md
compact = open("r.txt").read().splitlines()
assert len(compact) == 1 and ":1:1:" in compact[0], compact

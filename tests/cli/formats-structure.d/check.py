import json
import re
import xml.etree.ElementTree as ET

import mscheck as m
import sarif_check as s

GITLAB_SEVERITY = {"CRITICAL": "Critical", "HIGH": "High", "MEDIUM": "Medium", "LOW": "Low", "INFO": "Info"}
GITLAB_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def check_gitlab(gl, doc):
    s.validate_gitlab(gl)
    m.expect(re.match(r"^15\.\d+\.\d+$", gl["version"]), "gitlab version %r" % gl["version"])
    scan = gl["scan"]
    for part in ("analyzer", "scanner"):
        for k in ("id", "name", "version"):
            m.expect(isinstance(scan[part].get(k), str) and scan[part][k], "scan.%s.%s" % (part, k))
        m.expect(scan[part]["vendor"]["name"], "scan.%s.vendor.name" % part)
    m.expect(scan["type"] == "sast" and scan["status"] == "success", "scan type/status %r" % scan)
    for k in ("start_time", "end_time"):
        m.expect(GITLAB_TIME.match(scan[k]), "scan.%s %r" % (k, scan[k]))
    vulns = gl["vulnerabilities"]
    m.expect(len(vulns) == len(doc["findings"]), "%d vulnerabilities, %d findings" % (len(vulns), len(doc["findings"])))
    ids = set()
    for v, f in zip(vulns, doc["findings"]):
        for k in ("id", "name", "description", "severity", "location", "identifiers"):
            m.expect(k in v, "vulnerability without %r: %r" % (k, v))
        m.expect(UUID.match(v["id"]), "id %r" % v["id"])
        ids.add(v["id"])
        m.expect(v["severity"] == GITLAB_SEVERITY[f["severity"]], "severity %r for %s" % (v["severity"], f["severity"]))
        loc = v["location"]
        m.expect((loc["file"], loc["start_line"], loc["end_line"]) == (f["file"], f["start"]["line"], f["end"]["line"]),
                 "location %r" % loc)
        m.expect(v["identifiers"][0] == {"type": "mcp_sentinel_rule_id", "name": f["rule_id"], "value": f["rule_id"]},
                 "primary identifier %r" % v["identifiers"][0])
        cwe = [i for i in v["identifiers"] if i["type"] == "cwe"]
        m.expect(len(cwe) == 1 and cwe[0]["name"] == f["cwe"] and cwe[0]["value"] == f["cwe"][4:] and
                 cwe[0]["url"].startswith("https://cwe.mitre.org/"), "cwe identifier %r" % cwe)
        for dropped in ("cve", "message", "category", "confidence", "scanner"):  # removed in schema 15.0
            m.expect(dropped not in v, "15.x has no vulnerabilities[].%s" % dropped)
    m.expect(len(ids) == len(vulns), "vulnerability ids are not unique")


def check_junit(path, doc, nrules):
    root = ET.parse(path).getroot()
    suites = root.findall("testsuite")
    m.expect(len(suites) == nrules, "%d test suites for %d rules" % (len(suites), nrules))
    per_rule = {}
    for f in doc["findings"]:
        per_rule[f["rule_id"]] = per_rule.get(f["rule_id"], 0) + 1
    total = 0
    for suite in suites:
        cases = suite.findall("testcase")
        fails = suite.findall("testcase/failure")
        total += len(cases)
        m.expect(int(suite.get("tests")) == len(cases) and int(suite.get("failures")) == len(fails), "suite counts")
        m.expect(len(fails) == per_rule.get(suite.get("name"), 0), "failures of %s" % suite.get("name"))
        m.expect(len(cases) == max(1, len(fails)), "a clean rule has one passing case")
    m.expect(int(root.get("tests")) == total and int(root.get("failures")) == len(doc["findings"]), "totals")


def check_markdown(md, doc):
    by = doc["summary"]["by_severity"]
    for sev, n in by.items():
        if sev in ("INFO",) and doc["scan"]["severity_threshold"] != "INFO":
            continue
        if ["CRITICAL", "HIGH", "MEDIUM", "LOW"].index(sev) > ["CRITICAL", "HIGH", "MEDIUM", "LOW"].index(
                doc["scan"]["severity_threshold"]):
            m.expect("| %s |" % sev not in md.split("\n\n| Severity | Rule")[0], "%s row below threshold" % sev)
            continue
        m.expect("| %s | %d |" % (sev, n) in md, "markdown summary row for %s (%d)" % (sev, n))
    m.expect(md.startswith("## mcp-sentinel: %d finding" % len(doc["findings"])), "markdown title")
    rows = [l for l in md.splitlines() if re.match(r"^\| (CRITICAL|HIGH|MEDIUM|LOW|INFO) \| [a-z]", l)]
    m.expect(len(rows) == len(doc["findings"]), "%d rows, %d findings" % (len(rows), len(doc["findings"])))


def check():
    nrules = len([l for l in m.read("rules.txt").splitlines() if l.strip()])
    for prefix, gl_name in (("r", "gl-sast-report.json.gl"), ("c", "c.gitlab")):
        doc = m.check_report(m.load_json(prefix + ".json"))
        check_gitlab(json.loads(m.read(gl_name)), doc)
        check_junit(prefix + ".xml", doc, nrules)
        check_markdown(m.read(prefix + ".md"), doc)
        compact = m.read(prefix + ".compact").splitlines()
        m.expect(compact == ["%s:%d:%d: %s: [%s] %s" % (f["file"], f["start"]["line"], f["start"]["column"],
                                                        f["severity"].lower(), f["rule_id"], f["message"])
                             for f in doc["findings"]], "compact lines differ from the JSON findings")
    crit = m.load_json("c.json")
    m.expect(crit["findings"] and {f["severity"] for f in crit["findings"]} == {"CRITICAL"}, "threshold")
    m.expect(m.read("r.html").startswith("<!DOCTYPE html>"), "r.html is not the HTML report")
    # The schema checks can fail: a finding with a bad severity or an unknown key is rejected,
    # and what GitLab's ingestion rejects is rejected too.
    expect_rejected(s.validate_json_report, m.load_json("r.json"), "docs/json-schema.json", (
        ("a bad severity", lambda d: d["findings"][0].update(severity="SEVERE")),
        ("an unknown key", lambda d: d["findings"][0].update(extra=1)),
        ("no summary.findings", lambda d: d["summary"].pop("findings")),
    ))
    expect_rejected(s.validate_gitlab, json.loads(m.read("gl-sast-report.json.gl")), "the GitLab schema", (
        ("SARIF-style severity", lambda d: d["vulnerabilities"][0].update(severity="CRITICAL")),
        ("a time with a zone", lambda d: d["scan"].update(end_time="2026-01-01T00:00:00Z")),
        ("no scan.status", lambda d: d["scan"].pop("status")),
        ("an empty analyzer id", lambda d: d["scan"]["analyzer"].update(id="")),
        ("no identifiers", lambda d: d["vulnerabilities"][0].update(identifiers=[])),
        ("a 14.x version", lambda d: d.update(version="14.1.2")),
        ("a line 0", lambda d: d["vulnerabilities"][0]["location"].update(start_line=0)),
        ("a relative link", lambda d: d["vulnerabilities"][0].update(links=[{"url": "docs/x.md"}])),
        ("duplicate ids", lambda d: d["vulnerabilities"].append(d["vulnerabilities"][0])),
    ))


def expect_rejected(validate, doc, schema, mutations):
    for what, mutate in mutations:
        bad = json.loads(json.dumps(doc))
        mutate(bad)
        try:
            validate(bad)
        except s.SarifError:
            continue
        m.fail("%s accepted a report with %s" % (schema, what))

m.main(check)

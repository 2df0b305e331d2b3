import mscheck as m


def check():
    doc = m.check_report(m.load_json())
    got = [(f["rule_id"], f["start"]["line"], f["severity"], f["tool"]) for f in doc["findings"]]
    want = [("mcp-tool-poisoning", 6, "LOW", "low"), ("mcp-tool-poisoning", 11, "MEDIUM", "medium"),
            ("mcp-tool-poisoning", 16, "HIGH", "high"), ("mcp-tool-poisoning", 21, "CRITICAL", "critical")]
    m.expect(got == want, "(rule, line, severity, tool) %r, expected %r" % (got, want))
    signals = [f["message"].split(": ", 1)[1].split(" (weight")[0] for f in doc["findings"]]
    m.expect(signals == ["hidden-markup", "unicode-tags", "hidden-markup, zero-width",
                         "hidden-markup, instruction-override, zero-width"], "signals %r" % signals)
    m.expect(doc["findings"][0]["message"].startswith("Hidden instructions to the model in the description of tool `low`"),
             "message %r" % doc["findings"][0]["message"])
    m.expect(doc["summary"]["by_severity"] == {"CRITICAL": 1, "HIGH": 1, "MEDIUM": 1, "LOW": 1, "INFO": 0},
             "summary %r" % doc["summary"]["by_severity"])


m.main(check)

import mscheck as m


def check():
    doc = m.check_report(m.load_json("report.json"))
    out = m.stdout()
    m.expect(not out.lstrip().startswith("{"), "stdout holds JSON, not the terminal report")
    term = [(f, line, col, rule) for f, line, col, _, rule in m.terminal_findings(out)]
    js = [(f["file"], f["start"]["line"], f["start"]["column"], f["rule_id"]) for f in doc["findings"]]
    m.expect(len(js) == 2, "expected 2 findings in JSON, got %r" % js)
    m.expect(term == js, "terminal %r != json %r" % (term, js))


m.main(check)

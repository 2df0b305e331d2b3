import mscheck as m


def auth_findings(name):
    doc = m.check_report(m.load_json(name))
    return [f for f in doc["findings"] if f["rule_id"] == "mcp-missing-auth"]


def check():
    a = auth_findings("a.json")
    m.expect([(f["severity"], f["start"]["line"]) for f in a] == [("CRITICAL", 13)], repr(a))
    m.expect(a[0]["message"].endswith("can drive MCP tool `run`, whose input reaches a shell command "
                                       "(py-mcp-tool-command-injection, a/server.py:10)."), a[0]["message"])
    b = auth_findings("b.json")
    m.expect([(f["severity"], f["start"]["line"]) for f in b] == [("HIGH", 11)], repr(b))


m.main(check)

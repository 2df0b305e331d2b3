import mscheck as m


def rules_at(name):
    doc = m.check_report(m.load_json(name))
    return [(f["rule_id"], f["file"], f["start"]["line"]) for f in doc["findings"]]


def check():
    m.expect(rules_at("whole-py.json") == [], "auth in py/app.py not seen: %r" % rules_at("whole-py.json"))
    m.expect(rules_at("whole-js.json") == [], "auth in js/app.ts not seen: %r" % rules_at("whole-js.json"))
    m.expect(rules_at("alone-py.json") == [("mcp-missing-auth", "py/main.py", 4)], repr(rules_at("alone-py.json")))
    m.expect(rules_at("alone-js.json") == [("mcp-missing-auth", "js/transport.ts", 5)], repr(rules_at("alone-js.json")))


m.main(check)

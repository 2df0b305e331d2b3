import mscheck as m


def check():
    doc = m.check_report(m.load_json("out.json"))
    fs = doc["findings"]
    m.expect([(f["rule_id"], f["severity"], f["start"]["line"]) for f in fs] ==
             [("py-secret-in-log", "MEDIUM", 13),
              ("py-mcp-tool-unsafe-deserialization", "HIGH", 20),
              ("py-unsafe-deserialization", "MEDIUM", 25)], repr(fs))
    m.expect([s["start"]["line"] for s in fs[0]["trace"]] == [9, 9, 19, 13], repr(fs[0]["trace"]))
    m.expect(fs[0]["trace"][0]["label"] == 'source `os.environ["GITHUB_TOKEN"]`', repr(fs[0]["trace"][0]))


m.main(check)

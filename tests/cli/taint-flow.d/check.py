import mscheck as m


def check():
    out = open("stdout.txt", encoding="utf-8").read()
    m.expect("flow: 12 input `path` of MCP tool `disk_usage` -> 13 assigned to `where` -> 14 passed to `_du()` as `target` -> 8 reaches the sink" in out, out)
    doc = m.check_report(m.load_json("out.json"))
    fs = doc["findings"]
    m.expect([(f["rule_id"], f["severity"], f["tool"], f["start"]["line"]) for f in fs] ==
             [("py-mcp-tool-command-injection", "CRITICAL", "disk_usage", 8)], repr(fs))
    m.expect([s["start"]["line"] for s in fs[0]["trace"]] == [12, 13, 14, 8], repr(fs[0]["trace"]))


m.main(check)

import mscheck as m


def check():
    doc = m.check_report(m.load_json())
    got = [(f["rule_id"], f["file"], f["start"]["line"]) for f in doc["findings"]]
    want = [("mcp-missing-auth", "srv/open.py", 4)]
    m.expect(got == want, "findings %r, expected %r" % (got, want))


m.main(check)

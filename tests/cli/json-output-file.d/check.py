import mscheck as m


def check():
    doc = m.check_report(m.load_json("out.json"))
    m.expect([f["file"] for f in doc["findings"]] == ["src/tool.py"], "findings %r" % doc["findings"])


m.main(check)

import mscheck as m


def check():
    doc = m.check_report(m.load_json())
    sev = doc["summary"]["by_severity"]
    m.expect(sev["CRITICAL"] == 1 and sev["HIGH"] >= 1, "by_severity %r" % sev)


m.main(check)

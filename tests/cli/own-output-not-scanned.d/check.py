import mscheck as m


def check():
    doc = m.check_report(m.load_json("src/report.json"))
    m.expect(doc["summary"]["files_scanned"] == 2, "files_scanned %r" % doc["summary"]["files_scanned"])


m.main(check)

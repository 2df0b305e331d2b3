import mscheck as m


def check():
    doc = m.check_report(m.load_json())
    files = [f["file"] for f in doc["findings"]]
    m.expect(files == ["src/sub/deeper/low.py", "src/top.py"], "findings %r" % files)
    m.expect(doc["summary"]["files_scanned"] == 2, "files_scanned %r" % doc["summary"]["files_scanned"])


m.main(check)

import mscheck as m


def check():
    doc = m.check_report(m.load_json())
    files = [f["file"] for f in doc["findings"]]
    m.expect(files == ["a/one.py", "b/sub/two.js"], "findings in %r" % files)
    m.expect(doc["summary"]["files_scanned"] == 3, "files_scanned %r" % doc["summary"]["files_scanned"])


m.main(check)

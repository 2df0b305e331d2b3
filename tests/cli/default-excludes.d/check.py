import mscheck as m


def check():
    doc = m.check_report(m.load_json())
    files = m.finding_files(doc)
    m.expect(files == ["src/distribution/app.js", "src/keep/app.js", "src/keep/min.js.js", "src/keep/tool.py"],
             "findings in %r" % files)
    m.expect(doc["summary"]["files_scanned"] == 4, "files_scanned %r" % doc["summary"]["files_scanned"])
    m.expect(doc["skipped"] == [], "excluded files must not be listed as skipped: %r" % doc["skipped"])


m.main(check)

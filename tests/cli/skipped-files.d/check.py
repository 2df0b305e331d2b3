import mscheck as m


def check():
    doc = m.check_report(m.load_json())
    reasons = m.skipped_reasons(doc)
    m.expect(reasons == {"src/binary.py": "binary", "src/big.py": "too-large", "src/x.py": "not-a-regular-file",
                         "src/broken.py": "unreadable"}, "skipped %r" % doc["skipped"])
    m.expect(doc["summary"]["files_skipped"] == 4, "files_skipped %r" % doc["summary"]["files_skipped"])
    m.expect(doc["summary"]["files_scanned"] == 1, "files_scanned %r" % doc["summary"]["files_scanned"])
    m.expect(m.finding_files(doc) == ["src/good.py"], "findings in %r" % m.finding_files(doc))


m.main(check)

import mscheck as m


def check():
    out = m.stdout()
    m.expect("rc=6\n" in out, "scan of the tree should exit 6 (LOW finding in good.py): %r" % out)
    doc = m.check_report(m.load_json("report.json"))
    reasons = m.skipped_reasons(doc)
    m.expect(reasons.get("src/secret.py") == "unreadable", "skipped %r" % doc["skipped"])
    m.expect(reasons.get("src/locked") == "unreadable", "unreadable directory not reported: %r" % doc["skipped"])
    m.expect(m.finding_files(doc) == ["src/good.py"], "findings in %r" % m.finding_files(doc))
    # An unreadable file named on the command line is a file-system error.
    m.expect("rc direct=8\n" in out, "scanning the unreadable file directly: %r" % out)
    m.expect("src/secret.py" in m.read("direct.txt"), "error does not name the file")


m.main(check)

import mscheck as m


def check():
    doc = m.check_report(m.load_json())
    m.expect(m.skipped_reasons(doc) == {"src/lib/escape.py": "symlink-outside-tree"}, "skipped %r" % doc["skipped"])
    m.expect("src/lib/real.py" in m.finding_files(doc), "findings in %r" % m.finding_files(doc))
    m.expect(not any("outside" in f["snippet"] or f["file"].endswith("escape.py") for f in doc["findings"]),
             "a finding comes from outside the tree")


m.main(check)

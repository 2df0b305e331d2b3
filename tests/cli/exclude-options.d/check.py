import mscheck as m


def check():
    doc = m.check_report(m.load_json())
    files = m.finding_files(doc)
    m.expect(files == ["src/app/keep.py", "src/gen/g.js"], "findings in %r" % files)


m.main(check)

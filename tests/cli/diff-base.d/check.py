import mscheck as m


def found(name):
    doc = m.check_report(m.load_json(name))
    return [(f["file"], f["start"]["line"]) for f in doc["findings"]], doc


def check():
    m.expect(m.stdout() == "rc changed=6\nrc all=6\nrc comment=0\nrc all-lines alone=2\n", "output %r" % m.stdout())
    got, doc = found("changed.json")
    m.expect(got == [("after.py", 10), ("tool.py", 11), ("untracked.py", 3)], "changed lines: %r" % got)
    m.expect(doc["summary"]["files_scanned"] == 3, "files %r" % doc["summary"])
    got, _ = found("all.json")
    m.expect(got == [("after.py", 5), ("after.py", 10), ("tool.py", 6), ("tool.py", 10), ("tool.py", 11),
                     ("untracked.py", 3)], "all lines: %r" % got)
    m.expect("--all-lines only applies with --diff-base REF" in m.read("all-lines.txt"), "message")


m.main(check)

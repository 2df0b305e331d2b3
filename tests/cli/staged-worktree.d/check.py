import mscheck as m


def findings(name):
    doc = m.check_report(m.load_json(name))
    return [(f["file"], f["start"]["line"]) for f in doc["findings"]]


def check():
    # py-os-system reports at LOW (exit 6): no tool input reaches these calls.
    m.expect(m.stdout() == "rc staged=6\nrc all-1=6\nrc all-2=6\nrc worktree=6\nrc sub=6\n", "output %r" % m.stdout())
    m.expect(m.read("leftovers.txt") == "", "temporary files left: %r" % m.read("leftovers.txt"))
    got = findings("staged.json")
    m.expect(got == [("deleted.py", 3), ("edited.py", 3)], "staged files: %r" % got)
    want = [("assumed.py", 3), ("clean.py", 3), ("deleted.py", 3), ("edited.py", 3), ("ident.py", 3),
            ("samesize.py", 3), ("sparse.py", 3), ("sub/inner.py", 3)]
    for name in ("all-1.json", "all-2.json"):
        got = findings(name)
        m.expect(got == want, "%s: %r" % (name, got))
        doc = m.load_json(name)
        snippet = [f["snippet"] for f in doc["findings"] if f["file"] == "ident.py"][0]
        m.expect(snippet == 'os.system("echo $Id$" + a)', "%s: ident.py not read from the index: %r" % (name, snippet))
    got = findings("worktree.json")
    m.expect(got == [("clean.py", 3), ("fixed.py", 3), ("ident.py", 3), ("ita.py", 3), ("sub/inner.py", 3)],
             "working tree: %r" % got)
    got = findings("sub.json")
    m.expect(got == [("../" + f, n) for f, n in want[:-1]] + [("inner.py", 3)], "from sub/: %r" % got)


m.main(check)

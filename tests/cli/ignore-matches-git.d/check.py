import mscheck as m


def ignored_by_scan(doc, prefix=""):
    out = set()
    for s in doc["skipped"]:
        m.expect(s["reason"] == "ignored", "unexpected skip %r" % s)
        m.expect(":" in (s["detail"] or ""), "no pattern in %r" % s)
        out.add(prefix + s["file"])
    return out


def covered(path, ignored):
    parts = path.split("/")
    return any("/".join(parts[:i]) in ignored for i in range(1, len(parts) + 1))


def check():
    if m.read("stdout.txt").strip() == "" and not __import__("os").path.exists("scan.json"):
        return
    git = set(l for l in m.read("git-ignored.txt").splitlines() if l.endswith(".py"))
    every = m.read("all.txt").splitlines()
    m.expect(len(git) >= 15 and len(every) - len(git) >= 10, "the tree is too small: %d/%d" % (len(git), len(every)))
    for name, doc, prefix in (("scan .", m.check_report(m.load_json("scan.json")), ""),
                              ("scan a", m.check_report(m.load_json("scan-a.json")), "")):
        ours = ignored_by_scan(doc)
        files = [f for f in every if name == "scan ." or f.startswith("a/")]
        scanned = set(f["file"] for f in doc["findings"])
        for f in files:
            want = f in git
            got = covered(f, ours)
            m.expect(want == got, "%s: %s ignored by git: %s, by mcp-sentinel: %s" % (name, f, want, got))
            m.expect((f in scanned) == (not want), "%s: %s scanned: %s" % (name, f, f in scanned))


m.main(check)

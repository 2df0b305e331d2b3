import mscheck as m
import sarif_check as s


def regions(name):
    run = s.run_of(s.load(name))
    return [(r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r["locations"][0]["physicalLocation"]["region"]["startColumn"],
             r["locations"][0]["physicalLocation"]["region"]["endColumn"]) for r in run["results"]]


def check():
    ours = regions("ours.sarif")
    m.expect([c for _, c, _ in ours] == [6, 10, 21, 5], "our code-point columns %r" % ours)
    for name in ("merged.sarif", "elsewhere.sarif"):
        doc = s.load(name)
        s.validate(doc)
        if name == "merged.sarif":  # (elsewhere.sarif's files are not under its working directory)
            s.check_github(doc)
        m.expect(s.run_of(doc)["columnKind"] == "unicodeCodePoints", "%s columnKind" % name)
        m.expect(regions(name) == ours, "%s: columns %r, expected %r" % (name, regions(name), ours))
    js = m.check_report(m.load_json("merged.json"))
    m.expect([(f["start"]["line"], f["start"]["column"], f["end"]["column"]) for f in js["findings"]] == ours,
             "JSON columns")
    gone = regions("gone.sarif")
    m.expect([c for _, c, _ in gone] == [8, 11, 22, 5], "without the file the columns are kept: %r" % gone)


m.main(check)

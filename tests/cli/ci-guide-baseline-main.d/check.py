import mscheck as m
import sarif_check as s


def check():
    m.expect(m.stdout() == "rc=123\n", "xargs reports the scan's findings exit (4) as 123: %r" % m.stdout())
    m.expect("note: 'old.py' does not exist any more (deleted since origin/main): not scanned" in m.stderr(),
             "stderr %r" % m.stderr())
    doc = s.load("pr-changes.sarif")
    s.validate(doc)
    run = s.check_github(doc)
    res = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"], r["baselineState"]) for r in run["results"]]
    m.expect(res == [("keep.py", 5, "new")], "results %r" % res)
    b = run["properties"]["baseline"]
    m.expect((b["new"], b["unchanged"], b["fixed"]) == (1, 1, 1), "counts %r" % b)


m.main(check)

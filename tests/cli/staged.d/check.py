import json
import os

import mscheck as m
import sarif_check as s


def check():
    m.expect(m.stdout() == "rc staged=6\nrc paths=6\nrc baseline=6\nrc nothing staged=0\nrc first commit=6\n", "output %r" % m.stdout())
    m.expect("baseline HEAD (no commits yet): 1 new, 0 unchanged, 0 fixed\n" in m.read("first.txt"), "first commit")
    m.expect(m.read("leftovers.txt") == "", "temporary files left: %r" % m.read("leftovers.txt"))
    doc = m.check_report(m.load_json("staged.json"))
    got = [(f["file"], f["start"]["line"], f["snippet"]) for f in doc["findings"]]
    m.expect(got == [("src/app.py", 5, 'os.system("sh -c " + cmd)'), ("src/new file.py", 3, "os.system(a)")],
             "staged findings %r" % got)
    m.expect(doc["summary"]["files_scanned"] == 2, "files %r" % doc["summary"])
    sarif = s.load("staged.sarif")
    s.validate(sarif)
    run = s.check_github(sarif)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]]
    m.expect(uris == ["src/app.py", "src/new%20file.py"], "uris %r" % uris)
    if os.path.exists("gh.json"):
        gh = json.load(open("gh.json"))["staged-app.py"]
        got = run["results"][0]["partialFingerprints"]["primaryLocationLineHash"]
        m.expect(got == gh["5"], "line hash %r is not the staged content's %r" % (got, gh["5"]))
    got = [(f["file"], f["start"]["line"]) for f in m.check_report(m.load_json("paths.json"))["findings"]]
    m.expect(got == [("src/app.py", 5), ("src/committed.py", 3), ("src/new file.py", 3)], "with PATH: %r" % got)
    doc = m.check_report(m.load_json("baseline.json"))
    got = [(f["file"], f["baseline_state"]) for f in doc["findings"]]
    m.expect(got == [("src/app.py", "new"), ("src/new file.py", "new")], "staged + baseline %r" % got)


m.main(check)

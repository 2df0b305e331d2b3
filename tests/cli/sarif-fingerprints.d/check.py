import json

import mscheck as m
import sarif_check as s


def check():
    out = m.stdout()
    m.expect(out == "rc=4\nnode rc=0\nrc after=4\n", "exit codes %r" % out)
    gh = json.loads(m.read("gh.json"))
    before = s.load("before.sarif")
    s.validate(before)
    run = s.check_github(before)
    results = run["results"]
    files = set()
    for res in results:
        pl = res["locations"][0]["physicalLocation"]
        uri, line = pl["artifactLocation"]["uri"], pl["region"]["startLine"]
        want = gh[uri][str(line)]
        got = res["partialFingerprints"].get("primaryLocationLineHash")
        m.expect(got == want, "%s:%d: primaryLocationLineHash %r, the upload action computes %r" % (uri, line, got, want))
        files.add(uri)
    m.expect(files == set(gh), "results in %r, files %r" % (sorted(files), sorted(gh)))
    m.expect(len(results) == 16, "%d results" % len(results))
    # Identical 100-unit windows: occurrences 1..4 of one hash.
    rep = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results
           if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/repeated.py"]
    m.expect(len(set(h.split(":")[0] for h in rep)) == 1 and [h.split(":")[1] for h in rep] == ["1", "2", "3", "4"],
             "repeated lines %r" % rep)

    # Columns count code points: the line's text before `danger`, in code points, plus one
    # (after.sarif: the files on disk are the edited ones).
    text = open("src/unicode.py", encoding="utf-8").read().split("\n")
    for res in s.run_of(s.load("after.sarif"))["results"]:
        pl = res["locations"][0]["physicalLocation"]
        if pl["artifactLocation"]["uri"] != "src/unicode.py":
            continue
        reg = pl["region"]
        line = text[reg["startLine"] - 1]
        col = line.index("danger(") + 1
        m.expect(reg["startColumn"] == col, "unicode.py:%d start column %d, expected %d" % (reg["startLine"], reg["startColumn"], col))
        m.expect(reg["endColumn"] == line.index(")", col) + 2, "unicode.py:%d end column %d" % (reg["startLine"], reg["endColumn"]))

    # Inserting lines above a finding changes its line, not its fingerprints.
    after = s.load("after.sarif")
    s.validate(after)
    def prints(doc):
        return sorted((r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                       r["partialFingerprints"]["primaryLocationLineHash"],
                       r["partialFingerprints"]["mcpSentinel/v1"]) for r in s.run_of(doc)["results"])
    m.expect(prints(before) == prints(after), "fingerprints changed:\n%r\n%r" % (prints(before), prints(after)))
    lines_b = sorted(s.result_keys(s.run_of(before)))
    lines_a = sorted(s.result_keys(s.run_of(after)))
    m.expect(lines_a != lines_b, "the edit did not move any finding")


m.main(check)

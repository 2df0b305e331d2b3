import mscheck as m
import sarif_check as s


def check():
    doc = s.load("out.sarif")
    s.validate(doc)
    run = s.check_github(doc)
    inv = run["invocations"][0]
    m.expect(inv["executionSuccessful"] is True, "executionSuccessful %r" % inv["executionSuccessful"])
    got = []
    for n in inv["toolExecutionNotifications"]:
        locs = n.get("locations", [])
        m.expect(len(locs) == 1, "notification without one location: %r" % n)
        art = locs[0]["physicalLocation"]["artifactLocation"]
        m.expect(art.get("uriBaseId") == "%SRCROOT%", "notification uri %r" % art)
        got.append((art["uri"], n["level"], n["descriptor"]["id"], n["message"]["text"]))
        if n["descriptor"]["id"] == "file-skipped" and art["uri"] == "src/broken%20link.py":
            m.expect(n.get("properties", {}).get("detail"), "no detail for the broken link: %r" % n)
    want = [
        ("src/big.py", "warning", "file-skipped", "skipped: too-large"),
        ("src/binary.py", "warning", "file-skipped", "skipped: binary"),
        ("src/broken%20link.py", "warning", "file-skipped", "skipped: unreadable"),
        ("src/syntax.py", "note", "syntax-error", "the file has syntax errors; it was scanned with error recovery"),
        ("src/x.py", "warning", "file-skipped", "skipped: not-a-regular-file"),
    ]
    m.expect(got == want, "notifications:\n%r\nexpected\n%r" % (got, want))
    m.expect([k[0] for k in s.result_keys(run)] == ["src/good.py"], "results %r" % s.result_keys(run))

    doc = s.load("many.sarif")
    s.validate(doc)
    run = s.check_github(doc)
    notes = [(n["level"], n["descriptor"]["id"], n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
             for n in run["invocations"][0]["toolExecutionNotifications"]]
    m.expect(notes == [("note", "incomplete", "many/many.py")], "notifications %r" % notes)
    m.expect(len(run["results"]) == 1000, "%d results under the per-file cap" % len(run["results"]))


m.main(check)

import mscheck as m
import sarif_check as s


def check():
    for sarif, js in (("a.sarif", "b.json"), ("src/a.sarif", "src/b.json")):
        doc = s.load(sarif)
        s.validate(doc)
        run = s.check_github(doc)
        report = m.check_report(m.load_json(js))
        want = [(f["file"], f["start"]["line"], f["start"]["column"], f["rule_id"]) for f in report["findings"]]
        m.expect(len(want) == 2, "expected 2 findings in %s, got %r" % (js, want))
        m.expect(s.result_keys(run) == want, "%s %r != %s %r" % (sarif, s.result_keys(run), js, want))
        m.expect(report["summary"]["files_scanned"] == 1, "%s: files_scanned %r" % (js, report["summary"]))


m.main(check)

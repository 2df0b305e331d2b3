import mscheck as m
import sarif_check as s


def check():
    two = s.load("two.sarif")
    s.validate(two)
    m.expect([r["automationDetails"]["id"] for r in two["runs"]] == ["api/", "worker/"],
             "categories %r" % [r["automationDetails"]["id"] for r in two["runs"]])
    for run in two["runs"]:
        m.expect(len(run["results"]) == 1, "one result per run: %r" % run["results"])
    m.expect(two["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "api/a.py",
             "api run holds api/a.py")
    one = s.load("one.sarif")
    s.validate(one)
    run = s.check_github(one, category="api/")
    m.expect(run["automationDetails"]["id"] == "api/", "merged category %r" % run["automationDetails"])
    m.expect(sorted(k[0] for k in s.result_keys(run)) == ["api/a.py", "worker/w.js"], "one run holds both")
    doc = m.check_report(m.load_json("all.json"))
    m.expect(sorted(f["file"] for f in doc["findings"]) == ["api/a.py", "worker/w.js"], "json merges categories")


m.main(check)

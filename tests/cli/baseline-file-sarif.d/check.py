import mscheck as m
import sarif_check as s


def results(name):
    doc = s.load(name)
    s.validate(doc)
    run = s.check_github(doc)
    return run, [(r["locations"][0]["physicalLocation"]["region"]["startLine"], r.get("baselineState"))
                 for r in run["results"]]


def check():
    out = m.stdout()
    m.expect(out == "rc base=6\nrc new=6\nrc all=6\nrc moved=6\nrc other=2\nrc list=2\nrc missing=8\n",
             "exit codes %r" % out)
    run, res = results("base.sarif")
    m.expect(all(st is None for _l, st in res) and "baseline" not in run.get("properties", {}),
             "baselineState without --baseline")
    run, res = results("new.sarif")
    m.expect(res == [(11, "new")], "new.sarif results %r" % res)
    counts = {"against": "base.sarif", "new": 1, "unchanged": 1, "fixed": 1}
    m.expect(run["properties"]["baseline"] == counts, "run properties %r" % run.get("properties"))
    run, res = results("all.sarif")
    m.expect(res == [(7, "unchanged"), (11, "new")], "all.sarif results %r" % res)
    moved = m.check_report(m.load_json("moved.json"))
    m.expect([(f["file"], f["baseline_state"]) for f in moved["findings"]] ==
             [("src/moved.py", "unchanged"), ("src/moved.py", "new")], "moved %r" % moved["findings"])
    err = m.stderr()
    m.expect("other.sarif: baseline: a SARIF run of 'other-tool', not of mcp-sentinel" in err, "stderr %r" % err)
    m.expect("list.json: the baseline is not a JSON report or SARIF log of mcp-sentinel" in err, "stderr %r" % err)
    m.expect("cannot read the baseline missing.sarif" in err, "stderr %r" % err)


m.main(check)

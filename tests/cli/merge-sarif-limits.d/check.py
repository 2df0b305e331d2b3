import gzip

import mscheck as m
import sarif_check as s


def gz(name):
    return len(gzip.compress(open(name, "rb").read()))


def check():
    for name in ("api.sarif", "worker.sarif"):
        doc = s.load(name)
        m.expect(len(doc["runs"][0]["results"]) == 2400, "%s was cut: the test needs each scan whole" % name)
        m.expect(gz(name) <= 300000, "%s is %d bytes gzipped" % (name, gz(name)))
    whole = s.load("whole.sarif")
    m.expect(gz("whole.sarif") > 300000, "the runs together must be over the lowered limit")
    m.expect([len(r["results"]) for r in whole["runs"]] == [2400, 2400], "whole.sarif was cut")

    merged = s.load("merged.sarif")
    s.validate(merged)
    m.expect(gz("merged.sarif") <= 300000, "merged.sarif is %d bytes gzipped, over the limit" % gz("merged.sarif"))
    runs = merged["runs"]
    m.expect([r["automationDetails"]["id"] for r in runs] == ["api/", "worker/"], "categories")
    for run in runs:
        s.check_github({"$schema": merged["$schema"], "version": merged["version"], "runs": [run]},
                       category=run["automationDetails"]["id"])
        results = run["results"]
        m.expect(0 < len(results) < 2400, "%d results kept" % len(results))
        levels = [r["level"] for r in results]
        m.expect("note" not in levels or levels.count("warning") == 1200, "a LOW result kept before every HIGH one")
        notes = [n for n in run["invocations"][0]["toolExecutionNotifications"]
                 if n["descriptor"]["id"] == "results-dropped"]
        m.expect(len(notes) == 1 and "gzipped" in notes[0]["message"]["text"]
                 and notes[0]["message"]["text"].startswith("%d results" % (2400 - len(results))),
                 "notification %r" % notes)


m.main(check)

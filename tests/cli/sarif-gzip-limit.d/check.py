import gzip
import json

import mscheck as m
import sarif_check as s


def check():
    out = m.stdout()
    m.expect("rc full=4" in out and "rc cut=4" in out and "rc raise=4" in out, "exit codes %r" % out)
    full = s.load("full.sarif")
    s.validate(full)
    n_full = len(full["runs"][0]["results"])
    cut = s.load("cut.sarif")
    s.validate(cut)
    s.check_github(cut)
    size = len(gzip.compress(open("cut.sarif", "rb").read()))
    m.expect(size <= 60000, "cut.sarif is %d bytes gzipped, over the limit" % size)
    results = cut["runs"][0]["results"]
    m.expect(0 < len(results) < n_full, "%d results kept of %d" % (len(results), n_full))
    levels = [r["level"] for r in results]
    # The HIGH results (warning) are kept before any LOW one (note).
    m.expect("note" not in levels or levels.count("warning") == 1000, "a LOW result kept before every HIGH one")
    notes = cut["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    dropped = [x for x in notes if x["descriptor"]["id"] == "results-dropped"]
    m.expect(len(dropped) == 1 and "gzipped" in dropped[0]["message"]["text"], "notification %r" % dropped)
    m.expect(str(n_full - len(results)) in dropped[0]["message"]["text"], "the count left out is not stated")
    # The JSON report is not cut: every finding is there.
    m.expect(len(m.load_json("cut.json")["findings"]) == n_full, "JSON lost findings")
    # The variable cannot raise the limit: nothing is cut at 10 MB here either.
    m.expect(len(s.load("raise.sarif")["runs"][0]["results"]) == n_full, "raise.sarif was cut")


m.main(check)

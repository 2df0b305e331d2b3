import mscheck as m


def strip(doc):
    del doc["scan"]["started_at"], doc["scan"]["duration_ms"], doc["scan"]["cache"]
    return doc


def check():
    ref = strip(m.check_report(m.load_json("ref.json")))
    for name in ("a", "b", "c", "d"):
        m.expect(strip(m.load_json(name + ".json")) == ref, "%s.json differs from the uncached report" % name)
    d = m.load_json("d.json")
    c = d["scan"]["cache"]
    m.expect(c["misses"] == 0 and c["rejected"] == 0 and c["hits"] == d["summary"]["files_scanned"], "after: %r" % c)


m.main(check)

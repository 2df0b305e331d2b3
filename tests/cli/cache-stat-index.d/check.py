import mscheck as m


def cache(doc):
    return doc["scan"]["cache"]


def rules_by_file(doc):
    out = {}
    for f in doc["findings"]:
        out.setdefault(f["file"], set()).add(f["rule_id"])
    return out


def check():
    first, second, third, fourth, forged = (m.check_report(m.load_json(n + ".json"))
                                            for n in ("first", "second", "third", "fourth", "forged"))
    c = cache(first)
    m.expect(c["misses"] == 5 and c["unread"] == 0, "cold scan: %r" % c)
    c = cache(second)
    m.expect(c["hits"] == 5 and c["unread"] == 5, "warm scan reads nothing: %r" % c)
    m.expect(second["findings"] == first["findings"] == [], "findings before the change: %r" % second["findings"])
    # f1.py changed under the same size and mtime: read again, and its new finding reported.
    c = cache(third)
    m.expect(c["misses"] == 1 and c["unread"] == 4, "after the change: %r" % c)
    m.expect("py-os-system" in rules_by_file(third).get("src/f1.py", set()), "f1.py: %r" % rules_by_file(third))
    # Changed less than 2 s before the third scan: not recorded, so read again (a hit by content).
    c = cache(fourth)
    m.expect(c["hits"] == 5 and c["unread"] == 4, "a recent change is not trusted: %r" % c)
    m.expect(fourth["findings"] == third["findings"], "fourth scan differs")
    c = cache(forged)
    m.expect(c["hits"] == 5 and c["unread"] == 0, "a forged index is ignored: %r" % c)
    m.expect(forged["findings"] == third["findings"], "forged-index scan differs")
    m.expect("index removed" in m.read("clear.txt"), "cache clear left the index: %r" % m.read("clear.txt"))


m.main(check)

import mscheck as m


def check():
    bound = int(m.read("bound.txt").split()[1])
    kept = set(m.read("kept.txt").split())
    old = set(m.read("old.txt").split())
    size = int(m.read("kept-size.txt"))
    c = m.load_json("second.json")["scan"]["cache"]
    m.expect(c["writes"] == 10 and c["hits"] == 5 and c["evicted"] > 0, "second scan: %r" % c)
    m.expect(size <= bound * 0.9 + 1, "cache is %d bytes, bound %d" % (size, bound))
    new = kept - old
    m.expect(len(new) == 10, "the 10 new entries must survive eviction, %d did" % len(new))
    recent = int(m.read("recent.txt"))
    m.expect(recent == 15, "the 5 entries hit and the 10 written must be young and kept, %d are" % recent)
    m.expect(len(old - kept) == c["evicted"], "evicted %r, but %d old entries are gone" % (c["evicted"], len(old - kept)))
    m.expect("bad size: 2" in m.stdout(), "bad --cache-max-size: %r" % m.stdout())


m.main(check)

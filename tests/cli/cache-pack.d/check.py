import mscheck as m


def check():
    first, second, one, forged = (m.check_report(m.load_json(n + ".json")) for n in ("first", "second", "one", "forged"))
    c = first["scan"]["cache"]
    m.expect(c["misses"] == 70 and c["writes"] == 70, "cold scan: %r" % c)
    m.expect(len(first["findings"]) == 70, "one finding per file: %d" % len(first["findings"]))
    m.expect("pack written" in m.read("notes.txt"), "no pack after a 70-file scan")
    files = m.read("entry-files.txt").split()
    m.expect(files == ["0", "1"], "entry files after the first scan and after the forged one: %r" % files)
    c = second["scan"]["cache"]
    m.expect(c["hits"] == 70 and c["misses"] == 0 and c["rejected"] == 0, "the pack alone serves the scan: %r" % c)
    m.expect(second["findings"] == first["findings"], "results from the pack differ")
    c = one["scan"]["cache"]
    m.expect(c["hits"] == 1 and c["misses"] == 0, "one-file scan: %r" % c)
    inodes = m.read("ino.txt").split()
    m.expect(len(inodes) == 2 and inodes[0] == inodes[1], "the pack was rewritten: %r" % inodes)
    c = forged["scan"]["cache"]
    m.expect(c["hits"] == 69 and c["misses"] == 1 and c["rejected"] == 0, "a forged copy misses alone: %r" % c)
    m.expect(forged["findings"] == first["findings"], "forged-pack scan differs")
    stats = m.read("stats.txt")
    m.expect("entries:  70\n" in stats, "stats: %r" % stats)
    m.expect("cache removed" in m.read("notes.txt"), "cache clear left files: %r" % m.read("clear.txt"))
    m.expect("removed 70 cache entries" in m.read("clear.txt"), "clear: %r" % m.read("clear.txt"))


m.main(check)

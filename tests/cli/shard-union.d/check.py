import mscheck as m


def key(f):
    return (f["file"], f["start"]["line"], f["start"]["column"], f["rule_id"], f["fingerprint"])


def check():
    full = m.check_report(m.load_json("full.json"))
    files = full["summary"]["files_scanned"]
    for n in range(1, 5):
        shards = [m.check_report(m.load_json("shard-%d-%d.json" % (k, n))) for k in range(1, n + 1)]
        scanned = sum(s["summary"]["files_scanned"] for s in shards)
        m.expect(scanned == files, "N=%d: %d files scanned in all, the full scan has %d" % (n, scanned, files))
        found = sorted(key(f) for s in shards for f in s["findings"])
        m.expect(found == sorted(key(f) for f in full["findings"]), "N=%d: the shards' findings differ from the full scan's" % n)
        skipped = sorted(x["file"] for s in shards for x in s["skipped"])
        m.expect(skipped == ["tree/binary.py"], "N=%d: skipped %r" % (n, skipped))
        for k, s in enumerate(shards, 1):
            m.expect(s["scan"]["shard"] == {"index": k, "count": n}, "scan.shard %r" % s["scan"]["shard"])
            if n > 1:
                m.expect(0 < s["summary"]["files_scanned"] < files, "N=%d K=%d: %d files" % (n, k, s["summary"]["files_scanned"]))
    m.expect(full["scan"]["shard"] is None, "unsharded scan.shard %r" % full["scan"]["shard"])
    cold, warm = m.load_json("cold-2-3.json"), m.load_json("warm-2-3.json")
    m.expect(cold["findings"] == warm["findings"] and cold["summary"] == warm["summary"], "warm shard differs")
    m.expect(warm["scan"]["cache"]["misses"] == 0, "warm shard: %r" % warm["scan"]["cache"])
    c = cold["scan"]["cache"]
    m.expect(c["hits"] + c["misses"] == files + 1 and cold["summary"]["files_scanned"] < files,
             "a shard must also read the other shards' files (for their facts): %r" % c)
    out = m.stdout()
    for bad in ("0/2", "3/2", "x", "2", "1/0", "/2", "1/", "1/2/3", "-1/2", "1/2000"):
        m.expect("--shard %s: 2\n" % bad in out, "--shard %s must exit 2: %r" % (bad, out))


m.main(check)

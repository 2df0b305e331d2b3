import mscheck as m


def check():
    small = m.check_report(m.load_json("small-limit.json"))
    m.expect(m.skipped_reasons(small) == {"src/big.py": "memory-limit"}, "skipped %r" % small["skipped"])
    m.expect("MB" in small["skipped"][0]["detail"], "detail %r" % small["skipped"][0]["detail"])
    m.expect(m.finding_files(small) == ["src/small.py"], "findings in %r" % m.finding_files(small))
    for name in ("guide-limit.json", "gib-limit.json"):
        doc = m.check_report(m.load_json(name))
        m.expect(doc["skipped"] == [] and doc["summary"]["files_scanned"] == 2, "%s: %r" % (name, doc["summary"]))
    out = m.stdout()
    m.expect("1MB: 2\n" in out and "--memory-limit is too small" in m.read("tiny.txt"), "1MB: %r %r" % (out, m.read("tiny.txt")))
    for bad in ("lots", "0", "-5MB", "12XB"):
        m.expect("--memory-limit %s: 2\n" % bad in out, "--memory-limit %s must exit 2: %r" % (bad, out))


m.main(check)

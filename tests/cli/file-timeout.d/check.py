import mscheck as m


def check():
    short = m.check_report(m.load_json("short.json"))
    m.expect(m.skipped_reasons(short) == {"src/big.py": "timeout"}, "skipped %r" % short["skipped"])
    m.expect("--file-timeout" in short["skipped"][0]["detail"], "detail %r" % short["skipped"][0]["detail"])
    m.expect(m.finding_files(short) == ["src/small.py"], "findings in %r" % m.finding_files(short))
    again = m.load_json("short-again.json")
    m.expect(m.skipped_reasons(again) == {"src/big.py": "timeout"}, "a timed-out result must not be cached")
    default = m.check_report(m.load_json("default.json"))
    m.expect(default["skipped"] == [] and default["summary"]["files_scanned"] == 2, "default: %r" % default["summary"])
    out = m.stdout()
    for bad in ("-1", "abc", "1s", "100000"):
        m.expect("--file-timeout %s: 2\n" % bad in out, "--file-timeout %s must exit 2: %r" % (bad, out))
    m.expect("--file-timeout 0: 6\n" in out, "--file-timeout 0 (no limit): %r" % out)


m.main(check)

import mscheck as m


def check():
    out = m.stdout()
    m.expect("identical\n" in out, "reports differ: %r" % out)
    m.expect("rc -j 1: 3\n" in out and "rc -j 8: 3\n" in out, "exit codes: %r" % out)
    doc = m.check_report(m.load_json("j8.json"))
    n = int(out.split("files: ")[1].split()[0])
    m.expect(n >= 300, "only %d files generated" % n)
    m.expect(doc["summary"]["files_scanned"] == n, "files_scanned %r, generated %d" % (doc["summary"]["files_scanned"], n))
    m.expect(len(doc["findings"]) > n, "suspiciously few findings: %d" % len(doc["findings"]))


m.main(check)

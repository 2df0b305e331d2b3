import mscheck as m


def check():
    m.expect(m.stdout() == "rc=3\n", "exit code %r" % m.stdout())
    doc = m.check_report(m.load_json("r.json"))
    got = [(f["file"], f["start"]["line"], f["tool"], f["message"].split(" of MCP")[0]) for f in doc["findings"]]
    m.expect(got == [
        ("src/server.js", 10, "status", "Input `unit`"),
        ("src/server.js", 12, "ping", "Input `host`"),
        ("src/server.py", 13, "archive", "Input `path`"),
        ("src/server.py", 16, "grep", "Input `pattern`"),
        ("src/server.py", 18, "dump", "Input `arguments`"),
    ], "findings %r" % got)
    by_line = {(f["file"], f["start"]["line"]): f for f in doc["findings"]}
    labels = [s["label"] for s in by_line[("src/server.py", 13)]["trace"]]
    m.expect(labels[0] == "tool arguments `arguments` (low-level handler)", "trace %r" % labels)
    m.expect("tool argument `path` (low-level handler)" in labels, "trace %r" % labels)
    labels = [s["label"] for s in by_line[("src/server.js", 12)]["trace"]]
    m.expect("tool argument `host` (low-level handler)" in labels, "trace %r" % labels)


m.main(check)

import mscheck as m


def check():
    m.expect(m.stdout() == "rc all=3\nrc high=3\n", "exit codes %r" % m.stdout())
    doc = m.check_report(m.load_json("all.json"))
    got = [(f["file"], f["start"]["line"], f["severity"], f["rule_id"]) for f in doc["findings"]]
    m.expect(got == [
        ("src/server.js", 7, "CRITICAL", "js-mcp-tool-command-injection"),
        ("src/server.js", 12, "LOW", "js-spawn-shell-true"),
        ("src/server.py", 10, "LOW", "py-os-system"),
        ("src/server.py", 15, "CRITICAL", "py-mcp-tool-command-injection"),
        ("src/server.py", 20, "CRITICAL", "py-mcp-tool-code-injection"),
        ("src/server.py", 24, "LOW", "py-eval-exec"),
    ], "findings %r" % got)
    lines = [(f, l) for f, l, _s, _r in got]
    m.expect(len(lines) == len(set(lines)), "a line reported twice: %r" % got)
    doc = m.check_report(m.load_json("high.json"))
    got = [(f["file"], f["start"]["line"], f["rule_id"]) for f in doc["findings"]]
    m.expect(got == [("src/server.js", 7, "js-mcp-tool-command-injection"),
                     ("src/server.py", 15, "py-mcp-tool-command-injection"),
                     ("src/server.py", 20, "py-mcp-tool-code-injection")], "at HIGH %r" % got)


m.main(check)

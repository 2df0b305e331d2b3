import mscheck as m


def check():
    m.expect(m.stdout() == "nothing staged: 0\nvulnerable staged: 6\nfixed staged: 0\n"
             "all files, index clean: 0\nall files, index vulnerable: 6\n", "exit codes %r" % m.stdout())
    m.expect(m.read("hook-argv.txt") == "hook runs: mcp-sentinel scan --staged --no-color server.py\n",
             "argv %r" % m.read("hook-argv.txt"))
    found = m.terminal_findings(m.read("staged-bad.txt"))
    m.expect([(f, l, r) for f, l, _c, _s, r in found] == [("server.py", 5, "py-os-system")], "findings %r" % found)
    found = m.terminal_findings(m.read("all-files.txt"))
    m.expect([(f, l) for f, l, _c, _s, _r in found] == [("server.py", 5)], "all files %r" % found)


m.main(check)

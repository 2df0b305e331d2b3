import mscheck as m


def check():
    found = [(f, line, sev, rule) for f, line, _, sev, rule in m.terminal_findings(m.stdout())]
    m.expect(found == [("src/tool.py", 2, "HIGH", "py-tls-verify-disabled")], "findings %r" % found)


m.main(check)

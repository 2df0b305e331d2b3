import mscheck as m


def check():
    found = [(f, line, rule) for f, line, _, _, rule in m.terminal_findings(m.stdout())]
    m.expect(found == [("src/app.min.js", 1, "js-eval"), ("src/tool.py", 3, "py-os-system")],
             "findings %r" % found)


m.main(check)

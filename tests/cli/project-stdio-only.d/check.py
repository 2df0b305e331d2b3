import mscheck as m


def check():
    out = m.stdout()
    m.expect(m.terminal_findings(out) == [], "unexpected findings:\n" + out)
    m.expect("0 findings in 3 files" in out, out)


m.main(check)

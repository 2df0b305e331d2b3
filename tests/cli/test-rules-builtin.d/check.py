import re
import mscheck as m


def check():
    out = m.stdout()
    m.expect(re.search(r"^rule tests: [1-9]\d* passed, 0 failed(, \d+ todo)?$", out, re.M), "summary line: %r" % out[-300:])
    m.expect("FAIL" not in out, "failures:\n" + "\n".join(l for l in out.splitlines() if "FAIL" in l))


m.main(check)

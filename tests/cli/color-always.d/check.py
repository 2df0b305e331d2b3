import re
import mscheck as m


def check():
    for name in ("always.txt", "always-nocolor.txt"):
        text = m.read(name)
        m.expect(re.search(r"\x1b\[[0-9;]*m", text), "%s has no SGR escape sequences" % name)
        plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
        m.expect(plain.startswith("src/tool.py\n"), "%s: unexpected text %r" % (name, plain[:80]))


m.main(check)
